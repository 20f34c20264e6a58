import { useQuery } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import type { DevnetManifest } from '../chain/devnetManifest'
import { devnetManifestQueryOptions } from '../chain/devnetManifestQuery'
import { Notice } from '../ui/Notice'

/**
 * Loads the devnet manifest and renders its children with it. Without a usable manifest the page
 * says why and keeps looking (the devnet may still be starting).
 */
export function ManifestGate({ children }: { children: (manifest: DevnetManifest) => ReactNode }) {
  const manifest = useQuery(devnetManifestQueryOptions())

  // A failed re-read (say, while the devnet rewrites the file) keeps the manifest already loaded.
  if (manifest.data) return children(manifest.data)
  if (manifest.isError)
    return (
      <Notice tone="error" title="The app has no devnet to talk to">
        <p data-testid="manifest-error">{manifest.error.message}</p>
        <p className="muted">Looking again every second.</p>
      </Notice>
    )
  return <p className="muted">Loading the devnet manifest…</p>
}

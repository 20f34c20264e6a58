import { useQuery } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import type { DevnetManifest } from '../chain/devnetManifest'
import { devnetManifestQueryOptions } from '../chain/devnetManifestQuery'
import { Notice } from '../ui/Notice'

/**
 * Loads the devnet manifest and renders its children with it, or without it once it is known that
 * none is served: the live markets need no devnet. Until the first answer the page waits, so that a
 * served devnet is the default market from the first paint. Without a manifest the page says why and
 * keeps looking (the devnet may still be starting).
 */
export function ManifestGate({ children }: { children: (manifest: DevnetManifest | undefined) => ReactNode }) {
  const manifest = useQuery(devnetManifestQueryOptions())

  // A failed re-read (say, while the devnet rewrites the file) keeps the manifest already loaded.
  if (manifest.data) return children(manifest.data)
  if (manifest.isError)
    return (
      <>
        <Notice tone="info" title="No devnet here: live markets only">
          <p data-testid="manifest-error">{manifest.error.message}</p>
          <p className="muted">Looking again every second.</p>
        </Notice>
        {children(undefined)}
      </>
    )
  return <p className="muted">Loading the devnet manifest…</p>
}

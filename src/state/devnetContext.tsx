import { createContext, type ReactNode, useContext } from 'react'
import type { Chain } from 'viem'
import type { DevnetManifest } from '../chain/devnetManifest'

type Devnet = { manifest: DevnetManifest; chain: Chain }

const DevnetContext = createContext<Devnet | null>(null)

/** Gives the screens the loaded manifest (addresses, accounts) and its chain. */
export function DevnetProvider({ value, children }: { value: Devnet; children: ReactNode }) {
  return <DevnetContext value={value}>{children}</DevnetContext>
}

export function useDevnet(): Devnet {
  const devnet = useContext(DevnetContext)
  if (!devnet) throw new Error('useDevnet outside <DevnetProvider>: the manifest is not loaded')
  return devnet
}

import type { Address } from 'viem'
import { useConnection } from 'wagmi'
import { useWatching, type WatchTarget } from '../../state/watchlistStore'

export type ActiveAccount =
  /** A watched address: read-only, whatever wallet is connected. */
  | { source: 'watch'; address: Address; target: WatchTarget; readOnly: true }
  | { source: 'wallet'; address: Address; readOnly: false }
  | { source: 'none'; address: undefined; readOnly: true }

/**
 * The account the dashboard shows: the watched address if there is one, else the connected
 * wallet's. Anything that would sign (one-click proposals) must check `readOnly`.
 */
export function useActiveAccount(): ActiveAccount {
  const watching = useWatching()
  const { address } = useConnection()
  if (watching) return { source: 'watch', address: watching.address, target: watching, readOnly: true }
  if (address) return { source: 'wallet', address, readOnly: false }
  return { source: 'none', address: undefined, readOnly: true }
}

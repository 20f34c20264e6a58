import type { Address } from 'viem'
import { useConnection } from 'wagmi'
import { useMarketContext } from '../../state/marketContext'
import { useWatching, type WatchTarget } from '../../state/watchlistStore'

export type ActiveAccount =
  /** A watched address: read-only, whatever wallet is connected. */
  | { source: 'watch'; address: Address; target: WatchTarget; readOnly: true }
  | { source: 'wallet'; address: Address; readOnly: false }
  | { source: 'none'; address: undefined; readOnly: true }

/**
 * The account the dashboard shows: the watched address if there is one (on the market shown; the
 * watch controls keep the two together), else the connected wallet's. Anything that would sign
 * (one-click proposals) must check `readOnly`.
 */
export function useActiveAccount(): ActiveAccount {
  const watching = useWatching()
  const { market } = useMarketContext()
  const { address } = useConnection()
  if (watching && watching.marketId === market.id)
    return { source: 'watch', address: watching.address, target: watching, readOnly: true }
  if (address) return { source: 'wallet', address, readOnly: false }
  return { source: 'none', address: undefined, readOnly: true }
}

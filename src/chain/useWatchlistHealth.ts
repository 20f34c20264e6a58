import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { Address } from 'viem'
import { useClient } from 'wagmi'
import type { AaveMarket } from './aaveMarket'
import { queryKeys } from './queryKeys'
import { readWatchlistHealth } from './readWatchlistHealth'
import { useHead } from './useHead'

/**
 * The health of every watched account on the market shown, at the latest block, in one eth_call
 * (readWatchlistHealth): the cost does not grow with the list. The previous block's answer stays
 * on screen while the next is read.
 */
export function useWatchlistHealth({
  chainId,
  market,
  users,
}: {
  chainId: number
  market: AaveMarket
  users: readonly Address[]
}) {
  const client = useClient({ chainId })
  const head = useHead(chainId).data
  return useQuery({
    queryKey: queryKeys.watchlistHealth(chainId, { pool: market.pool, users, blockHash: head?.hash ?? '0x' }),
    queryFn: () => {
      if (!client || !head) throw new Error('watchlist read without client or block')
      return readWatchlistHealth(client, { market, users, blockNumber: head.number })
    },
    enabled: Boolean(client && head && users.length > 0),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 10_000,
    placeholderData: keepPreviousData,
  })
}

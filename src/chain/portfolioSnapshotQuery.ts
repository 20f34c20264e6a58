import { queryOptions } from '@tanstack/react-query'
import type { Address, Client } from 'viem'
import type { PortfolioSnapshot } from '../engine/snapshot'
import type { AaveMarket } from './aaveMarket'
import type { BlockHeader } from './blockStream'
import { queryKeys } from './queryKeys'
import { readPortfolioSnapshot } from './readPortfolioSnapshot'

export type PortfolioSnapshotQueryParameters = {
  client: Client | undefined
  chainId: number
  market: AaveMarket
  user: Address | undefined
  head: BlockHeader | undefined
}

/**
 * The account's PortfolioSnapshot at the head block (one eth_call: readPortfolioSnapshot), for the
 * risk engine. Like account data: one query per block hash, never stale, the previous block's
 * snapshot kept while the next is read (same account and market only).
 */
export function portfolioSnapshotQueryOptions({
  client,
  chainId,
  market,
  user,
  head,
}: PortfolioSnapshotQueryParameters) {
  return queryOptions({
    queryKey: queryKeys.portfolioSnapshot(chainId, {
      pool: market.pool,
      user: user ?? '0x0000000000000000000000000000000000000000',
      blockHash: head?.hash ?? '0x',
    }),
    queryFn: (): Promise<PortfolioSnapshot> => {
      if (!client || !user || !head) throw new Error('snapshot read without client, account or block')
      return readPortfolioSnapshot(client, { market, user, blockNumber: head.number })
    },
    enabled: Boolean(client && user && head),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 10_000,
    // A new snapshot every block: comparing it deeply with the last one is work for nothing, and
    // the risk worker keys its requests on object identity anyway.
    structuralSharing: false,
    placeholderData: (previous, previousQuery) => {
      const previousParams = previousQuery?.queryKey[3]
      return previousParams?.user === user && previousParams?.pool === market.pool ? previous : undefined
    },
  })
}

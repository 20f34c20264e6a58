import { queryOptions } from '@tanstack/react-query'
import type { Address, Client } from 'viem'
import type { PortfolioSnapshot } from '../engine/snapshot'
import type { AaveMarket } from './aaveMarket'
import type { BlockHeader } from './blockStream'
import { isPriceHistoryWarm, warmPriceHistory } from './priceHistoryWarmup'
import { queryKeys } from './queryKeys'
import { DEFAULT_PRICE_HISTORY_WINDOW, type PriceHistoryWindow, readPortfolioSnapshot } from './readPortfolioSnapshot'

export type PortfolioSnapshotQueryParameters = {
  client: Client | undefined
  chainId: number
  market: AaveMarket
  user: Address | undefined
  head: BlockHeader | undefined
  /** Oracle history carried by each snapshot (readPriceHistory's per-client cache; none when false). */
  history?: PriceHistoryWindow | false
}

/**
 * The account's PortfolioSnapshot at the head block (one eth_call: readPortfolioSnapshot), for the
 * risk engine: the market's reserves and the account's, the market's Uniswap V3 pools and the
 * account's LP positions where the market names a Uniswap venue (the devnet does), the chain's own
 * getUserAccountData (the page's headline, so the page sends one eth_call per block), and each price
 * feed's rounds of the last 14 days (from the second read of a market on: the first shows the health
 * factor without waiting for the history walk). Like account data: one query per block hash, never stale, the
 * previous block's snapshot kept while the next is read (same account and market only).
 */
export function portfolioSnapshotQueryOptions({
  client,
  chainId,
  market,
  user,
  head,
  history = DEFAULT_PRICE_HISTORY_WINDOW,
}: PortfolioSnapshotQueryParameters) {
  return queryOptions({
    queryKey: queryKeys.portfolioSnapshot(chainId, {
      pool: market.pool,
      user: user ?? '0x0000000000000000000000000000000000000000',
      blockHash: head?.hash ?? '0x',
    }),
    queryFn: async ({ client: queryClient, queryKey }): Promise<PortfolioSnapshot> => {
      if (!client || !user || !head) throw new Error('snapshot read without client, account or block')
      // The first read of a market does not wait for its oracle history (see priceHistoryWarmup.ts):
      // the health factor shows at once, and this block is read again, with history, once it is cached.
      const withHistory = history && isPriceHistoryWarm(client, market)
      const snapshot = await readPortfolioSnapshot(client, {
        market,
        user,
        blockNumber: head.number,
        accountData: true,
        ...(market.uniswap ? { uniswap: market.uniswap } : {}),
        ...(withHistory ? { history } : {}),
      })
      if (history && !withHistory)
        warmPriceHistory(client, { market, snapshot, window: history }).then(
          () => queryClient.invalidateQueries({ queryKey, exact: true }),
          // Not fatal: the figures stand without statistics, and the next block tries again.
          () => undefined,
        )
      return snapshot
    },
    enabled: Boolean(client && user && head),
    staleTime: Number.POSITIVE_INFINITY,
    // Gone as soon as the page has moved to the next block (the observer keeps the last one as the
    // placeholder): each snapshot carries thousands of oracle rounds, and ten seconds of them kept
    // alive made every young-generation GC copy them (20–45 ms pauses on the main thread, streaming).
    gcTime: 0,
    // A new snapshot every block: comparing it deeply with the last one is work for nothing, and
    // the risk worker keys its requests on object identity anyway.
    structuralSharing: false,
    placeholderData: (previous, previousQuery) => {
      const previousParams = previousQuery?.queryKey[3]
      return previousParams?.user === user && previousParams?.pool === market.pool ? previous : undefined
    },
  })
}

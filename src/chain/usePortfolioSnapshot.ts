import { useQuery } from '@tanstack/react-query'
import type { Address } from 'viem'
import { useClient } from 'wagmi'
import type { AaveMarket } from './aaveMarket'
import { portfolioSnapshotQueryOptions } from './portfolioSnapshotQuery'
import { useHead } from './useHead'

/** The account's PortfolioSnapshot at the latest block, re-read on every new block. */
export function usePortfolioSnapshot({
  chainId,
  market,
  user,
}: {
  chainId: number
  market: AaveMarket
  user: Address | undefined
}) {
  const client = useClient({ chainId })
  const head = useHead(chainId)
  return useQuery(portfolioSnapshotQueryOptions({ client, chainId, market, user, head: head.data }))
}

import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
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
  // Stable options between blocks: a new placeholderData function on every render would re-derive
  // the placeholder (and a select over it) each time, a new result, a re-render — React's
  // "maximum update depth" under a burst of blocks.
  const options = useMemo(
    () => portfolioSnapshotQueryOptions({ client, chainId, market, user, head: head.data }),
    [client, chainId, market, user, head.data],
  )
  return useQuery(options)
}

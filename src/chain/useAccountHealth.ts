import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import type { Address } from 'viem'
import { useClient } from 'wagmi'
import type { PortfolioSnapshot } from '../engine/snapshot'
import type { AaveMarket } from './aaveMarket'
import type { BlockHeader } from './blockStream'
import { portfolioSnapshotQueryOptions } from './portfolioSnapshotQuery'
import type { AccountData } from './readAccountData'
import { useHead } from './useHead'

/** Account data together with the block it was read at, so the page shows a number and its block as one. */
export type AccountDataAtBlock = AccountData & { block: Pick<BlockHeader, 'number' | 'timestamp'> }

/** The chain's getUserAccountData from the block's snapshot read, with the block it was read at. */
export function accountDataOfSnapshot(s: PortfolioSnapshot): AccountDataAtBlock {
  if (!s.chainAccountData)
    throw new Error(`Pool.getUserAccountData reverted at block ${s.blockNumber} (is ${s.market.pool} an Aave V3 pool?)`)
  return { ...s.chainAccountData, block: { number: s.blockNumber, timestamp: BigInt(s.blockTimestamp) } }
}

/**
 * The account's headline figures (Pool.getUserAccountData) at the latest block, taken from the
 * same query — and so the same single eth_call — as the risk engine's snapshot.
 */
export function useAccountHealth({
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
  // Stable options between blocks (see usePortfolioSnapshot): the placeholder and its select are
  // derived once per block, not on every render.
  const options = useMemo(
    () => ({
      ...portfolioSnapshotQueryOptions({ client, chainId, market, user, head: head.data }),
      select: accountDataOfSnapshot,
    }),
    [client, chainId, market, user, head.data],
  )
  return useQuery(options)
}

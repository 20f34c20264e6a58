import { type Address, decodeFunctionResult, encodeFunctionData, type Hex, isAddressEqual, zeroAddress } from 'viem'
import type { ChainAccountData, PortfolioSnapshot, PriceRound } from '../engine/snapshot'
import type { AaveMarket } from './aaveMarket'
import { multicall3Abi } from './abi/multicall3'
import { poolAbi } from './abi/pool'
import { decodeAggregate3Result } from './aggregate3'
import { decodeLatestRounds, latestRoundCalls, type PriceFeedRef } from './latestRounds'
import {
  type Aggregate3Call,
  type Aggregate3Result,
  type DecodedPortfolio,
  decodePortfolioResults,
  type MarketLayout,
  portfolioCallCount,
  portfolioCalls,
} from './portfolioCalls'
import {
  type DecodedLpPositions,
  decodeLpPositions,
  type LpPositionLayout,
  lpPositionCallCount,
  lpPositionCalls,
} from './readLpPositions'
import {
  type DecodedUniswapPool,
  decodeUniswapPoolResults,
  type UniswapPoolLayout,
  uniswapPoolCallCount,
  uniswapPoolCalls,
} from './readUniswapPool'

/**
 * The block's one Multicall3.aggregate3, in parts: the Aave market (portfolioCalls), then each DEX
 * pool (uniswapPoolCalls), the account's Uniswap V3 positions (lpPositionCalls) and every reserve
 * price source's latestRoundData (latestRoundCalls), and when asked the account's getUserAccountData. Pure: no client (readPortfolioSnapshot sends it).
 *
 * Each part is built from its own layout and decoded from its own slice of the results, so a part
 * whose layout went stale (a listing, a tick initialized or the price leaving the pool's window,
 * a position minted or transferred, a reserve given another price source) is read again alone, at
 * the same block, while the parts that decoded are kept.
 */

/** The parts to read in one call; a part left out is not read (already read this block, or not asked for). */
export type SnapshotPlan = {
  market?: MarketLayout
  pools?: readonly UniswapPoolLayout[]
  lp?: LpPositionLayout
  feeds?: readonly PriceFeedRef[]
  /** Pool.getUserAccountData(user): the chain's own headline figures, read with the market part. */
  account?: boolean
}

/** Each planned part's answer: a value, or the layout to read it with instead (`stale`). */
export type SnapshotReads = {
  portfolio?: DecodedPortfolio
  /** In the plan's pool order. */
  pools: DecodedUniswapPool[]
  lp?: DecodedLpPositions
  /** In the plan's feed order (undefined: the feed reverted or has no round yet). */
  latest?: (PriceRound | undefined)[]
  /** getUserAccountData's answer when planned (undefined: the call reverted). */
  account?: ChainAccountData
}

type SnapshotCallParams = { market: AaveMarket; user: Address }

// Pool calls are folded with allowFailure so a broken pool fails by name in the decode, not as an opaque revert of the batch.
const allowingFailure = (calls: Aggregate3Call[]) => calls.map((c) => ({ ...c, allowFailure: true }))

/** The plan's calls, parts in a fixed order: market, pools, LP positions, feeds. */
export function snapshotCalls({ market, user }: SnapshotCallParams, plan: SnapshotPlan): Aggregate3Call[] {
  return [
    ...(plan.market ? portfolioCalls({ market, user, layout: plan.market }) : []),
    ...(plan.pools ?? []).flatMap((layout) => allowingFailure(uniswapPoolCalls(layout))),
    ...(plan.lp ? lpPositionCalls(plan.lp) : []),
    ...(plan.feeds ? latestRoundCalls(plan.feeds) : []),
    ...(plan.account
      ? [
          {
            target: market.pool,
            allowFailure: true,
            callData: encodeFunctionData({ abi: poolAbi, functionName: 'getUserAccountData', args: [user] }),
          },
        ]
      : []),
  ]
}

/** The inputs of the last encoding, by identity (layouts are replaced, never changed in place), and its calldata. */
let lastEncoded: { inputs: readonly unknown[]; data: Hex } | undefined

/**
 * The calldata of Multicall3.aggregate3 over `snapshotCalls`. Block after block the page sends the
 * same calldata (only the block tag changes): the last one is reused while the market, the account
 * and the plan's layouts are the same objects, instead of encoding some fifty calls (~0.4 MB of
 * garbage) again for every block.
 */
export function encodeSnapshotCall(params: SnapshotCallParams, plan: SnapshotPlan): Hex {
  const inputs = [params.market, params.user, plan.market, plan.account, plan.lp, plan.feeds, ...(plan.pools ?? [])]
  if (lastEncoded?.inputs.length === inputs.length && lastEncoded.inputs.every((x, i) => x === inputs[i]))
    return lastEncoded.data
  const data = encodeFunctionData({
    abi: multicall3Abi,
    functionName: 'aggregate3',
    args: [snapshotCalls(params, plan)],
  })
  lastEncoded = { inputs, data }
  return data
}

/** How many results each planned part takes, in call order. */
function partSizes(plan: SnapshotPlan) {
  return {
    market: plan.market ? portfolioCallCount(plan.market) : 0,
    pools: (plan.pools ?? []).map(uniswapPoolCallCount),
    lp: plan.lp ? lpPositionCallCount(plan.lp) : 0,
    feeds: plan.feeds?.length ?? 0,
    account: plan.account ? 1 : 0,
  }
}

/** Decodes the results of `snapshotCalls(params, plan)`: each part from its own slice. */
export function decodeSnapshotResults(
  params: SnapshotCallParams & { blockNumber: bigint },
  plan: SnapshotPlan,
  results: readonly Aggregate3Result[],
): SnapshotReads {
  const sizes = partSizes(plan)
  const total = sizes.market + sizes.pools.reduce((a, b) => a + b, 0) + sizes.lp + sizes.feeds + sizes.account
  if (results.length !== total) throw new Error(`aggregate3 returned ${results.length} results for a call of ${total}`)
  let at = 0
  const take = (n: number) => {
    const slice = results.slice(at, at + n)
    at += n
    return slice
  }
  const reads: SnapshotReads = { pools: [] }
  const portfolio = take(sizes.market)
  if (plan.market) reads.portfolio = decodePortfolioResults({ ...params, layout: plan.market }, portfolio)
  for (const [i, layout] of (plan.pools ?? []).entries())
    reads.pools.push(decodeUniswapPoolResults(layout, take(sizes.pools[i] as number)))
  const lp = take(sizes.lp)
  if (plan.lp) reads.lp = decodeLpPositions(plan.lp, lp)
  const feeds = take(sizes.feeds)
  if (plan.feeds) reads.latest = decodeLatestRounds(feeds)
  const [account] = take(sizes.account)
  if (account?.success) {
    const [totalCollateralBase, totalDebtBase, availableBorrowsBase, currentLiquidationThreshold, ltv, healthFactor] =
      decodeFunctionResult({ abi: poolAbi, functionName: 'getUserAccountData', data: account.returnData })
    reads.account = {
      totalCollateralBase,
      totalDebtBase,
      availableBorrowsBase,
      currentLiquidationThreshold,
      ltv,
      healthFactor,
    }
  }
  return reads
}

/** Decodes the eth_call result of `encodeSnapshotCall`. */
export function decodeSnapshotCall(
  params: SnapshotCallParams & { blockNumber: bigint },
  plan: SnapshotPlan,
  data: Hex,
): SnapshotReads {
  return decodeSnapshotResults(params, plan, decodeAggregate3Result(data))
}

/** Each reserve's price source (the AaveOracle's source for it), in reserve order; reserves without one are left out. */
export function priceFeedsOf(snapshot: Pick<PortfolioSnapshot, 'reserves'>): PriceFeedRef[] {
  return snapshot.reserves.flatMap((r) =>
    r.priceSource && !isAddressEqual(r.priceSource, zeroAddress) ? [{ asset: r.asset, feed: r.priceSource }] : [],
  )
}

/** Whether two feed lists name the same (asset, feed) pairs in the same order. */
export function sameFeeds(a: readonly PriceFeedRef[], b: readonly PriceFeedRef[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i] as PriceFeedRef
      return isAddressEqual(x.asset, y.asset) && isAddressEqual(x.feed, y.feed)
    })
  )
}

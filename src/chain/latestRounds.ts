import { type Address, decodeFunctionResult, encodeFunctionData, type Hex } from 'viem'
import type { PriceRound } from '../engine/snapshot'
import { aggregatorV3Abi } from './abi/aggregatorV3'
import type { Aggregate3Call, Aggregate3Result } from './portfolioCalls'

/**
 * Each reserve price source's latest round, read inside the block's one aggregate3 (stale-feed
 * checks, and the newest round of the cached history), and the decoding of feed rounds that
 * readPriceHistory's backward walk shares.
 */

export type PriceFeedRef = { asset: Hex; feed: Address }

/** latestRoundData per feed, for the block's aggregate3. */
export function latestRoundCalls(feeds: readonly PriceFeedRef[]): Aggregate3Call[] {
  const callData = encodeFunctionData({ abi: aggregatorV3Abi, functionName: 'latestRoundData' })
  return feeds.map(({ feed }) => ({ target: feed, allowFailure: true, callData }))
}

/** A round from a latestRoundData/getRoundData result; undefined when it reverted or has no data (updatedAt 0). */
export function decodeRound(
  functionName: 'latestRoundData' | 'getRoundData',
  result: Aggregate3Result | undefined,
  roundId?: bigint,
): PriceRound | undefined {
  if (!result?.success || result.returnData.length < 2 + 5 * 64) return undefined
  const [id, answer, , updatedAt] = decodeFunctionResult({
    abi: aggregatorV3Abi,
    functionName,
    data: result.returnData,
  })
  if (updatedAt === 0n) return undefined
  return { roundId: roundId ?? id, answer, updatedAt: Number(updatedAt) }
}

/** Decodes latestRoundCalls' results, one per feed (undefined: no round yet, or not a feed). */
export function decodeLatestRounds(results: readonly Aggregate3Result[]): (PriceRound | undefined)[] {
  return results.map((r) => decodeRound('latestRoundData', r))
}

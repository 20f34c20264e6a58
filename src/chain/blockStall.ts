import type { MarketEndpoint } from './marketEndpoint'

/** However fast the chain, a minute's worth of slack under this would flag ordinary hiccups of a public RPC. */
const MIN_STALL_MS = 30_000
/** Ten missed blocks: a live chain's block times vary, but not by ten times. */
const STALL_BLOCKS = 10

/**
 * After how long without a new block the page calls its figures stale although the node answers:
 * ten block times, at least 30 s (Ethereum: 2 min; L2s: 30 s). The devnet mines only on
 * transactions, so a quiet devnet is not stalled — unless its price simulator is running, which
 * writes a round every few seconds. null: never.
 */
export function blockStallThresholdMs(
  endpoint: Pick<MarketEndpoint, 'isDevnet' | 'market'>,
  devnetScenario: string | undefined,
): number | null {
  if (endpoint.isDevnet) return devnetScenario && devnetScenario !== 'none' ? MIN_STALL_MS : null
  return Math.max(STALL_BLOCKS * endpoint.market.blockTimeMs, MIN_STALL_MS)
}

/**
 * Since when (epoch ms) the chain has been stalled: the moment the threshold passed after the last
 * new head arrived, or undefined while blocks are fresh (or no head has arrived yet, or never).
 */
export function blockStalledSince(
  lastHeadAt: number | undefined,
  now: number,
  thresholdMs: number | null,
): number | undefined {
  if (lastHeadAt === undefined || thresholdMs === null) return undefined
  return now - lastHeadAt > thresholdMs ? lastHeadAt + thresholdMs : undefined
}

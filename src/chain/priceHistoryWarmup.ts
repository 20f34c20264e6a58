import type { Client } from 'viem'
import type { PortfolioSnapshot } from '../engine/snapshot'
import type { AaveMarket } from './aaveMarket'
import { DEFAULT_PRICE_HISTORY_WINDOW, type PriceHistoryWindow } from './readPortfolioSnapshot'
import { readPriceHistory } from './readPriceHistory'
import { priceFeedsOf } from './snapshotCalls'

/** Markets (by pool) whose oracle history a client has read once: later snapshots carry it at no wait. */
const warm = new WeakMap<Client, Set<string>>()
const inFlight = new WeakMap<Client, Map<string, Promise<void>>>()

export const isPriceHistoryWarm = (client: Client, market: Pick<AaveMarket, 'pool'>) =>
  warm.get(client)?.has(market.pool.toLowerCase()) ?? false

/**
 * Reads the market's oracle rounds for the window into readPriceHistory's per-client cache, once
 * (concurrent callers share the read). The first snapshot of a page does not wait for this walk —
 * a dozen sequential eth_calls, about a second on the devnet — so the health factor shows first
 * and the statistics follow. A failed read is forgotten, so the next block tries again.
 */
export function warmPriceHistory(
  client: Client,
  { market, snapshot, window }: { market: AaveMarket; snapshot: PortfolioSnapshot; window: PriceHistoryWindow },
): Promise<void> {
  const key = market.pool.toLowerCase()
  const running = inFlight.get(client) ?? new Map<string, Promise<void>>()
  inFlight.set(client, running)
  const existing = running.get(key)
  if (existing) return existing
  const read = readPriceHistory(client, {
    feeds: priceFeedsOf(snapshot),
    sinceSeconds: snapshot.blockTimestamp - (window.windowSeconds ?? DEFAULT_PRICE_HISTORY_WINDOW.windowSeconds),
    maxRounds: window.maxRounds ?? DEFAULT_PRICE_HISTORY_WINDOW.maxRounds,
    blockNumber: snapshot.blockNumber,
    multicall3: market.multicall3,
    keepWindowOnly: true,
  })
    .then(() => {
      const set = warm.get(client) ?? new Set<string>()
      set.add(key)
      warm.set(client, set)
    })
    .finally(() => running.delete(key))
  running.set(key, read)
  return read
}

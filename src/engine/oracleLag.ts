import { type HealthFactorTerms, healthFactorAt } from './healthFactorTerms'
import type { Hex, PortfolioSnapshot, PriceRound, UniswapPoolSnapshot } from './snapshot'
import { tokenUnit, WAD } from './wadRayMath'

/**
 * Oracle-lag warning (issue 5, point 6). A Chainlink-style feed only writes a new answer when the
 * market has moved past its deviation threshold (or the heartbeat expires), so the DEX price leads
 * it. When an asset's DEX price is already past the threshold from the oracle's, the next round is
 * due and will land near the DEX price: the HF it will produce is computed now (exact bigint, the
 * other prices held), so the page can warn before the update is mined.
 *
 * The DEX price comes from the Uniswap V3 pool the proposals use (snapshot.pools), converted to base
 * currency through the oracle price of the pool's other token. Feed age (from its last round) flags
 * a stale feed against its heartbeat.
 */

export type FeedRules = { deviationBps: number; heartbeatSeconds: number }

/** Chainlink's usual volatile-asset rules (0.5 % / 1 h), for feeds the caller knows nothing about. */
export const DEFAULT_FEED_RULES: FeedRules = { deviationBps: 50, heartbeatSeconds: 3_600 }

export type OracleLagRow = {
  asset: Hex
  symbol: string
  oraclePriceBase: bigint
  /** The pool's mid price in base currency, or null without a pool. */
  dexPriceBase: bigint | null
  /** (dex − oracle) / oracle, float64. */
  deviationFraction: number | null
  rules: FeedRules
  /** The DEX has moved past the deviation threshold: an oracle update is due. */
  updateDue: boolean
  /** The HF once the feed reports the DEX price (exact, WAD), when an update is due. */
  nextHealthFactorWad: bigint | null
  /** now − the feed's last updatedAt (seconds), when its rounds are known; stale past the heartbeat. */
  feedAgeSeconds: number | null
  stale: boolean
}

export type OracleLagReport = {
  rows: OracleLagRow[]
  /** Rows whose due update would take HF below the warning line (or below 1). */
  warnings: OracleLagRow[]
}

export function oracleLag(
  t: HealthFactorTerms,
  {
    now,
    warningHealthFactorWad,
    feedRules = {},
  }: { now: number; warningHealthFactorWad: bigint; feedRules?: Readonly<Record<Hex, FeedRules>> },
): OracleLagReport {
  const s = t.snapshot
  const rows: OracleLagRow[] = []
  t.assets.forEach((asset, i) => {
    if (!t.followsOracle[i]) return
    const rules = feedRules[asset] ?? DEFAULT_FEED_RULES
    const oracle = t.price[i] as bigint
    const pool = s.pools[asset]
    const dex = pool ? poolPriceBase(s, pool, asset) : null
    const deviation = dex === null || oracle === 0n ? null : Number(dex - oracle) / Number(oracle)
    const updateDue = deviation !== null && Math.abs(deviation) * 10_000 >= rules.deviationBps
    const last: PriceRound | undefined = s.priceHistory[asset]?.at(-1)
    const age = last ? now - last.updatedAt : null
    rows.push({
      asset,
      symbol: t.symbols[i] as string,
      oraclePriceBase: oracle,
      dexPriceBase: dex,
      deviationFraction: deviation,
      rules,
      updateDue,
      nextHealthFactorWad: updateDue && dex !== null ? healthFactorAt(t, (k) => (k === i ? dex : undefined)) : null,
      feedAgeSeconds: age,
      stale: age !== null && age > rules.heartbeatSeconds,
    })
  })
  const line = warningHealthFactorWad > WAD ? warningHealthFactorWad : WAD
  return {
    rows,
    warnings: rows.filter(
      (r) => r.nextHealthFactorWad !== null && r.nextHealthFactorWad < line && r.nextHealthFactorWad < t.healthFactor,
    ),
  }
}

/**
 * The pool's mid price of `asset` in base currency: (√P / 2⁹⁶)² is token1 per token0 in smallest
 * units, scaled by the decimals and priced by the other token's oracle price. null when the other
 * token is not a reserve of the market (no price to convert with).
 */
export function poolPriceBase(s: PortfolioSnapshot, pool: UniswapPoolSnapshot, asset: Hex): bigint | null {
  const lower = (a: Hex) => a.toLowerCase()
  const isToken0 = lower(pool.token0) === lower(asset)
  const other = isToken0 ? pool.token1 : pool.token0
  const mine = s.reserves.find((r) => lower(r.asset) === lower(asset))
  const theirs = s.reserves.find((r) => lower(r.asset) === lower(other))
  if (!mine || !theirs || pool.sqrtPriceX96 === 0n) return null
  const priceX192 = pool.sqrtPriceX96 * pool.sqrtPriceX96
  const q192 = 1n << 192n
  const mineUnit = tokenUnit(mine.decimals)
  const theirUnit = tokenUnit(theirs.decimals)
  // token0 priced in token1: p0 = P · u0/u1 (whole tokens), so asset = token0 → other price · P · u0 / u1.
  return isToken0
    ? (theirs.priceBase * priceX192 * mineUnit) / (q192 * theirUnit)
    : (theirs.priceBase * q192 * mineUnit) / (priceX192 * theirUnit)
}

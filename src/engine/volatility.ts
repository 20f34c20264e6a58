import type { Hex, PriceRound } from './snapshot'
import { correlationMatrix } from './stats/correlation'
import { downsideVolatility } from './stats/downsideVolatility'
import { ewmaVolatility } from './stats/ewmaVolatility'
import { type GarchFit, garchVolatility } from './stats/garch'
import { oracleReturns, timeScaledReturns } from './stats/oracleReturns'
import { type HorizonVolatility, horizonVolatility } from './stats/timeBasis'

/**
 * Per-asset volatility from the oracle's own rounds (issue 5, point 1): EWMA (λ = 0.94 per day),
 * GARCH(1,1) by maximum likelihood, downside statistics, all on time-scaled returns, and the
 * correlation of the assets' hourly returns. The forecast the probabilities use is GARCH's term
 * structure where the fit has enough rounds, EWMA's flat one otherwise. All float64 statistics.
 *
 * The fit is the costly part (Nelder–Mead over a few thousand rounds) and depends only on the rounds,
 * which change when a feed updates, not every block: a VolatilityMemo keyed by the feed's first and
 * last round keeps it across evaluations (the worker holds one).
 */

export type VolatilityModel = 'garch' | 'ewma'

export type AssetVolatility = {
  asset: Hex
  symbol: string
  /** Returns the estimates used, and the time they span (unix seconds). */
  observations: number
  historyFrom: number
  historyTo: number
  ewmaVolatilityAnnualised: number
  garch: Pick<
    GarchFit,
    'parameters' | 'persistence' | 'longRunVolatilityAnnualised' | 'currentVolatilityAnnualised'
  > | null
  /** Semi-deviation based and Cornish–Fisher skew-adjusted volatility (downsideVolatility.ts). */
  downsideVolatilityAnnualised: number
  skewAdjustedVolatilityAnnualised: number
  skewness: number
  excessKurtosis: number
  /** Which forecast `horizons` holds: GARCH's unless it did not fit or sits at persistence ≥ 0.999. */
  model: VolatilityModel
  /** The forecast per report horizon (1 h, 24 h, 7 d). */
  horizons: HorizonVolatility[]
  /**
   * skew-adjusted / total volatility (≥ 0): multiplies the forecast for a barrier below the price,
   * where a fat left tail makes a fall likelier than a normal law says. 1 without enough data.
   */
  downsideMultiplier: number
}

export type VolatilityReport = {
  assets: AssetVolatility[]
  /** Pearson ρ of hourly log returns between the assets above (same order); null where undefined. */
  correlation: (number | null)[][]
  correlationBucketSeconds: number
}

/** Fewer returns than this give no estimate at all (the asset's probabilities are then not computed). */
export const MIN_VOLATILITY_OBSERVATIONS = 20

/** Above this α + β the GARCH forecast is not used (see assetVolatility). */
export const MAX_GARCH_PERSISTENCE = 0.999

/** Hourly buckets: longer than a feed's heartbeat-driven gaps, so asynchronous updates do not bias ρ to 0. */
export const CORRELATION_BUCKET_SECONDS = 3_600

export type VolatilityMemo = Map<string, AssetVolatility>
export const volatilityMemo = (): VolatilityMemo => new Map()

const MEMO_LIMIT = 64

/** Volatility of each asset with enough usable rounds; the others are left out (the caller says why). */
export type AssetRounds = { asset: Hex; symbol: string; rounds: readonly PriceRound[] }

export function volatilityReport(feeds: readonly AssetRounds[], memo?: VolatilityMemo): VolatilityReport {
  const assets: AssetVolatility[] = []
  const used: AssetRounds[] = []
  for (const feed of feeds) {
    const v = assetVolatility(feed, memo)
    if (v) {
      assets.push(v)
      used.push(feed)
    }
  }
  const correlation =
    used.length === 0
      ? []
      : correlationMatrix(
          used.map((f) => ({ asset: f.asset, rounds: f.rounds })),
          CORRELATION_BUCKET_SECONDS,
        ).correlation
  return { assets, correlation, correlationBucketSeconds: CORRELATION_BUCKET_SECONDS }
}

/** One asset's estimates, or null with fewer than MIN_VOLATILITY_OBSERVATIONS returns. */
export function assetVolatility({ asset, symbol, rounds }: AssetRounds, memo?: VolatilityMemo): AssetVolatility | null {
  const first = rounds[0]
  const last = rounds.at(-1)
  if (!first || !last) return null
  const key = `${asset}:${first.roundId}:${last.roundId}:${rounds.length}`
  const cached = memo?.get(key)
  if (cached) return cached

  const returns = oracleReturns(rounds)
  const n = returns.logReturns.length
  if (n < MIN_VOLATILITY_OBSERVATIONS) return null
  const ewma = ewmaVolatility(returns)
  const garch = garchVolatility(returns)
  const downside = downsideVolatility(timeScaledReturns(returns))
  // A fit that sits on the stationarity edge (IGARCH: one jump can push it there) has no long run to
  // revert to; its forecasts are the EWMA's with extra steps, so the flat EWMA forecast is used instead.
  const garchUsable =
    garch !== null &&
    garch.persistence < MAX_GARCH_PERSISTENCE &&
    garch.horizons.every((h) => Number.isFinite(h.horizonVariance) && h.horizonVariance > 0)
  if (!garchUsable && !(ewma.variancePerSecond > 0 && Number.isFinite(ewma.variancePerSecond))) return null
  const horizons = garchUsable ? garch.horizons : ewma.horizons
  const multiplier = downside.skewAdjustedVolatilityAnnualised / downside.volatilityAnnualised
  const v: AssetVolatility = {
    asset,
    symbol,
    observations: n,
    historyFrom: first.updatedAt,
    historyTo: last.updatedAt,
    ewmaVolatilityAnnualised: ewma.volatilityAnnualised,
    garch: garch && {
      parameters: garch.parameters,
      persistence: garch.persistence,
      longRunVolatilityAnnualised: garch.longRunVolatilityAnnualised,
      currentVolatilityAnnualised: garch.currentVolatilityAnnualised,
    },
    downsideVolatilityAnnualised: downside.downsideVolatilityAnnualised,
    skewAdjustedVolatilityAnnualised: downside.skewAdjustedVolatilityAnnualised,
    skewness: downside.skewness,
    excessKurtosis: downside.excessKurtosis,
    model: garchUsable ? 'garch' : 'ewma',
    horizons,
    downsideMultiplier: Number.isFinite(multiplier) && multiplier > 0 ? multiplier : 1,
  }
  if (memo) {
    if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value as string)
    memo.set(key, v)
  }
  return v
}

/** Scales a horizon forecast's volatility by `factor` (a vol shock, the downside multiplier). */
export function scaledHorizon(h: HorizonVolatility, factor: number): HorizonVolatility {
  return horizonVolatility(h.horizonSeconds, h.horizonVariance * factor * factor)
}

import type { OracleReturns } from './oracleReturns'
import { FORECAST_HORIZONS_SECONDS, type HorizonVolatility, horizonVolatility, SECONDS_PER_YEAR } from './timeBasis'

/**
 * RiskMetrics EWMA volatility on unevenly spaced oracle returns.
 *
 * Treatment of Δt: the state is a variance rate per second, and λ is the decay per reference
 * interval (RiskMetrics' λ = 0.94 is per day), so an observation spanning Δt decays the old state by
 * λ^(Δt/Δt_ref). For small gaps the new weight 1 − λ^(Δt/Δt_ref) ≈ Δt·(−ln λ)/Δt_ref is
 * proportional to Δt, and the update adds ≈ r²·(−ln λ)/Δt_ref: the estimate is an exponentially
 * time-weighted realised variance, so a burst of deviation-triggered rounds does not count more
 * than the same move reported by one heartbeat round. With every Δt = Δt_ref it is the textbook
 * σ²_t = λσ²_{t−1} + (1 − λ)r²_t.
 */

export const RISKMETRICS_LAMBDA = 0.94

export type EwmaOptions = {
  /** Decay per reference interval; 0.94 by default. */
  lambda?: number
  /** The interval λ applies to, in seconds; one day by default (RiskMetrics' daily λ). */
  referenceSeconds?: number
  /** Starting variance rate per second; by default the series' realised rate Σr² / ΣΔt. */
  initialVariancePerSecond?: number
  /** Horizons to forecast, in seconds; 1 h, 24 h, 7 d by default. */
  horizonsSeconds?: readonly number[]
}

export type EwmaVolatility = {
  /** Current variance rate of the log price per second (float64). */
  variancePerSecond: number
  /** √(variancePerSecond · SECONDS_PER_YEAR). */
  volatilityAnnualised: number
  /** EWMA forecasts are flat: V_H = variancePerSecond · H for every horizon. */
  horizons: HorizonVolatility[]
  /** Returns the estimate used (0 means the initial variance is all there is). */
  observations: number
}

/**
 * Current EWMA variance rate after all returns, oldest first:
 *
 * v_0 = Σr_i² / ΣΔt_i (unless given), w_i = λ^(Δt_i / Δt_ref),
 * v_i = w_i · v_{i−1} + (1 − w_i) · r_i² / Δt_i,
 *
 * reported as the annualised volatility √(v_n · year) and the flat forecast V_H = v_n · H.
 * An empty series yields NaN statistics (no information), never a made-up zero.
 */
export function ewmaVolatility(returns: OracleReturns, options: EwmaOptions = {}): EwmaVolatility {
  const lambda = options.lambda ?? RISKMETRICS_LAMBDA
  const referenceSeconds = options.referenceSeconds ?? 86_400
  const { logReturns, elapsedSeconds } = returns
  const n = logReturns.length

  let variance = options.initialVariancePerSecond ?? realisedVariancePerSecond(returns)
  const lnLambdaPerSecond = Math.log(lambda) / referenceSeconds
  for (let i = 0; i < n; i++) {
    const r = logReturns[i] as number
    const dt = elapsedSeconds[i] as number
    const w = Math.exp(lnLambdaPerSecond * dt)
    variance = w * variance + ((1 - w) * r * r) / dt
  }

  const horizons = (options.horizonsSeconds ?? FORECAST_HORIZONS_SECONDS).map((h) => horizonVolatility(h, variance * h))
  return {
    variancePerSecond: variance,
    volatilityAnnualised: Math.sqrt(variance * SECONDS_PER_YEAR),
    horizons,
    observations: n,
  }
}

/** Σr_i² / ΣΔt_i: the realised variance rate per second of the whole series (NaN when empty). */
export function realisedVariancePerSecond(returns: OracleReturns): number {
  let sumSquares = 0
  let seconds = 0
  for (let i = 0; i < returns.logReturns.length; i++) {
    const r = returns.logReturns[i] as number
    sumSquares += r * r
    seconds += returns.elapsedSeconds[i] as number
  }
  return seconds > 0 ? sumSquares / seconds : Number.NaN
}

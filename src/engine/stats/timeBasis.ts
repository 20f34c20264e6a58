/**
 * Time conventions shared by the volatility estimators. Crypto markets trade every day, so a
 * year is 365 calendar days of seconds (no 252-trading-day convention), and the forecast horizons
 * of the risk report (issue 5: 1 hour, 24 hours, 7 days) are wall-clock seconds.
 */

/** Seconds in a 365-day year: the annualisation basis of every `…Annualised` statistic here. */
export const SECONDS_PER_YEAR = 365 * 86_400

/** The horizons the report forecasts volatility for, in seconds: 1 h, 24 h, 7 d. */
export const FORECAST_HORIZONS_SECONDS = [3_600, 86_400, 7 * 86_400] as const

/** A volatility forecast over one horizon (all float64 statistics). */
export type HorizonVolatility = {
  horizonSeconds: number
  /** Variance of the log return over the whole horizon (not annualised). */
  horizonVariance: number
  /** √horizonVariance: the standard deviation of the horizon's log return, as a fraction. */
  horizonVolatility: number
  /** The horizon's average volatility on a yearly basis: √(horizonVariance · year / horizon). */
  volatilityAnnualised: number
}

/**
 * Packs a horizon's log-return variance into the report's three views of it.
 *
 * σ_H = √V_H, σ_annualised = √(V_H · SECONDS_PER_YEAR / H).
 */
export function horizonVolatility(horizonSeconds: number, horizonVariance: number): HorizonVolatility {
  return {
    horizonSeconds,
    horizonVariance,
    horizonVolatility: Math.sqrt(horizonVariance),
    volatilityAnnualised: Math.sqrt((horizonVariance * SECONDS_PER_YEAR) / horizonSeconds),
  }
}

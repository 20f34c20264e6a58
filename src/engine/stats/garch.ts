import { nelderMead } from './nelderMead'
import { type OracleReturns, timeScaledReturns } from './oracleReturns'
import { FORECAST_HORIZONS_SECONDS, type HorizonVolatility, horizonVolatility, SECONDS_PER_YEAR } from './timeBasis'

/**
 * GARCH(1,1) on time-scaled oracle returns z_i = r_i·√(year/Δt_i) (oracleReturns.ts), so ω and the
 * conditional variances h_i are annualised variances and α, β are per observation:
 *
 *   h_i = ω + α z_{i−1}² + β h_{i−1},  z_i | past ~ N(0, h_i),  ω > 0, α, β ≥ 0, α + β < 1.
 *
 * Fitted by Gaussian maximum likelihood with Nelder–Mead on an unconstrained reparameterisation
 * (long-run variance σ̄² = e^{x0}, persistence p = α + β = logistic(x1), ARCH share α/p =
 * logistic(x2)), which satisfies every constraint by construction.
 */

/** Float64 GARCH(1,1) parameters on the annualised-variance basis. */
export type GarchParameters = { omega: number; alpha: number; beta: number }

/** Below this many returns the likelihood is too flat to tell persistence from noise. */
export const GARCH_MIN_OBSERVATIONS = 100

export type GarchOptions = {
  /** Fix σ̄² = ω/(1 − α − β) to the sample mean of z² and fit only α, β. Off by default. */
  varianceTargeting?: boolean
  horizonsSeconds?: readonly number[]
}

export type GarchFit = {
  parameters: GarchParameters
  /** α + β: how much of today's variance shock is left after one more observation. */
  persistence: number
  /** √(ω / (1 − α − β)): the volatility forecasts revert to. */
  longRunVolatilityAnnualised: number
  /** √h_{n+1}: the conditional volatility of the next observation. */
  currentVolatilityAnnualised: number
  logLikelihood: number
  /** ΣΔt / n: the time one GARCH step stands for when forecasting in seconds. */
  meanSpacingSeconds: number
  horizons: HorizonVolatility[]
  observations: number
}

/**
 * Gaussian log-likelihood ℓ = −½ Σ [ln 2π + ln h_i + z_i²/h_i], h_1 = mean(z²) (the usual start),
 * −∞ for parameters outside the constraints.
 */
export function garchLogLikelihood(z: Float64Array, { omega, alpha, beta }: GarchParameters): number {
  if (!(omega > 0 && alpha >= 0 && beta >= 0 && alpha + beta < 1)) return Number.NEGATIVE_INFINITY
  let h = meanSquare(z)
  let sum = 0
  for (let i = 0; i < z.length; i++) {
    const zi = z[i] as number
    sum += Math.log(h) + (zi * zi) / h
    h = omega + alpha * zi * zi + beta * h
  }
  return -0.5 * (z.length * Math.log(2 * Math.PI) + sum)
}

/** Maximum-likelihood (ω, α, β) for time-scaled returns z; see the file comment for the reparameterisation. */
export function fitGarchParameters(z: Float64Array, varianceTargeting = false): GarchParameters {
  const target = meanSquare(z)
  const logistic = (x: number) => 1 / (1 + Math.exp(-x))
  const logit = (p: number) => Math.log(p / (1 - p))
  const toParameters = (x: readonly number[]): GarchParameters => {
    const longRun = varianceTargeting ? target : Math.exp(x[2] as number)
    const p = logistic(x[0] as number)
    const share = logistic(x[1] as number)
    return { omega: longRun * (1 - p), alpha: share * p, beta: (1 - share) * p }
  }
  const negative = (x: readonly number[]) => -garchLogLikelihood(z, toParameters(x))
  const tail = varianceTargeting ? [] : [Math.log(target)]

  // A few starts across persistence, then a restart from the best: a simplex can stall on the flat
  // ridge of near-equal α + β, and a fresh simplex around the optimum costs little.
  let best = { x: [logit(0.9), logit(0.1), ...tail], value: Number.POSITIVE_INFINITY }
  for (const [p, share] of [
    [0.9, 0.1],
    [0.97, 0.05],
    [0.7, 0.25],
  ] as const) {
    const result = nelderMead(negative, [logit(p), logit(share), ...tail])
    if (result.value < best.value) best = result
  }
  best = nelderMead(negative, best.x, { step: 0.1 })
  return toParameters(best.x)
}

/**
 * Variance of the log return over H seconds, summing the k = H/Δ̄ step forecasts
 * E[h_{n+j}] = σ̄² + p^{j−1}(h_{n+1} − σ̄²), each worth Δ̄/year of annualised variance:
 *
 *   V_H = (Δ̄ / year) · [k σ̄² + (h_{n+1} − σ̄²)(1 − p^k)/(1 − p)]   (k may be fractional).
 *
 * Written as (Δ̄ / year) · [k·h_{n+1} + (σ̄² − h_{n+1})·(k − (1 − p^k)/(1 − p))] so that a persistence
 * near 1 (where σ̄² = ω/(1 − p) explodes) does not cancel catastrophically: k − (1 − p^k)/(1 − p) is
 * summed as a series in q = 1 − p when kq is small, and from expm1/log1p otherwise. The result is
 * never negative (each step's forecast is a positive combination of h_{n+1} and σ̄²).
 */
export function garchHorizonVariance(
  { omega, alpha, beta }: GarchParameters,
  nextVariance: number,
  meanSpacingSeconds: number,
  horizonSeconds: number,
): number {
  const q = 1 - (alpha + beta)
  const longRun = omega / q
  const k = horizonSeconds / meanSpacingSeconds
  const shortfall = persistenceShortfall(k, q)
  const steps = k * nextVariance + (longRun - nextVariance) * shortfall
  return (meanSpacingSeconds / SECONDS_PER_YEAR) * Math.max(steps, 0)
}

/**
 * k − (1 − p^k)/(1 − p) with p = 1 − q, q ∈ (0, 1]: how many steps' worth the forecast has moved from
 * h_{n+1} toward σ̄². Series k(k−1)q/2 − k(k−1)(k−2)q²/6 + … for kq < 1e-3 (exact to double precision there).
 */
export function persistenceShortfall(k: number, q: number): number {
  if (k * q < 1e-3) {
    // Σ_{m≥2} (−1)^m C(k, m) q^{m−1}, three terms: the fourth is below 1e-12 relative for kq < 1e-3.
    const c2 = (k * (k - 1)) / 2
    const c3 = (c2 * (k - 2)) / 3
    const c4 = (c3 * (k - 3)) / 4
    return c2 * q - c3 * q * q + c4 * q * q * q
  }
  return k + Math.expm1(k * Math.log1p(-q)) / q
}

/** Fits GARCH(1,1) to a feed's returns and forecasts the horizons; null below GARCH_MIN_OBSERVATIONS. */
export function garchVolatility(returns: OracleReturns, options: GarchOptions = {}): GarchFit | null {
  const n = returns.logReturns.length
  if (n < GARCH_MIN_OBSERVATIONS) return null
  const z = timeScaledReturns(returns)
  const parameters = fitGarchParameters(z, options.varianceTargeting)
  const { omega, alpha, beta } = parameters

  let h = meanSquare(z)
  for (let i = 0; i < n; i++) h = omega + alpha * (z[i] as number) ** 2 + beta * h
  let seconds = 0
  for (let i = 0; i < n; i++) seconds += returns.elapsedSeconds[i] as number
  const meanSpacingSeconds = seconds / n

  return {
    parameters,
    persistence: alpha + beta,
    longRunVolatilityAnnualised: Math.sqrt(omega / (1 - alpha - beta)),
    currentVolatilityAnnualised: Math.sqrt(h),
    logLikelihood: garchLogLikelihood(z, parameters),
    meanSpacingSeconds,
    horizons: (options.horizonsSeconds ?? FORECAST_HORIZONS_SECONDS).map((H) =>
      horizonVolatility(H, garchHorizonVariance(parameters, h, meanSpacingSeconds, H)),
    ),
    observations: n,
  }
}

function meanSquare(z: Float64Array): number {
  let sum = 0
  for (let i = 0; i < z.length; i++) sum += (z[i] as number) ** 2
  return sum / z.length
}

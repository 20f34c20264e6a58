/**
 * Downside statistics for a holder of long collateral, who is hurt by falling prices only:
 * semi-deviation below zero, and a Cornish–Fisher skew/kurtosis-adjusted volatility that
 * answers "what σ would a normal law need to put the left tail quantile where the data puts it".
 * Inputs are time-scaled returns (oracleReturns.ts, annual basis), so outputs are annualised.
 */

/** z of the 1 % left tail, Φ⁻¹(0.01): the quantile the skew adjustment matches by default. */
export const LEFT_TAIL_Z_99 = -2.3263478740408408

export type DownsideVolatility = {
  /** √(mean z²): the total volatility about zero, as GARCH and EWMA measure it. */
  volatilityAnnualised: number
  /** √(mean min(z, 0)²): the semi-deviation below a zero target. */
  semiDeviationAnnualised: number
  /** √2 · semi-deviation: equal to the total volatility for a symmetric law, larger for a fat left side. */
  downsideVolatilityAnnualised: number
  /** Sample skewness of z (demeaned, biased moment estimator). */
  skewness: number
  /** Sample excess kurtosis of z (0 for a normal law). */
  excessKurtosis: number
  /** σ · q_CF / z_q, or the fallback max(σ, downside σ) when the expansion is not monotone. */
  skewAdjustedVolatilityAnnualised: number
  /** False when Cornish–Fisher is outside its domain for these moments and the fallback was used. */
  cornishFisherValid: boolean
}

/**
 * Downside statistics of time-scaled returns z_1…z_n:
 *
 * σ = √(Σz²/n), σ₋ = √(Σ min(z,0)²/n), S = m₃/m₂^{3/2}, K = m₄/m₂² − 3 (central moments m_k),
 * q_CF = z_q + (z_q² − 1)S/6 + (z_q³ − 3z_q)K/24 − (2z_q³ − 5z_q)S²/36,
 * σ_skew = σ · q_CF / z_q.
 *
 * The expansion is valid while q_CF(z) is increasing at z_q; otherwise σ_skew = max(σ, √2 σ₋).
 * An empty series gives NaN statistics.
 */
export function downsideVolatility(z: Float64Array, tailZ: number = LEFT_TAIL_Z_99): DownsideVolatility {
  const n = z.length
  let sum = 0
  let sumSquares = 0
  let downSquares = 0
  for (let i = 0; i < n; i++) {
    const zi = z[i] as number
    sum += zi
    sumSquares += zi * zi
    if (zi < 0) downSquares += zi * zi
  }
  const mean = sum / n
  let m2 = 0
  let m3 = 0
  let m4 = 0
  for (let i = 0; i < n; i++) {
    const d = (z[i] as number) - mean
    const d2 = d * d
    m2 += d2
    m3 += d2 * d
    m4 += d2 * d2
  }
  m2 /= n
  m3 /= n
  m4 /= n
  const skewness = m3 / m2 ** 1.5
  const excessKurtosis = m4 / (m2 * m2) - 3

  const sigma = Math.sqrt(sumSquares / n)
  const semi = Math.sqrt(downSquares / n)
  const q = tailZ
  const qCf =
    q +
    ((q * q - 1) * skewness) / 6 +
    ((q ** 3 - 3 * q) * excessKurtosis) / 24 -
    ((2 * q ** 3 - 5 * q) * skewness ** 2) / 36
  const slope = 1 + (q * skewness) / 3 + ((q * q - 1) * excessKurtosis) / 8 - ((6 * q * q - 5) * skewness ** 2) / 36
  const cornishFisherValid = slope > 0 && qCf / q > 0
  return {
    volatilityAnnualised: sigma,
    semiDeviationAnnualised: semi,
    downsideVolatilityAnnualised: Math.SQRT2 * semi,
    skewness,
    excessKurtosis,
    skewAdjustedVolatilityAnnualised: cornishFisherValid ? (sigma * qCf) / q : Math.max(sigma, Math.SQRT2 * semi),
    cornishFisherValid,
  }
}

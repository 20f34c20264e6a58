import { SECONDS_PER_YEAR } from '../stats/timeBasis'
import { blackScholes } from './blackScholes'
import type { OptionPosition } from './externalPosition'
import { impliedVolatility, shiftVolSmile } from './volSmile'

/**
 * Value and Greeks of an option position the user holds on another venue, in USD, times its
 * quantity (+ long, − short), all float64 statistics.
 *
 * Smile dynamics: sticky strike. The implied volatility of the option's strike is read from the
 * smile with log-moneyness anchored at the market's forward (`smileAnchorSpot`, by default the spot
 * given) and then held fixed while the spot moves, so delta and gamma are the Black–Scholes ones at
 * σ(K), and a scenario that bumps the spot (externalGreeks' priceMultiplier) keeps the anchor at the
 * unbumped price. Under sticky moneyness (σ a function of k = ln(K/F(S)), the smile travelling with
 * the spot) the strike's volatility would move by ∂σ/∂S = −σ'(k)/S, adding vega·∂σ/∂S to delta
 * (with a negative skew σ'(k) < 0 that raises the delta of calls and puts alike) and changing gamma
 * and every bumped-spot value by the same mechanism. Vega is for a parallel shift of the smile
 * (shiftVolSmile), theta is at fixed implied volatility (the market's convention); with r ≠ 0 the
 * forward that anchors k also drifts as time passes, which moves σ(K) slightly and is not in theta.
 */

export type OptionGreeksOptions = {
  /** Δσ added to the whole smile before pricing (scenario vol up/down), annual fraction. */
  volShift?: number
  /** The spot that anchors the smile's log-moneyness (sticky strike); default: the spot priced at. */
  smileAnchorSpot?: number
}

/** One option position at one spot and time (float64, USD unless named otherwise). */
export type OptionGreeks = {
  /** (expiry − now) in 365-day years; ≤ 0 when expired. */
  yearsToExpiry: number
  expired: boolean
  /** σ(K) used, annual fraction; null once expired (the payoff needs none). */
  impliedVolatility: number | null
  /** Black–Scholes price of one unit, USD. */
  unitPrice: number
  /** quantity × unitPrice: the position's mark value (negative when short). */
  value: number
  /** ∂value/∂S: underlying units. */
  deltaUnits: number
  /** deltaUnits × S: USD gained per 100 % rise, to first order. */
  deltaUsd: number
  /** ∂²value/∂S²: underlying units per USD of price. */
  gamma: number
  /**
   * gamma · S²/100: the change of deltaUnits for a 1 % rise (gamma · 0.01·S), valued at S: USD of
   * delta gained per 1 % (the usual "gamma in USD"; deltaUsd itself also grows by deltaUsd/100 from
   * the revaluation). The second-order P&L of a 1 % move is ½·gamma·(0.01·S)² = gammaUsdPerPercent/200.
   */
  gammaUsdPerPercent: number
  /** USD per vol point: the value change for a +0.01 parallel shift of the smile. */
  vegaUsdPerVolPoint: number
  /** USD per day of calendar time at fixed implied volatility (thetaPerYear / 365). */
  thetaUsdPerDay: number
  /** USD per +1 % (0.01) of the risk-free rate. */
  rhoUsdPerPercent: number
}

/**
 * Prices `position` at spot S and time `now` (unix seconds): T = (expiry − now)/SECONDS_PER_YEAR,
 * r = riskFreeRate ?? 0, σ = impliedVolatility(smile + volShift, K, F_anchor, T_smile) with
 * F_anchor = smileAnchorSpot·e^{rT} and T_smile = T, or (expiry − fittedAt)/year for an SVI slice
 * that records when it was fitted; then value = q·BS(S, K, T, σ, r), Δ = q·∂BS/∂S, Γ = q·∂²BS/∂S²,
 * vega = q·∂BS/∂σ/100, θ = q·∂BS/∂t/365, ρ = q·∂BS/∂r/100 (q the quantity). Past expiry the value is
 * the payoff at S (a settled option is worth that until the user removes it).
 */
export function optionGreeks(
  position: OptionPosition,
  spot: number,
  now: number,
  options: OptionGreeksOptions = {},
): OptionGreeks {
  if (!(spot > 0 && Number.isFinite(spot))) throw new RangeError(`spot must be finite and > 0, got ${spot}`)
  if (!Number.isFinite(now)) throw new RangeError(`now must be finite unix seconds, got ${now}`)
  const anchor = options.smileAnchorSpot ?? spot
  if (!(anchor > 0 && Number.isFinite(anchor)))
    throw new RangeError(`smileAnchorSpot must be finite and > 0, got ${anchor}`)
  const t = (position.expiry - now) / SECONDS_PER_YEAR
  const rate = position.riskFreeRate ?? 0
  const expired = t <= 0
  let volatility: number | null = null
  if (!expired) {
    const smile = shiftVolSmile(position.volatility, options.volShift ?? 0)
    const fittedAt = smile.kind === 'svi' ? smile.fittedAt : undefined
    const smileYears = fittedAt === undefined ? t : (position.expiry - fittedAt) / SECONDS_PER_YEAR
    volatility = impliedVolatility(smile, position.strike, anchor * Math.exp(rate * t), smileYears)
  }
  const unit = blackScholes({
    right: position.right,
    spot,
    strike: position.strike,
    yearsToExpiry: t,
    volatility: volatility ?? 0,
    rate,
  })
  const q = position.quantity
  const deltaUnits = q * unit.delta
  const gamma = q * unit.gamma
  return {
    yearsToExpiry: t,
    expired,
    impliedVolatility: volatility,
    unitPrice: unit.price,
    value: q * unit.price,
    deltaUnits,
    deltaUsd: deltaUnits * spot,
    gamma,
    gammaUsdPerPercent: (gamma * spot * spot) / 100,
    vegaUsdPerVolPoint: (q * unit.vega) / 100,
    thetaUsdPerDay: q * unit.thetaPerDay,
    rhoUsdPerPercent: (q * unit.rho) / 100,
  }
}

import { normalCdf, normalMillsRatio, normalPdf } from '../stats/normalCdf'

/**
 * European option prices and Greeks under Black–Scholes–Merton with a continuous rate r and a
 * continuous carry (yield) q: the underlying's forward is F = S·e^{(r−q)T} and cash is discounted
 * by D = e^{−rT}. Every output is a float64 statistic per one unit of underlying; time is in years
 * of 365 days (stats/timeBasis.ts), so theta per day is theta per year / 365.
 */

export type OptionRight = 'call' | 'put'

export type BlackScholesInput = {
  right: OptionRight
  /** S > 0, the underlying's spot price (USD). */
  spot: number
  /** K > 0 (USD). */
  strike: number
  /** T in years; T ≤ 0 means expired (the payoff at S). */
  yearsToExpiry: number
  /** σ ≥ 0, annualised volatility as a fraction (0.8 = 80 %). */
  volatility: number
  /** r, annual continuously compounded risk-free rate (default 0). */
  rate?: number
  /** q, annual continuous carry or yield of the underlying (default 0). */
  carry?: number
}

/** Price and Greeks per unit of underlying (float64). */
export type BlackScholesGreeks = {
  price: number
  /** ∂price/∂S. */
  delta: number
  /** ∂²price/∂S². */
  gamma: number
  /** ∂price/∂σ per 1.00 of volatility (divide by 100 for a vol point). */
  vega: number
  /** ∂price/∂t as calendar time passes (= −∂price/∂T), per year. */
  thetaPerYear: number
  /** thetaPerYear / 365: the instantaneous decay rate per day (not the exact one-day change). */
  thetaPerDay: number
  /** ∂price/∂r per 1.00 of rate. */
  rho: number
}

const DAYS_PER_YEAR = 365

function assertValid(input: BlackScholesInput): void {
  const { spot, strike, yearsToExpiry, volatility } = input
  if (!(spot > 0 && Number.isFinite(spot))) throw new RangeError(`spot must be finite and > 0, got ${spot}`)
  if (!(strike > 0 && Number.isFinite(strike))) throw new RangeError(`strike must be finite and > 0, got ${strike}`)
  if (Number.isNaN(yearsToExpiry) || yearsToExpiry === Number.POSITIVE_INFINITY)
    throw new RangeError(`yearsToExpiry must be finite, got ${yearsToExpiry}`)
  if (!(volatility >= 0 && Number.isFinite(volatility)))
    throw new RangeError(`volatility must be finite and ≥ 0, got ${volatility}`)
  if (!Number.isFinite(input.rate ?? 0)) throw new RangeError(`rate must be finite, got ${input.rate}`)
  if (!Number.isFinite(input.carry ?? 0)) throw new RangeError(`carry must be finite, got ${input.carry}`)
}

/**
 * The option with no randomness left: at or past expiry (T ≤ 0, the payoff max(±(S − K), 0)) or
 * with σ√T = 0 (the discounted payoff of the known forward, max(±(S e^{−qT} − K e^{−rT}), 0)).
 * Delta is the step 1 (call) / −1 (put) in the money, 0 out of it and half that at the money (the
 * T → 0 limit of Φ(d₁) at F = K); gamma and vega are 0 (the Dirac mass at the strike is not reported).
 */
function deterministic(right: OptionRight, spot: number, strike: number, t: number, r: number, q: number) {
  const expired = t <= 0
  const years = expired ? 0 : t
  const carryDiscount = Math.exp(-q * years)
  const discount = Math.exp(-r * years)
  const sign = right === 'call' ? 1 : -1
  const forwardValue = spot * carryDiscount
  const strikeValue = strike * discount
  const moneyness = sign * (forwardValue - strikeValue)
  const weight = moneyness > 0 ? 1 : moneyness === 0 ? 0.5 : 0
  // In the money the option is a forward: d/dt(S e^{−qT} − K e^{−rT}) = q S e^{−qT} − r K e^{−rT}.
  // `+ 0` turns the −0 of an out-of-the-money put into 0.
  const thetaPerYear = expired ? 0 : weight * sign * (q * forwardValue - r * strikeValue) + 0
  return {
    price: Math.max(moneyness, 0),
    delta: weight * sign * carryDiscount + 0,
    gamma: 0,
    vega: 0,
    thetaPerYear,
    thetaPerDay: thetaPerYear / DAYS_PER_YEAR,
    rho: weight * sign * years * strikeValue + 0,
  }
}

/**
 * The option that is out of the money on the forward, from its two small terms. Deep in the tail
 * (a > 1 below) Φ's relative errors would be amplified by the cancellation between the terms, so
 * they are rewritten with the Mills ratio M(y) = Φ(−y)/φ(y) and the identity
 * S e^{−qT} φ(d₁) = K e^{−rT} φ(d₂):
 *
 *   call (a = −d₁): S e^{−qT} φ(a) · (M(a) − M(a + σ√T))
 *   put  (a = d₂):  K e^{−rT} φ(a) · (M(a) − M(a + σ√T))
 *
 * which leaves only the rounding of M amplified (by about a/σ√T), not that of d.
 */
function outOfTheMoneyPrice(
  isCall: boolean,
  d1: number,
  d2: number,
  v: number,
  forwardValue: number,
  strikeValue: number,
): number {
  const a = isCall ? -d1 : d2
  if (a > 1)
    return (isCall ? forwardValue : strikeValue) * normalPdf(a) * (normalMillsRatio(a) - normalMillsRatio(a + v))
  return isCall
    ? forwardValue * normalCdf(d1) - strikeValue * normalCdf(d2)
    : strikeValue * normalCdf(-d2) - forwardValue * normalCdf(-d1)
}

/**
 * Black–Scholes–Merton price and Greeks of a European call or put:
 *
 *   d₁ = (ln(S/K) + (r − q + σ²/2)T)/(σ√T),  d₂ = d₁ − σ√T
 *   call = S e^{−qT} Φ(d₁) − K e^{−rT} Φ(d₂),  put = K e^{−rT} Φ(−d₂) − S e^{−qT} Φ(−d₁)
 *   Δ = ±e^{−qT} Φ(±d₁),  Γ = e^{−qT} φ(d₁)/(Sσ√T),  vega = S e^{−qT} φ(d₁) √T
 *   Θ = −S e^{−qT} φ(d₁) σ/(2√T) ∓ r K e^{−rT} Φ(±d₂) ± q S e^{−qT} Φ(±d₁),  ρ = ±K T e^{−rT} Φ(±d₂)
 *
 * (upper signs for a call). Numerically: only the option that is out of the money on the forward
 * is evaluated from the formula (outOfTheMoneyPrice, accurate in the far tail); the other follows
 * from put–call parity as that value plus the non-negative forward intrinsic |S e^{−qT} − K e^{−rT}|,
 * so deep in-the-money prices never come from a difference of two large numbers. T ≤ 0 or σ√T = 0
 * gives the deterministic payoff (see `deterministic`).
 */
export function blackScholes(input: BlackScholesInput): BlackScholesGreeks {
  assertValid(input)
  const { right, spot, strike, volatility } = input
  const t = input.yearsToExpiry
  const r = input.rate ?? 0
  const q = input.carry ?? 0
  const sqrtT = t > 0 ? Math.sqrt(t) : 0
  const v = volatility * sqrtT
  const logMoneyness = Math.log(spot / strike) + (r - q) * t
  const d1 = logMoneyness / v + v / 2
  if (!(v > 0) || !Number.isFinite(d1)) return deterministic(right, spot, strike, t, r, q)
  const d2 = d1 - v
  const carryDiscount = Math.exp(-q * t)
  const discount = Math.exp(-r * t)
  const forwardValue = spot * carryDiscount
  const strikeValue = strike * discount
  const density = normalPdf(d1)

  // Forward-intrinsic F − K in today's money, and the option that is out of the money on the forward.
  const intrinsic = forwardValue - strikeValue
  const otmIsCall = logMoneyness < 0
  const otm = outOfTheMoneyPrice(otmIsCall, d1, d2, v, forwardValue, strikeValue)
  const otmPrice = Math.max(otm, 0)
  const isCall = right === 'call'
  const price = isCall === otmIsCall ? otmPrice : otmPrice + Math.abs(intrinsic)

  const sign = isCall ? 1 : -1
  const nd1 = normalCdf(sign * d1)
  const nd2 = normalCdf(sign * d2)
  const decay = (-forwardValue * density * volatility) / (2 * sqrtT)
  const thetaPerYear = decay - sign * r * strikeValue * nd2 + sign * q * forwardValue * nd1
  return {
    price,
    delta: sign * carryDiscount * nd1,
    gamma: (carryDiscount * density) / (spot * v),
    vega: forwardValue * density * sqrtT,
    thetaPerYear,
    thetaPerDay: thetaPerYear / DAYS_PER_YEAR,
    rho: sign * t * strikeValue * nd2,
  }
}

/** The price alone (same rules as `blackScholes`), for revaluation and finite differences. */
export function blackScholesPrice(input: BlackScholesInput): number {
  return blackScholes(input).price
}

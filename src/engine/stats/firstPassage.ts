import type { LiquidationSide } from '../priceBoundary'
import { normalCdf, normalMillsRatio, normalPdf } from './normalCdf'

/**
 * First passage of a barrier by a geometric Brownian motion S_t = S₀·exp((μ − σ²/2)t + σW_t): the
 * closed-form probability of liquidation for an account with one risk factor (issue 5, point 2).
 * Time is in whatever unit `drift`, `volatility` and `horizon` share (the engine uses years).
 */

export type GbmBarrier = {
  /** S₀ > 0, today's price. */
  spot: number
  /** B > 0, the price at which the account is liquidated. */
  barrier: number
  /** 'down': liquidated when the price falls to B (net collateral); 'up': when it rises to B (net debt). */
  side: LiquidationSide
  /** μ, the drift of ln S plus σ²/2 (the arithmetic expected return per unit time). */
  drift: number
  /** σ ≥ 0, the volatility of ln S per √(unit time). */
  volatility: number
}

function assertValid(b: GbmBarrier): void {
  if (!(b.spot > 0 && Number.isFinite(b.spot))) throw new RangeError(`spot must be finite and > 0, got ${b.spot}`)
  if (!(b.barrier > 0 && Number.isFinite(b.barrier)))
    throw new RangeError(`barrier must be finite and > 0, got ${b.barrier}`)
  if (!Number.isFinite(b.drift)) throw new RangeError(`drift must be finite, got ${b.drift}`)
  if (!(b.volatility >= 0 && Number.isFinite(b.volatility)))
    throw new RangeError(`volatility must be finite and ≥ 0, got ${b.volatility}`)
}

/**
 * The problem in log space, turned so the barrier is always below: d = ln distance still to travel
 * (> 0 while not hit), m = drift of ln S away from the barrier (ν = μ − σ²/2 for 'down', −ν for 'up').
 */
function logSpace(b: GbmBarrier): { distance: number; driftAway: number } {
  const nu = b.drift - (b.volatility * b.volatility) / 2
  const distance = b.side === 'down' ? Math.log(b.spot / b.barrier) : Math.log(b.barrier / b.spot)
  return { distance, driftAway: b.side === 'down' ? nu : -nu }
}

/**
 * Probability that the price touches the barrier at some t ∈ [0, T] (reflection principle with
 * drift). With d = |ln(B/S₀)|, ν = μ − σ²/2 and m = ν for a lower barrier (−ν for an upper one):
 *
 *   P(T) = Φ((−d − mT)/(σ√T)) + e^{−2md/σ²} · Φ((−d + mT)/(σ√T)),
 *
 * i.e. for B < S₀: Φ((ln(B/S₀) − νT)/(σ√T)) + (B/S₀)^{2ν/σ²} Φ((ln(B/S₀) + νT)/(σ√T)). The second
 * term is evaluated as φ(z₁)·M(−z₂) (Mills ratio) when z₂ < 0, since e^{−2md/σ²}φ(z₂) = φ(z₁); this
 * avoids overflow of the power for small σ. Edge cases: already at or past the barrier → 1; T = 0 → 0;
 * σ = 0 → 1 if the deterministic path e^{μt} reaches B by T, else 0; T = ∞ → the limit
 * (1 if m ≤ 0, else e^{−2md/σ²} = (B/S₀)^{2ν/σ²}).
 */
export function firstPassageProbability(b: GbmBarrier, horizon: number): number {
  assertValid(b)
  if (!(horizon >= 0)) throw new RangeError(`horizon must be ≥ 0, got ${horizon}`)
  const { distance: d, driftAway: m } = logSpace(b)
  if (d <= 0) return 1
  if (horizon === 0) return 0
  const sigma = b.volatility
  if (sigma === 0) return m < 0 && -m * horizon >= d ? 1 : 0
  if (horizon === Number.POSITIVE_INFINITY) return m <= 0 ? 1 : Math.exp((-2 * m * d) / (sigma * sigma))
  const s = sigma * Math.sqrt(horizon)
  const z1 = (-d - m * horizon) / s
  const z2 = (-d + m * horizon) / s
  const reflected =
    z2 < 0 ? normalPdf(z1) * normalMillsRatio(-z2) : Math.exp((-2 * m * d) / (sigma * sigma)) * normalCdf(z2)
  return Math.min(1, normalCdf(z1) + reflected)
}

/**
 * The horizon T at which the first-passage probability P(T) (firstPassageProbability) reaches p:
 * the smallest T with P(T) ≥ p, found by bracketing (doubling/halving from the natural scale
 * (d/σ)²) and bisection in ln T to a relative width of 1e-13, since P is continuous and increasing
 * in T. Returns 0 when already at or past the barrier (or p ≤ 0), and Infinity when P never
 * reaches p: P(∞) = e^{−2md/σ²} < 1 when the drift carries the price away from the barrier, and
 * P(∞) = p is only reached in the limit. With σ = 0 the answer is the deterministic d/(−m) if m < 0.
 */
export function timeToProbability(b: GbmBarrier, probability: number): number {
  assertValid(b)
  if (!(probability >= 0 && probability <= 1)) throw new RangeError(`probability must be in [0, 1], got ${probability}`)
  const { distance: d, driftAway: m } = logSpace(b)
  if (d <= 0 || probability === 0) return 0
  if (b.volatility === 0) return m < 0 ? d / -m : Number.POSITIVE_INFINITY
  if (firstPassageProbability(b, Number.POSITIVE_INFINITY) <= probability) return Number.POSITIVE_INFINITY
  const reaches = (t: number): boolean => firstPassageProbability(b, t) >= probability
  // The natural time scale (d/σ)², kept inside the finite positive doubles so doubling/halving moves.
  const scale = Math.min(Number.MAX_VALUE, Math.max(Number.MIN_VALUE, (d / b.volatility) ** 2))
  let lo = scale
  let hi = scale
  // P(T) → P(∞) > p as T → ∞ and → 0 as T → 0, so both loops end before T overflows or underflows.
  while (!reaches(hi)) {
    lo = hi
    hi *= 2
    if (hi === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY
  }
  if (lo === hi) {
    while (reaches(lo)) {
      hi = lo
      lo /= 2
      if (lo === 0) return hi
    }
  }
  while (hi / lo > 1 + 1e-13) {
    const mid = Math.sqrt(lo * hi)
    if (mid <= lo || mid >= hi) break
    if (reaches(mid)) hi = mid
    else lo = mid
  }
  return hi
}

/**
 * Distance to the barrier in σ units of the horizon volatility: ln(S₀/B)/(σ√T) for a lower barrier,
 * ln(B/S₀)/(σ√T) for an upper one — positive while the barrier is not yet reached, negative past
 * it. With σ√T = 0 it is ±Infinity (0 exactly at the barrier).
 */
export function barrierDistanceSigmas(b: GbmBarrier, horizon: number): number {
  assertValid(b)
  if (!(horizon >= 0)) throw new RangeError(`horizon must be ≥ 0, got ${horizon}`)
  const { distance } = logSpace(b)
  const s = b.volatility * Math.sqrt(horizon)
  if (s === 0) return distance === 0 ? 0 : distance > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY
  return distance / s
}

/**
 * The volatility smile of one option expiry, as the user enters it: a flat volatility, a quadratic
 * skew in log-moneyness, or a raw SVI slice (Gatheral 2004). Plain data (it crosses the worker
 * boundary); every volatility is an annualised float64 fraction (0.8 = 80 %) on the 365-day year
 * of stats/timeBasis.ts. Log-moneyness is k = ln(K/F) against the forward F of the same expiry.
 */

/** Every smile's volatility is floored here: a quadratic or shifted smile must not go to 0 or below. */
export const MIN_VOLATILITY = 0.001
/** Inputs above 1000 % are taken for percentages typed as fractions (80 instead of 0.8) and refused. */
export const MAX_VOLATILITY = 10

export type VolSmileInput =
  | { kind: 'flat'; volatility: number }
  | {
      kind: 'skew'
      /** σ at the forward (k = 0). */
      atmVolatility: number
      /** dσ/dk at k = 0 (negative: puts richer than calls). */
      skew: number
      /** ½·d²σ/dk². σ(k) = atm + skew·k + curvature·k², floored at MIN_VOLATILITY. */
      curvature: number
    }
  | {
      kind: 'svi'
      /**
       * Raw SVI total implied variance at the option's expiry:
       * w(k) = a + b(ρ(k − m) + √((k − m)² + σ²)), σ_implied(k) = √(w(k)/T).
       */
      a: number
      b: number
      rho: number
      m: number
      sigma: number
      /**
       * Unix seconds when the slice was fitted. When given, w is the variance from then to expiry and
       * T counts from then, so the implied volatilities stay put as time passes; when absent, w is the
       * variance still to come from `now` (refit as time passes, or σ = √(w/T) drifts up as T shrinks).
       */
      fittedAt?: number
      /** A parallel shift Δσ added to √(w/T) (set by shiftVolSmile; a fitted slice has none). */
      volatilityShift?: number
    }

export type SviSlice = Extract<VolSmileInput, { kind: 'svi' }>

/** Raw SVI total variance w(k) = a + b(ρ(k − m) + √((k − m)² + σ²)). */
export function sviTotalVariance(slice: SviSlice, logMoneyness: number): number {
  const x = logMoneyness - slice.m
  return slice.a + slice.b * (slice.rho * x + Math.sqrt(x * x + slice.sigma * slice.sigma))
}

const finite = (x: number | undefined): boolean => x === undefined || Number.isFinite(x)

function volatilityViolation(name: string, value: number): string[] {
  if (!Number.isFinite(value)) return [`${name} must be a finite number, got ${value}`]
  if (value < MIN_VOLATILITY || value > MAX_VOLATILITY)
    return [
      `${name} must be between ${MIN_VOLATILITY} and ${MAX_VOLATILITY} (an annual fraction: 0.8 = 80 %), got ${value}`,
    ]
  return []
}

/**
 * What is wrong with a smile, as messages (empty when it is usable). For SVI these are the
 * no-arbitrage basics of a raw slice (Gatheral & Jacquier 2014, §3): b ≥ 0, |ρ| < 1, σ > 0, a
 * non-negative minimum total variance a + bσ√(1 − ρ²) ≥ 0, and Lee's moment bound on the wings
 * b(1 + |ρ|) ≤ 2 (w(k)/|k| → b(1 ± ρ) may not exceed 2). Butterfly arbitrage between strikes
 * (the density g(k) ≥ 0) is not checked.
 */
export function volSmileViolations(smile: VolSmileInput): string[] {
  switch (smile.kind) {
    case 'flat':
      return volatilityViolation('volatility', smile.volatility)
    case 'skew': {
      const issues = volatilityViolation('atmVolatility', smile.atmVolatility)
      if (!Number.isFinite(smile.skew)) issues.push(`skew must be a finite number, got ${smile.skew}`)
      if (!Number.isFinite(smile.curvature)) issues.push(`curvature must be a finite number, got ${smile.curvature}`)
      return issues
    }
    case 'svi': {
      const { a, b, rho, m, sigma } = smile
      const named = { a, b, rho, m, sigma, fittedAt: smile.fittedAt, volatilityShift: smile.volatilityShift }
      const notFinite = Object.entries(named).filter(([, value]) => !finite(value))
      if (notFinite.length > 0)
        return notFinite.map(([name, value]) => `SVI ${name} must be a finite number, got ${value}`)
      const issues: string[] = []
      if (!(b >= 0)) issues.push(`SVI b must be ≥ 0, got ${b}`)
      if (!(Math.abs(rho) < 1)) issues.push(`SVI rho must be in (−1, 1), got ${rho}`)
      if (!(sigma > 0)) issues.push(`SVI sigma must be > 0, got ${sigma}`)
      if (issues.length > 0) return issues
      const minimum = a + b * sigma * Math.sqrt(1 - rho * rho)
      if (minimum < 0) issues.push(`SVI minimum total variance a + b·sigma·√(1 − rho²) must be ≥ 0, got ${minimum}`)
      if (b * (1 + Math.abs(rho)) > 2)
        issues.push(`SVI wings b·(1 + |rho|) must be ≤ 2 (Lee's moment bound), got ${b * (1 + Math.abs(rho))}`)
      return issues
    }
  }
}

/**
 * The implied volatility σ(K) of the smile at strike K, given the forward F that anchors its
 * log-moneyness k = ln(K/F) and, for SVI, the years T its total variance spans (σ = √(w(k)/T)).
 *
 *   flat: σ;  skew: atm + skew·k + curvature·k²;  svi: √(max(w(k), 0)/T) + Δσ
 *
 * each floored at MIN_VOLATILITY. Which F to pass decides the smile's dynamics: a fixed F (the
 * market's forward, not a bumped one) keeps σ fixed in strike (sticky strike, see optionGreeks.ts).
 */
export function impliedVolatility(
  smile: VolSmileInput,
  strike: number,
  forward: number,
  yearsToExpiry: number,
): number {
  if (!(strike > 0 && forward > 0)) throw new RangeError(`strike and forward must be > 0, got ${strike} and ${forward}`)
  const k = Math.log(strike / forward)
  let volatility: number
  switch (smile.kind) {
    case 'flat':
      volatility = smile.volatility
      break
    case 'skew':
      volatility = smile.atmVolatility + smile.skew * k + smile.curvature * k * k
      break
    case 'svi':
      if (!(yearsToExpiry > 0 && Number.isFinite(yearsToExpiry)))
        throw new RangeError(`an SVI slice needs a finite yearsToExpiry > 0, got ${yearsToExpiry}`)
      volatility = Math.sqrt(Math.max(sviTotalVariance(smile, k), 0) / yearsToExpiry) + (smile.volatilityShift ?? 0)
      break
  }
  return Math.max(volatility, MIN_VOLATILITY)
}

/**
 * The smile moved in parallel by Δσ (vega, and the scenario matrix's vol up/down): σ'(K) = σ(K) + Δσ
 * wherever that stays above MIN_VOLATILITY (the floor applies when the smile is read, so shifting a
 * floored wing down and back up returns it).
 */
export function shiftVolSmile(smile: VolSmileInput, deltaVolatility: number): VolSmileInput {
  if (!Number.isFinite(deltaVolatility)) throw new RangeError(`volatility shift must be finite, got ${deltaVolatility}`)
  if (deltaVolatility === 0) return smile
  switch (smile.kind) {
    case 'flat':
      return { ...smile, volatility: smile.volatility + deltaVolatility }
    case 'skew':
      return { ...smile, atmVolatility: smile.atmVolatility + deltaVolatility }
    case 'svi':
      return { ...smile, volatilityShift: (smile.volatilityShift ?? 0) + deltaVolatility }
  }
}

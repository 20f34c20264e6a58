import { smoothHealthFactorInputs } from './greeks/lendingGreeks'
import type { HealthFactorTerms } from './healthFactorTerms'
import type { LiquidationPriceReport } from './liquidationPrice'
import type { LiquidationSide } from './priceBoundary'
import type { Hex } from './snapshot'
import {
  barrierDistanceSigmas,
  firstPassageProbability,
  type GbmBarrier,
  timeToProbability,
} from './stats/firstPassage'
import { liquidationMonteCarlo } from './stats/monteCarlo'
import { SECONDS_PER_YEAR } from './stats/timeBasis'
import { type AssetVolatility, scaledHorizon, type VolatilityReport } from './volatility'

/**
 * Probability of liquidation over the report's horizons (issue 5, point 2), as float64 statistics.
 *
 * Risk factors are the volatile positions whose oracle moves the HF. With one factor the answer is
 * closed form: first passage of the exact liquidation price by a GBM (stats/firstPassage.ts). With
 * several it is a seeded, correlated Monte Carlo of the smooth HF, Σ w·p / Σ d·p (the chain's HF
 * without the floor/truncation steps) with a Brownian-bridge correction between steps
 * (stats/monteCarlo.ts), one run per horizon with that horizon's volatility forecast.
 *
 * Prices are driftless (μ = 0: no view on direction) unless a drift is given. A barrier below the
 * price uses the downside-adjusted volatility (volatility.ts, `downsideMultiplier`): a fat left tail
 * makes a fall likelier than the symmetric σ says. A factor with no usable oracle history has no
 * volatility: the probability is then not computed, and the report says which factor is missing.
 */

export type HorizonProbability = {
  horizonSeconds: number
  probability: number
  /** 0 for the closed form (and beyond MONTE_CARLO_SIGMA_LIMIT); the Monte Carlo estimate's standard error otherwise. */
  standardError: number
  /** ln HF over the horizon's σ of ln HF (first-order, with correlations): how many σ from HF 1. */
  distanceSigmas: number
}

/**
 * Several factors: a horizon whose first-order distance exceeds this many σ is not simulated and
 * reads 0 (a one-sided 6σ first passage is 2Φ(−6) ≈ 2e-9, far below what 20 000 paths resolve).
 */
export const MONTE_CARLO_SIGMA_LIMIT = 6

export type AssetLiquidationOdds = {
  asset: Hex
  symbol: string
  side: LiquidationSide
  /** Per horizon: this asset alone moving (others fixed) — its distance in σ and first-passage probability. */
  horizons: { horizonSeconds: number; horizonVolatility: number; distanceSigmas: number; probability: number }[]
}

export type LiquidationProbabilityReport =
  | {
      method: 'closed-form' | 'monte-carlo'
      riskFactors: Hex[]
      horizons: HorizonProbability[]
      /**
       * The first time P(liquidation) reaches `threshold` (seconds; Infinity if never): the closed form
       * for one factor; for several, HF as one factor with ln HF's first-order volatility (approximate).
       */
      timeToThresholdSeconds: number | null
      threshold: number
      paths: number
      perAsset: AssetLiquidationOdds[]
    }
  | {
      method: 'none'
      /** no-debt / no-risk-factor: P = 0 whatever happens to prices; missing-volatility: cannot tell. */
      reason: 'no-debt' | 'no-risk-factor' | 'missing-volatility' | 'liquidatable'
      missing: Hex[]
      perAsset: AssetLiquidationOdds[]
    }

export type LiquidationProbabilityOptions = {
  seed: number
  /** Monte Carlo paths per horizon and steps per path. */
  paths: number
  steps: number
  /** Probability the time-to-trouble figure reports (5 % by default, issue 5). */
  threshold?: number
  /** Annual arithmetic drift of every price (0: no view). */
  driftAnnualised?: number
  /** Multiplies every volatility (what-if, scenario "vol up"). */
  volatilityScale?: number
  /** Monte Carlo innovations: Student-t with ν degrees of freedom (fat tails), or normal when null/absent. */
  studentTDegreesOfFreedom?: number | null
}

export function liquidationProbability(
  t: HealthFactorTerms,
  liquidation: LiquidationPriceReport,
  volatility: VolatilityReport,
  o: LiquidationProbabilityOptions,
): LiquidationProbabilityReport {
  const threshold = o.threshold ?? 0.05
  const drift = o.driftAnnualised ?? 0
  const scale = o.volatilityScale ?? 1
  // An estimate without a finite positive forecast for every horizon counts as missing, never as σ = NaN.
  const usable = volatility.assets.filter((v) =>
    v.horizons.every((h) => h.volatilityAnnualised > 0 && Number.isFinite(h.volatilityAnnualised)),
  )
  const byAsset = new Map<Hex, AssetVolatility>(usable.map((v) => [v.asset, v]))
  const horizonSeconds = volatility.assets[0]?.horizons.map((h) => h.horizonSeconds) ?? [3_600, 86_400, 604_800]
  const { price, weighted, debt } = smoothHealthFactorInputs(t)

  const factors: number[] = []
  for (let i = 0; i < t.assets.length; i++) {
    const moves = t.volatile[i] === true && t.followsOracle[i] === true
    if (moves && ((weighted[i] as number) > 0 || (debt[i] as number) > 0)) factors.push(i)
  }

  const perAsset: AssetLiquidationOdds[] = []
  for (const i of factors) {
    const row = liquidation.assets[i]
    const v = byAsset.get(t.assets[i] as Hex)
    if (!row || row.liquidationPriceBase === null || !v) continue
    const barrier = gbmBarrier(Number(t.price[i]), Number(row.liquidationPriceBase), row.direction, drift, 0)
    perAsset.push({
      asset: t.assets[i] as Hex,
      symbol: t.symbols[i] as string,
      side: row.direction,
      horizons: v.horizons.map((h) => {
        const sigma = factorVolatility(v, h.horizonSeconds, row.direction) * scale
        const b = { ...barrier, volatility: sigma }
        const years = h.horizonSeconds / SECONDS_PER_YEAR
        return {
          horizonSeconds: h.horizonSeconds,
          horizonVolatility: sigma * Math.sqrt(years),
          distanceSigmas: barrierDistanceSigmas(b, years),
          probability: firstPassageProbability(b, years),
        }
      }),
    })
  }

  if (t.totalDebt === 0n) return { method: 'none', reason: 'no-debt', missing: [], perAsset }
  if (t.healthFactor < 10n ** 18n) return { method: 'none', reason: 'liquidatable', missing: [], perAsset }
  if (factors.length === 0) return { method: 'none', reason: 'no-risk-factor', missing: [], perAsset }
  const missing = factors.filter((i) => !byAsset.has(t.assets[i] as Hex)).map((i) => t.assets[i] as Hex)
  if (missing.length > 0) return { method: 'none', reason: 'missing-volatility', missing, perAsset }

  const vols = factors.map((i) => byAsset.get(t.assets[i] as Hex) as AssetVolatility)
  // Net long a factor (w·p > d·p): the account loses when it falls, so its downside σ applies.
  const sides = factors.map((i): LiquidationSide => ((weighted[i] as number) >= (debt[i] as number) ? 'down' : 'up'))
  const correlation = factorCorrelation(volatility, vols)
  const sigmaAt = (k: number, h: number) =>
    factorVolatility(vols[k] as AssetVolatility, h, sides[k] as LiquidationSide) * scale

  // ln HF's sensitivity to each factor's ln price: g_k = p(w/W − d/D).
  let W = 0
  let D = 0
  for (let i = 0; i < price.length; i++) {
    W += (weighted[i] as number) * (price[i] as number)
    D += (debt[i] as number) * (price[i] as number)
  }
  const g = factors.map((i) => (price[i] as number) * ((weighted[i] as number) / W - (debt[i] as number) / D))
  const lnHf = Math.log(W / D)
  /** σ of ln HF per √year over horizon h, to first order: √(gᵀ Σ_h g). */
  const lnHfVolatility = (h: number) => {
    let variance = 0
    for (let a = 0; a < factors.length; a++)
      for (let b = 0; b < factors.length; b++)
        variance +=
          (g[a] as number) *
          (g[b] as number) *
          sigmaAt(a, h) *
          sigmaAt(b, h) *
          (correlation[a * factors.length + b] as number)
    return Math.sqrt(variance)
  }
  const distanceSigmas = (h: number) => lnHf / (lnHfVolatility(h) * Math.sqrt(h / SECONDS_PER_YEAR))

  if (factors.length === 1) {
    const i = factors[0] as number
    const row = liquidation.assets[i]
    if (row && row.liquidationPriceBase !== null) {
      const v = vols[0] as AssetVolatility
      const base = gbmBarrier(Number(t.price[i]), Number(row.liquidationPriceBase), row.direction, drift, 0)
      const horizons = horizonSeconds.map((h) => {
        const b = { ...base, volatility: factorVolatility(v, h, row.direction) * scale }
        return {
          horizonSeconds: h,
          probability: firstPassageProbability(b, h / SECONDS_PER_YEAR),
          standardError: 0,
          distanceSigmas: barrierDistanceSigmas(b, h / SECONDS_PER_YEAR),
        }
      })
      return {
        method: 'closed-form',
        riskFactors: [t.assets[i] as Hex],
        horizons,
        timeToThresholdSeconds: timeToThreshold(base, v, row.direction, threshold, scale),
        threshold,
        paths: 0,
        perAsset,
      }
    }
  }

  let fixedWeighted = 0
  let fixedDebt = 0
  for (let i = 0; i < price.length; i++) {
    if (factors.includes(i)) continue
    fixedWeighted += (weighted[i] as number) * (price[i] as number)
    fixedDebt += (debt[i] as number) * (price[i] as number)
  }
  const horizons = horizonSeconds.map((h) => {
    const sigmas = distanceSigmas(h)
    if (sigmas > MONTE_CARLO_SIGMA_LIMIT)
      return { horizonSeconds: h, probability: 0, standardError: 0, distanceSigmas: sigmas }
    const mc = liquidationMonteCarlo({
      collateralWeighted: Float64Array.from(factors, (i) => (weighted[i] as number) * (price[i] as number)),
      debt: Float64Array.from(factors, (i) => (debt[i] as number) * (price[i] as number)),
      fixedCollateralWeighted: fixedWeighted,
      fixedDebt,
      volatility: Float64Array.from(factors, (_, k) => sigmaAt(k, h)),
      drift: Float64Array.from(factors, () => drift),
      correlation,
      horizonsSeconds: [h],
      paths: o.paths,
      steps: o.steps,
      seed: o.seed,
      ...(o.studentTDegreesOfFreedom
        ? { innovations: { kind: 'student-t' as const, degreesOfFreedom: o.studentTDegreesOfFreedom } }
        : {}),
    })
    const r = mc.horizons[0] as { probability: number; standardError: number }
    return {
      horizonSeconds: h,
      probability: r.probability,
      standardError: r.standardError,
      distanceSigmas: sigmas,
    }
  })
  return {
    method: 'monte-carlo',
    riskFactors: factors.map((i) => t.assets[i] as Hex),
    horizons,
    // Several factors: HF itself as one driftless factor with ln HF's first-order volatility (an
    // approximation; the horizons' probabilities above are the simulation's).
    timeToThresholdSeconds: effectiveTimeToThreshold(Math.exp(lnHf), horizonSeconds, lnHfVolatility, threshold),
    threshold,
    paths: o.paths,
    perAsset,
  }
}

function gbmBarrier(
  spot: number,
  barrier: number,
  side: LiquidationSide,
  drift: number,
  volatility: number,
): GbmBarrier {
  return { spot, barrier, side, drift, volatility }
}

/** The factor's annualised volatility over a horizon, downside-adjusted for a barrier below the price. */
function factorVolatility(v: AssetVolatility, horizonSeconds: number, side: LiquidationSide): number {
  const h = v.horizons.find((x) => x.horizonSeconds === horizonSeconds) ?? v.horizons.at(-1)
  if (!h) return Number.NaN
  return (side === 'down' ? scaledHorizon(h, v.downsideMultiplier) : h).volatilityAnnualised
}

/**
 * The first T with P(T) ≥ threshold, each horizon's forecast used over its own span: the answer with
 * the 1 h volatility if it falls within 1 h, else with the 24 h one if within 24 h, else the 7 d one.
 */
function timeToThreshold(
  base: GbmBarrier,
  v: AssetVolatility,
  side: LiquidationSide,
  threshold: number,
  scale: number,
) {
  let answer = Number.POSITIVE_INFINITY
  for (const h of v.horizons) {
    const b = { ...base, volatility: factorVolatility(v, h.horizonSeconds, side) * scale }
    answer = timeToProbability(b, threshold) * SECONDS_PER_YEAR
    if (answer <= h.horizonSeconds) return answer
  }
  return answer
}

/** The first T with P(HF reaches 1 by T) ≥ threshold, HF as a GBM with each horizon's ln HF volatility. */
function effectiveTimeToThreshold(
  healthFactor: number,
  horizonsSeconds: readonly number[],
  volatilityAt: (h: number) => number,
  threshold: number,
) {
  let answer = Number.POSITIVE_INFINITY
  for (const h of horizonsSeconds) {
    const b: GbmBarrier = { spot: healthFactor, barrier: 1, side: 'down', drift: 0, volatility: volatilityAt(h) }
    answer = timeToProbability(b, threshold) * SECONDS_PER_YEAR
    if (answer <= h) return answer
  }
  return answer
}

/** Row-major ρ among the factors, 1 on the diagonal, 0 where the history cannot tell. */
function factorCorrelation(report: VolatilityReport, vols: AssetVolatility[]): Float64Array {
  const n = vols.length
  const index = vols.map((v) => report.assets.indexOf(v))
  const out = new Float64Array(n * n)
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) {
      const rho = a === b ? 1 : report.correlation[index[a] as number]?.[index[b] as number]
      out[a * n + b] = typeof rho === 'number' && Number.isFinite(rho) ? rho : 0
    }
  return out
}

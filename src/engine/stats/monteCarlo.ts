import { correlationCholesky } from './cholesky'
import { type PathModel, simulateLiquidationPaths } from './liquidationPaths'
import { horizonGrid } from './monteCarloGrid'
import { SECONDS_PER_YEAR } from './timeBasis'

/**
 * Probability of liquidation of an account exposed to several correlated risk factors, by Monte
 * Carlo (issue 5, point 2; the one-factor closed form is firstPassage.ts).
 *
 * Model: the price of factor i is S_i(t) = S_i(0)·e^{x_i(t)}, dx_i = (μ_i − σ_i²/2)dt + σ_i dW_i,
 * corr(dW_i, dW_j) = ρ_ij. The health factor is
 *
 *   HF(t) = (A₀ + Σ a_i e^{x_i}) / (B₀ + Σ b_i e^{x_i}),
 *
 * and the account is liquidated the first time HF ≤ 1, i.e. C − D ≤ 0. Netting each factor's two
 * sides, w_i = a_i − b_i, that is P ≤ N with P = (A₀ − B₀)⁺ + Σ w_i⁺ e^{x_i} and
 * N = (B₀ − A₀)⁺ + Σ w_i⁻ e^{x_i}: the crossing is tracked on y = ln(P/N), which is the same event
 * as ln HF ≤ 0, and is linear in x whenever each side holds a single term — every one-factor
 * account (any mix of one volatile asset and stablecoins on either side), and also a pair trade
 * (long one volatile asset against another).
 *
 * Between two grid points the path is unseen, so a crossing between two surviving endpoints is
 * accounted for by the Brownian-bridge probability exp(−2·y_k·y_{k+1}/(σ_y²·Δt)), with σ_y² = gᵀΣg
 * the local variance of y from its gradient g_i = ∂y/∂x_i = (w_i⁺/P − w_i⁻/N)·e^{x_i}, averaged
 * over the step's two ends. Each path carries its survival weight ∏(1 − p_k) instead of a coin
 * flip (a conditional expectation: lower variance, same mean). This is exact when y is linear in x
 * (σ_y constant) and a first-order approximation otherwise, its error shrinking with Δt.
 *
 * Student-t innovations use the multivariate t: in each step one χ²_ν draw w scales all factors'
 * normals by √((ν − 2)/w) (unit variance, the correlation kept). Conditional on that draw the step
 * is a Brownian increment with variance scaled by (ν − 2)/w, and the bridge uses the same scale.
 * Drifts are unchanged (a t-distributed log return has no finite e^{x} moment to compensate).
 *
 * The grid puts every horizon on a step (monteCarloGrid.ts). Steps whose crossing probability is
 * provably below e^{−38} (a lower bound of the exponent from 2(P − N)/(P + N) ≤ y and
 * σ_y² ≤ A² + B² − 2ρ_min·A·B, A and B the two sides' Σ|g_i|σ_i, ρ_min the least correlation
 * across them; liquidationPaths.ts) skip the logarithm and the quadratic form: 1 − p would round
 * to 1 anyway, so the skip changes no bit of the result.
 *
 * Reproducible for a given seed; antithetic pairs by default (a path and its mirror −z share the
 * normals, and e^{d−s} = e^{2d}/e^{d+s} saves half the exponentials); standard errors are over the
 * independent pairs.
 */

export type Innovations = { kind: 'normal' } | { kind: 'student-t'; degreesOfFreedom: number }

export type LiquidationMonteCarloInput = {
  /** Per risk factor i: Σ value × liquidation threshold of the collateral priced by it, a_i ≥ 0 (base currency, today). */
  collateralWeighted: Float64Array
  /** Per risk factor i: the debt priced by it, b_i ≥ 0 (base currency, today). */
  debt: Float64Array
  /** A₀: Σ value × LT of the collateral that does not move (stablecoins, fixed-price assets). */
  fixedCollateralWeighted: number
  /** B₀: the debt that does not move. */
  fixedDebt: number
  /** σ_i ≥ 0, annualised volatility of ln S_i. */
  volatility: Float64Array
  /** μ_i, the arithmetic expected return per year (ln S_i drifts at μ_i − σ_i²/2). */
  drift: Float64Array
  /** ρ, row-major n×n; repaired by eigenvalue clipping if not positive semidefinite (cholesky.ts). */
  correlation: Float64Array
  /** Horizons in seconds (e.g. 3600, 86400, 604800); all lie on the grid (monteCarloGrid.ts). */
  horizonsSeconds: readonly number[]
  paths: number
  /** Steps from 0 to the longest horizon (at least one per horizon). */
  steps: number
  seed: number
  /** Default normal. */
  innovations?: Innovations
  /** Default true: count the unseen crossings between grid points (bridge weights). */
  brownianBridge?: boolean
  /** Default true: antithetic pairs (an odd path count is rounded up to even). */
  antithetic?: boolean
}

export type HorizonProbability = { horizonSeconds: number; probability: number; standardError: number }

export type LiquidationMonteCarlo = {
  /** In the order of `horizonsSeconds`. */
  horizons: HorizonProbability[]
  /** Paths simulated (0 when the answer needs no simulation). */
  paths: number
  steps: number
  /** True when the correlation matrix was not positive semidefinite and was repaired. */
  correlationAdjusted: boolean
}

function assertInput(input: LiquidationMonteCarloInput): number {
  const n = input.collateralWeighted.length
  const named: [string, Float64Array][] = [
    ['debt', input.debt],
    ['volatility', input.volatility],
    ['drift', input.drift],
  ]
  for (const [name, xs] of named) {
    if (xs.length !== n) throw new RangeError(`${name} has ${xs.length} factors, collateralWeighted has ${n}`)
  }
  for (let i = 0; i < n; i++) {
    const a = input.collateralWeighted[i] as number
    const b = input.debt[i] as number
    const s = input.volatility[i] as number
    const m = input.drift[i] as number
    if (!(a >= 0 && Number.isFinite(a) && b >= 0 && Number.isFinite(b))) {
      throw new RangeError(`factor ${i}: collateral and debt must be finite and ≥ 0`)
    }
    if (!(s >= 0 && Number.isFinite(s) && Number.isFinite(m)))
      throw new RangeError(`factor ${i}: bad volatility or drift`)
  }
  const { fixedCollateralWeighted: a0, fixedDebt: b0, paths, seed, innovations } = input
  if (!(a0 >= 0 && Number.isFinite(a0) && b0 >= 0 && Number.isFinite(b0))) {
    throw new RangeError('fixed collateral and debt must be finite and ≥ 0')
  }
  const least = input.antithetic === false ? 2 : 3
  if (!(Number.isInteger(paths) && paths >= least)) {
    throw new RangeError(`paths must be an integer ≥ ${least} (two independent samples), got ${paths}`)
  }
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`)
  if (
    innovations?.kind === 'student-t' &&
    !(innovations.degreesOfFreedom > 2 && Number.isFinite(innovations.degreesOfFreedom))
  ) {
    throw new RangeError(`Student-t needs a finite ν > 2 (finite variance), got ${innovations.degreesOfFreedom}`)
  }
  return n
}

/**
 * P(liquidation by each horizon) with its Monte Carlo standard error: the mean over paths (over
 * antithetic pairs) of 1 − ∏_k (1 − p_k), p_k the Brownian-bridge crossing probability of step k
 * (1 once HF ≤ 1 at a grid point), read at each horizon; SE = sd/√(independent samples).
 * Deterministic answers need no paths: already HF ≤ 1 → 1; no debt, or nothing moving against the
 * account → 0.
 */
export function liquidationMonteCarlo(input: LiquidationMonteCarloInput): LiquidationMonteCarlo {
  const n = assertInput(input)
  const grid = horizonGrid(input.horizonsSeconds, input.steps)
  const steps = input.steps
  const { collateralWeighted: a, debt: b, volatility, drift } = input
  const wPos = new Float64Array(n)
  const wNeg = new Float64Array(n)
  let totalDebt = input.fixedDebt
  let p0 = Math.max(input.fixedCollateralWeighted - input.fixedDebt, 0)
  let n0 = Math.max(input.fixedDebt - input.fixedCollateralWeighted, 0)
  const pFixed = p0
  const nFixed = n0
  const positiveVolatility = new Float64Array(n)
  const negativeVolatility = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const w = (a[i] as number) - (b[i] as number)
    totalDebt += b[i] as number
    wPos[i] = Math.max(w, 0)
    wNeg[i] = Math.max(-w, 0)
    p0 += wPos[i] as number
    n0 += wNeg[i] as number
    positiveVolatility[i] = (wPos[i] as number) * (volatility[i] as number)
    negativeVolatility[i] = (wNeg[i] as number) * (volatility[i] as number)
  }
  const chol = correlationCholesky(input.correlation, n)
  const l = chol.factor
  const settled = (probability: number): LiquidationMonteCarlo => ({
    horizons: input.horizonsSeconds.map((horizonSeconds) => ({ horizonSeconds, probability, standardError: 0 })),
    paths: 0,
    steps,
    correlationAdjusted: chol.adjusted,
  })
  if (totalDebt === 0) return settled(0)
  if (p0 <= n0) return settled(1)
  // P ≤ N needs a negative side (else C − D = P > 0 stays positive) and something that moves.
  if (n0 === 0) return settled(0)
  if (p0 === pFixed && n0 === nFixed) return settled(0)

  const covariance = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      covariance[i * n + j] =
        (volatility[i] as number) * (volatility[j] as number) * (chol.correlation[i * n + j] as number)
    }
  }
  // ρ_min across the two sides, for the bound of σ_y that lets most steps skip the bridge.
  let crossCorrelationFloor = 1
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if ((wPos[i] as number) > 0 && (wNeg[j] as number) > 0) {
        crossCorrelationFloor = Math.min(crossCorrelationFloor, chol.correlation[i * n + j] as number)
      }
    }
  }
  const dt = new Float64Array(steps)
  const logDrift = new Float64Array(steps * n)
  const load = new Float64Array(steps * n * n)
  const growthSquared = new Float64Array(steps * n)
  for (let k = 0; k < steps; k++) {
    const h = (grid.stepSeconds[k] as number) / SECONDS_PER_YEAR
    dt[k] = h
    for (let i = 0; i < n; i++) {
      const s = volatility[i] as number
      const d = ((drift[i] as number) - (s * s) / 2) * h
      logDrift[k * n + i] = d
      growthSquared[k * n + i] = Math.exp(2 * d)
      for (let j = 0; j <= i; j++) load[(k * n + i) * n + j] = s * Math.sqrt(h) * (l[i * n + j] as number)
    }
  }

  const innovations = input.innovations ?? { kind: 'normal' }
  const antithetic = input.antithetic ?? true
  const mirrors = antithetic ? 2 : 1
  const samples = Math.ceil(input.paths / mirrors)
  const m = grid.horizonsSeconds.length
  const model: PathModel = {
    factors: n,
    steps,
    horizons: m,
    positive: wPos,
    negative: wNeg,
    fixedPositive: pFixed,
    fixedNegative: nFixed,
    covariance,
    dt,
    logDrift,
    growthSquared,
    load,
    positiveVolatility,
    negativeVolatility,
    horizonAtStepEnd: grid.horizonAtStepEnd,
    crossCorrelationFloor,
  }
  const { sum, sumSq } = simulateLiquidationPaths(model, {
    samples,
    antithetic,
    bridge: input.brownianBridge ?? true,
    degreesOfFreedom: innovations.kind === 'student-t' ? innovations.degreesOfFreedom : 0,
    seed: input.seed,
  })

  const byHorizon = new Map<number, HorizonProbability>()
  for (let h = 0; h < m; h++) {
    const mean = (sum[h] as number) / samples
    const variance = Math.max(0, (sumSq[h] as number) / samples - mean * mean) * (samples / (samples - 1))
    const horizonSeconds = grid.horizonsSeconds[h] as number
    byHorizon.set(horizonSeconds, { horizonSeconds, probability: mean, standardError: Math.sqrt(variance / samples) })
  }
  return {
    horizons: input.horizonsSeconds.map((s) => ({ ...(byHorizon.get(s) as HorizonProbability) })),
    paths: samples * mirrors,
    steps,
    correlationAdjusted: chol.adjusted,
  }
}

import { RandomNormals } from './randomNormals'

/**
 * The simulation kernel of monteCarlo.ts (which documents the model): paths in blocks of 512
 * samples, step by step, each quantity of a block in one typed array so every inner loop runs
 * over hundreds of paths with constant coefficients (no per-path allocation, no short loops over
 * the factors on the hot path). Returns, per horizon, the sum and sum of squares of the samples
 * (a sample is a path's hit probability, or the mean of an antithetic pair's two).
 */

/** The model on its grid, precomputed by monteCarlo.ts (per step k and factor i, row-major). */
export type PathModel = {
  factors: number
  steps: number
  horizons: number
  /** w_i⁺ and w_i⁻ of the netted exposure w_i = a_i − b_i. */
  positive: Float64Array
  negative: Float64Array
  /** (A₀ − B₀)⁺ and (B₀ − A₀)⁺. */
  fixedPositive: number
  fixedNegative: number
  /** Σ = diag(σ)·ρ·diag(σ), per year. */
  covariance: Float64Array
  /** Step lengths in years. */
  dt: Float64Array
  /** (μ_i − σ_i²/2)·Δt_k. */
  logDrift: Float64Array
  /** e^{2(μ_i − σ_i²/2)Δt_k}: an antithetic path's growth is this over its mirror's. */
  growthSquared: Float64Array
  /** σ_i·√Δt_k·L_ij (steps × n × n, lower triangle). */
  load: Float64Array
  /** w_i⁺·σ_i and w_i⁻·σ_i: Σ of these times e^{x_i}, over P or N, bounds the local volatility of y. */
  positiveVolatility: Float64Array
  negativeVolatility: Float64Array
  /** Horizon index a step ends on, or −1. */
  horizonAtStepEnd: Int32Array
}

export type PathOptions = {
  samples: number
  antithetic: boolean
  bridge: boolean
  /** ν of Student-t innovations; 0 for normal ones. */
  degreesOfFreedom: number
  seed: number
}

const BLOCK = 512
/** e^{−38} < 2^{−54}: a crossing probability below it leaves 1 − p = 1 in double precision. */
const BRIDGE_EXPONENT_CUTOFF = 38

/** σ_y² = gᵀΣg with g_i = (w_i⁺/P − w_i⁻/N)·E_i, E_i = e[i·width + slot]: y = ln(P/N)'s local variance. */
function localVariance(
  model: PathModel,
  e: Float64Array,
  width: number,
  slot: number,
  p: number,
  q: number,
  g: Float64Array,
): number {
  const { factors: n, covariance: cov, positive, negative } = model
  const invP = 1 / p
  const invQ = 1 / q
  let v = 0
  for (let i = 0; i < n; i++) {
    const gi = ((positive[i] as number) * invP - (negative[i] as number) * invQ) * (e[i * width + slot] as number)
    g[i] = gi
    // Σ symmetric: the diagonal once, each pair below it twice.
    let s = 0.5 * (cov[i * n + i] as number) * gi
    for (let j = 0; j < i; j++) s += (cov[i * n + j] as number) * (g[j] as number)
    v += 2 * gi * s
  }
  return v
}

/** Runs `samples` samples and returns Σx and Σx² per horizon (x ∈ [0, 1], a sample's hit probability). */
export function simulateLiquidationPaths(model: PathModel, o: PathOptions): { sum: Float64Array; sumSq: Float64Array } {
  const { factors: n, steps, horizons: m, positive, negative, fixedPositive, fixedNegative } = model
  const { logDrift, growthSquared, load, dt, positiveVolatility, negativeVolatility, horizonAtStepEnd } = model
  const nu = o.degreesOfFreedom
  const mirrors = o.antithetic ? 2 : 1
  const width = BLOCK * mirrors
  const rng = new RandomNormals(o.seed)
  const z = new Float64Array(n * BLOCK)
  const shock = new Float64Array(BLOCK)
  const varianceScale = new Float64Array(width).fill(1)
  const scale = new Float64Array(BLOCK).fill(1)
  const e = new Float64Array(n * width)
  const ePrev = new Float64Array(n * width)
  const p = new Float64Array(width)
  const q = new Float64Array(width)
  const pPrev = new Float64Array(width)
  const qPrev = new Float64Array(width)
  const pVol = new Float64Array(width)
  const qVol = new Float64Array(width)
  const distancePrev = new Float64Array(width)
  const boundPrev = new Float64Array(width)
  const yPrev = new Float64Array(width)
  const vPrev = new Float64Array(width)
  const known = new Uint8Array(width)
  const survival = new Float64Array(width)
  const hits = new Float64Array(m * width)
  const g = new Float64Array(n)
  const sum = new Float64Array(m)
  const sumSq = new Float64Array(m)

  let p0 = fixedPositive
  let q0 = fixedNegative
  for (let i = 0; i < n; i++) {
    p0 += positive[i] as number
    q0 += negative[i] as number
  }
  const start = new Float64Array(n).fill(1)
  const y0 = Math.log(p0 / q0)
  const v0 = localVariance(model, start, 1, 0, p0, q0, g)
  let pVol0 = 0
  let qVol0 = 0
  for (let i = 0; i < n; i++) {
    pVol0 += positiveVolatility[i] as number
    qVol0 += negativeVolatility[i] as number
  }
  const bound0 = (pVol0 / p0 + qVol0 / q0) ** 2

  for (let done = 0; done < o.samples; done += BLOCK) {
    // A short last block simulates stale slots past `size` too; only the first `size` are drawn and counted.
    const size = Math.min(BLOCK, o.samples - done)
    e.fill(1)
    survival.fill(1)
    pPrev.fill(p0)
    qPrev.fill(q0)
    distancePrev.fill(1 - q0 / p0)
    boundPrev.fill(bound0)
    yPrev.fill(y0)
    vPrev.fill(v0)
    known.fill(1)
    for (let k = 0; k < steps; k++) {
      for (let j = 0; j < n; j++) rng.fillNormals(z, j * BLOCK, j * BLOCK + size)
      if (nu > 0) {
        for (let b = 0; b < size; b++) {
          const s = (nu - 2) / rng.chiSquare(nu)
          varianceScale[b] = s
          if (mirrors === 2) varianceScale[BLOCK + b] = s
          scale[b] = Math.sqrt(s)
        }
      }
      ePrev.set(e)
      for (let i = 0; i < n; i++) {
        const base = (k * n + i) * n
        const l0 = load[base] as number
        for (let b = 0; b < BLOCK; b++) shock[b] = l0 * (z[b] as number)
        for (let j = 1; j <= i; j++) {
          const lij = load[base + j] as number
          if (lij === 0) continue
          for (let b = 0; b < BLOCK; b++) shock[b] = (shock[b] as number) + lij * (z[j * BLOCK + b] as number)
        }
        const d = logDrift[k * n + i] as number
        const row = i * width
        if (mirrors === 2) {
          const g2 = growthSquared[k * n + i] as number
          for (let b = 0; b < BLOCK; b++) {
            const grow = Math.exp(d + (scale[b] as number) * (shock[b] as number))
            e[row + b] = (e[row + b] as number) * grow
            e[row + BLOCK + b] = ((e[row + BLOCK + b] as number) * g2) / grow
          }
        } else {
          for (let b = 0; b < BLOCK; b++) {
            e[row + b] = (e[row + b] as number) * Math.exp(d + (scale[b] as number) * (shock[b] as number))
          }
        }
      }
      p.fill(fixedPositive)
      q.fill(fixedNegative)
      pVol.fill(0)
      qVol.fill(0)
      for (let i = 0; i < n; i++) {
        const row = i * width
        const wp = positive[i] as number
        const wn = negative[i] as number
        if (wp > 0) {
          const wv = positiveVolatility[i] as number
          for (let s = 0; s < width; s++) {
            const x = e[row + s] as number
            p[s] = (p[s] as number) + wp * x
            pVol[s] = (pVol[s] as number) + wv * x
          }
        }
        if (wn > 0) {
          const wv = negativeVolatility[i] as number
          for (let s = 0; s < width; s++) {
            const x = e[row + s] as number
            q[s] = (q[s] as number) + wn * x
            qVol[s] = (qVol[s] as number) + wv * x
          }
        }
      }
      // Skip the bridge when a lower bound of its exponent is past the cutoff: ln(P/N) ≥ 1 − N/P and
      // σ_y² ≤ (Σ|g_i|σ_i)² = (Σ⁺ w_iσ_i e^{x_i}/P + Σ⁻ w_iσ_i e^{x_i}/N)² (|ρ| ≤ 1), so no logarithm
      // or quadratic form is spent on paths far from the boundary.
      const cutoff = BRIDGE_EXPONENT_CUTOFF * (dt[k] as number)
      for (let s = 0; s < width; s++) {
        if ((survival[s] as number) === 0) continue
        const ps = p[s] as number
        const qs = q[s] as number
        if (!(ps > qs)) {
          survival[s] = 0
          continue
        }
        if (!o.bridge) continue
        const invP = 1 / ps
        const invQ = 1 / qs
        const distance = 1 - qs * invP
        const sd = (pVol[s] as number) * invP + (qVol[s] as number) * invQ
        const bound = sd * sd
        const vs = varianceScale[s] as number
        if (4 * (distancePrev[s] as number) * distance <= cutoff * ((boundPrev[s] as number) + bound) * vs) {
          if (known[s] === 0) {
            const pp = pPrev[s] as number
            const qp = qPrev[s] as number
            yPrev[s] = Math.log(pp / qp)
            vPrev[s] = localVariance(model, ePrev, width, s, pp, qp, g)
          }
          const y = Math.log(ps * invQ)
          const v = localVariance(model, e, width, s, ps, qs, g)
          // exp(−2·y_k·y_{k+1}/(σ̄²Δt)), σ̄² the mean of the two ends' local variances.
          const exponent = (4 * (yPrev[s] as number) * y) / (((vPrev[s] as number) + v) * (dt[k] as number) * vs)
          if (exponent < BRIDGE_EXPONENT_CUTOFF) survival[s] = (survival[s] as number) * (1 - Math.exp(-exponent))
          yPrev[s] = y
          vPrev[s] = v
          known[s] = 1
        } else known[s] = 0
        distancePrev[s] = distance
        boundPrev[s] = bound
        pPrev[s] = ps
        qPrev[s] = qs
      }
      const horizon = horizonAtStepEnd[k] as number
      if (horizon >= 0) for (let s = 0; s < width; s++) hits[horizon * width + s] = 1 - (survival[s] as number)
    }
    for (let hz = 0; hz < m; hz++) {
      const row = hz * width
      let blockSum = 0
      let blockSumSq = 0
      for (let b = 0; b < size; b++) {
        const x =
          mirrors === 2
            ? ((hits[row + b] as number) + (hits[row + BLOCK + b] as number)) / 2
            : (hits[row + b] as number)
        blockSum += x
        blockSumSq += x * x
      }
      sum[hz] = (sum[hz] as number) + blockSum
      sumSq[hz] = (sumSq[hz] as number) + blockSumSq
    }
  }
  return { sum, sumSq }
}

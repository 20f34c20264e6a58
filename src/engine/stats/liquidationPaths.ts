import { RandomNormals } from './randomNormals'

/**
 * The simulation kernel of monteCarlo.ts (which documents the model): paths in blocks of 512
 * samples, step by step, each quantity of a block in one typed array so every inner loop runs
 * over hundreds of paths with constant coefficients (no per-path allocation, no short loops over
 * the factors on the hot path). Per step: the normals; each factor's growth e^{Δx} (one exp per
 * antithetic pair) folded straight into its side's sums P or N; a cheap lower bound of every
 * path's bridge exponent, from which a branch-free pass lists the paths that need the exact one
 * (near the boundary, or just liquidated); the logarithm, σ_y² and exp for those alone. Values of
 * the previous grid point live in double buffers swapped each step. Returns, per horizon, the sum
 * and sum of squares of the samples (a sample is a path's hit probability, or the mean of an
 * antithetic pair's two).
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
  /** min ρ_ij over i on the positive side, j on the negative (1 when a side has no factor). */
  crossCorrelationFloor: number
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
/** The index of a float64's high 32-bit word (its sign bit) in an Int32Array over its bytes. */
const HIGH = new Int32Array(Float64Array.of(-1).buffer)[1] === -1074790400 ? 1 : 0
/** e^{−38} < 2^{−54}: a crossing probability below it leaves 1 − p = 1 in double precision. */
const BRIDGE_EXPONENT_CUTOFF = 38

/**
 * The coefficients of σ_y²: w_i⁺, w_i⁻, ½Σ_ii, Σ_ij and the offset of factor i's row in the block
 * arrays, zero-padded to four factors when n ≤ 4 so that the common case runs as straight-line
 * code: a padded factor has g_i = 0 and adds exact zeros, the same bits as the loop over n.
 */
type VarianceTerms = {
  factors: number
  positive: Float64Array
  negative: Float64Array
  half: Float64Array
  /** Row-major, `stride` wide. */
  covariance: Float64Array
  stride: number
  rows: Int32Array
}

function varianceTerms(model: PathModel, width: number): VarianceTerms {
  const n = model.factors
  const stride = Math.max(n, 4)
  const t: VarianceTerms = {
    factors: n,
    positive: new Float64Array(stride),
    negative: new Float64Array(stride),
    half: new Float64Array(stride),
    covariance: new Float64Array(stride * stride),
    stride,
    rows: new Int32Array(stride),
  }
  for (let i = 0; i < n; i++) {
    t.positive[i] = model.positive[i] as number
    t.negative[i] = model.negative[i] as number
    t.half[i] = 0.5 * (model.covariance[i * n + i] as number)
    for (let j = 0; j < n; j++) t.covariance[i * stride + j] = model.covariance[i * n + j] as number
    t.rows[i] = i * width
  }
  return t
}

/**
 * σ_y² = gᵀΣg with g_i = (w_i⁺/P − w_i⁻/N)·E_i, E_i = e[rows_i + slot]: y = ln(P/N)'s local
 * variance, Σ symmetric: the diagonal once, each pair below it twice. Unrolled for n ≤ 4 (padded
 * terms); small enough for the optimiser to inline into the kernel.
 */
function localVariance4(t: VarianceTerms, e: Float64Array, slot: number, invP: number, invQ: number): number {
  const { positive: a, negative: b, half: h, covariance: c, rows: r } = t
  const g0 = ((a[0] as number) * invP - (b[0] as number) * invQ) * (e[(r[0] as number) + slot] as number)
  const g1 = ((a[1] as number) * invP - (b[1] as number) * invQ) * (e[(r[1] as number) + slot] as number)
  const g2 = ((a[2] as number) * invP - (b[2] as number) * invQ) * (e[(r[2] as number) + slot] as number)
  const g3 = ((a[3] as number) * invP - (b[3] as number) * invQ) * (e[(r[3] as number) + slot] as number)
  let v = 0
  v += 2 * g0 * ((h[0] as number) * g0)
  v += 2 * g1 * ((h[1] as number) * g1 + (c[4] as number) * g0)
  v += 2 * g2 * ((h[2] as number) * g2 + (c[8] as number) * g0 + (c[9] as number) * g1)
  v += 2 * g3 * ((h[3] as number) * g3 + (c[12] as number) * g0 + (c[13] as number) * g1 + (c[14] as number) * g2)
  return v
}

/** localVariance4's sum for any n, in the same order, with g as scratch. */
function localVariance(
  t: VarianceTerms,
  e: Float64Array,
  slot: number,
  invP: number,
  invQ: number,
  g: Float64Array,
): number {
  const { factors: n, positive: a, negative: b, half, covariance: c, stride, rows } = t
  let v = 0
  for (let i = 0; i < n; i++) {
    const gi = ((a[i] as number) * invP - (b[i] as number) * invQ) * (e[(rows[i] as number) + slot] as number)
    g[i] = gi
    let s = (half[i] as number) * gi
    for (let j = 0; j < i; j++) s += (c[i * stride + j] as number) * (g[j] as number)
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
  // Double buffers, swapped each step: the previous grid point's values stay at hand.
  let e = new Float64Array(n * width)
  let ePrev = new Float64Array(n * width)
  let p = new Float64Array(width)
  let pPrev = new Float64Array(width)
  let q = new Float64Array(width)
  let qPrev = new Float64Array(width)
  let distance = new Float64Array(width)
  let distancePrev = new Float64Array(width)
  let bound = new Float64Array(width)
  let boundPrev = new Float64Array(width)
  const pVol = new Float64Array(width)
  const qVol = new Float64Array(width)
  const yPrev = new Float64Array(width)
  const vPrev = new Float64Array(width)
  /** The step whose end yPrev and vPrev describe (−1: the start). */
  const yStep = new Int32Array(width)
  const candidates = new Int32Array(width)
  const margin = new Float64Array(width)
  const marginWords = new Int32Array(margin.buffer)
  const alive = new Int32Array(width)
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
  const terms = varianceTerms(model, width)
  const unrolled = n <= 4
  const y0 = Math.log(p0 / q0)
  // Every E_i = 1 at the start: rows all at offset 0 of a one-element array.
  const v0 = localVariance(varianceTerms(model, 0), Float64Array.of(1), 0, 1 / p0, 1 / q0, g)
  let pVol0 = 0
  let qVol0 = 0
  for (let i = 0; i < n; i++) {
    pVol0 += positiveVolatility[i] as number
    qVol0 += negativeVolatility[i] as number
  }
  const crossSlack = 2 * (1 - model.crossCorrelationFloor)
  const bound0 = (pVol0 / p0 - qVol0 / q0) ** 2 + (crossSlack * pVol0 * qVol0) / (p0 * q0)

  for (let done = 0; done < o.samples; done += BLOCK) {
    // A short last block simulates stale slots past `size` too; only the first `size` are drawn and counted.
    const size = Math.min(BLOCK, o.samples - done)
    e.fill(1)
    survival.fill(1)
    alive.fill(1)
    p.fill(p0)
    q.fill(q0)
    distance.fill((2 * (p0 - q0)) / (p0 + q0))
    bound.fill(bound0)
    yPrev.fill(y0)
    vPrev.fill(v0)
    yStep.fill(-1)
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
      ;[e, ePrev] = [ePrev, e]
      ;[p, pPrev] = [pPrev, p]
      ;[q, qPrev] = [qPrev, q]
      ;[distance, distancePrev] = [distancePrev, distance]
      ;[bound, boundPrev] = [boundPrev, bound]
      p.fill(fixedPositive)
      q.fill(fixedNegative)
      pVol.fill(0)
      qVol.fill(0)
      for (let i = 0; i < n; i++) {
        // shock_b = Σ_{j ≤ i} L_ij z_jb (times √scale under Student-t), then E_i and its side's sums.
        const base = (k * n + i) * n
        const l0 = load[base] as number
        for (let b = 0; b < BLOCK; b++) shock[b] = l0 * (z[b] as number)
        for (let j = 1; j <= i; j++) {
          const lij = load[base + j] as number
          if (lij === 0) continue
          for (let b = 0; b < BLOCK; b++) shock[b] = (shock[b] as number) + lij * (z[j * BLOCK + b] as number)
        }
        if (nu > 0) for (let b = 0; b < BLOCK; b++) shock[b] = (scale[b] as number) * (shock[b] as number)
        const d = logDrift[k * n + i] as number
        const row = i * width
        // A factor on neither side adds 0·E to N: the same sums.
        const onP = (positive[i] as number) > 0
        const side = onP ? p : q
        const sideVol = onP ? pVol : qVol
        const w = onP ? (positive[i] as number) : (negative[i] as number)
        const wv = onP ? (positiveVolatility[i] as number) : (negativeVolatility[i] as number)
        if (mirrors === 2) {
          const g2 = growthSquared[k * n + i] as number
          for (let b = 0; b < BLOCK; b++) {
            const grow = Math.exp(d + (shock[b] as number))
            const x = (ePrev[row + b] as number) * grow
            const xm = ((ePrev[row + BLOCK + b] as number) * g2) / grow
            e[row + b] = x
            e[row + BLOCK + b] = xm
            side[b] = (side[b] as number) + w * x
            sideVol[b] = (sideVol[b] as number) + wv * x
            side[BLOCK + b] = (side[BLOCK + b] as number) + w * xm
            sideVol[BLOCK + b] = (sideVol[BLOCK + b] as number) + wv * xm
          }
        } else {
          for (let b = 0; b < BLOCK; b++) {
            const x = (ePrev[row + b] as number) * Math.exp(d + (shock[b] as number))
            e[row + b] = x
            side[b] = (side[b] as number) + w * x
            sideVol[b] = (sideVol[b] as number) + wv * x
          }
        }
      }
      if (o.bridge) {
        // The bridge is skipped where a lower bound of its exponent is past the cutoff: for P > N,
        // ln(P/N) ≥ 2(P − N)/(P + N) (ln x ≥ 2(x − 1)/(x + 1) for x ≥ 1); and with A = Σ⁺ w_iσ_iE_i/P,
        // B = Σ⁻ w_iσ_iE_i/N (g_i ≥ 0 on P's side, ≤ 0 on N's), σ_y² = Var(Σ⁺ g_iσ_iW_i − Σ⁻ |g_i|σ_iW_i)
        // ≤ A² + B² − 2ρ_min·A·B, ρ_min the least correlation across the sides. A live path with
        // margin = cutoff·scale·(bound + bound′) − 4·distance·distance′ ≥ 0 (sign bit clear, read
        // without a branch) is listed for the exact test; one at or past the boundary (distance ≤ 0)
        // always is.
        const h = dt[k] as number
        const cutoff = BRIDGE_EXPONENT_CUTOFF * h
        let count = 0
        for (let s = 0; s < width; s++) {
          const ps = p[s] as number
          const qs = q[s] as number
          const up = (pVol[s] as number) / ps
          const down = (qVol[s] as number) / qs
          const ds = (2 * (ps - qs)) / (ps + qs)
          const bs = (up - down) * (up - down) + crossSlack * up * down
          distance[s] = ds
          bound[s] = bs
          margin[s] =
            cutoff * ((boundPrev[s] as number) + bs) * (varianceScale[s] as number) -
            4 * (distancePrev[s] as number) * ds
        }
        for (let s = 0; s < width; s++) {
          candidates[count] = s
          count += (alive[s] as number) & (((marginWords[2 * s + HIGH] as number) >>> 31) ^ 1)
        }
        for (let c = 0; c < count; c++) {
          const s = candidates[c] as number
          const ps = p[s] as number
          const qs = q[s] as number
          if (!(ps > qs)) {
            survival[s] = 0
            alive[s] = 0
            continue
          }
          // y and σ_y² of the previous grid point when it was skipped: the same formulas as when
          // computed then, so which steps are skipped changes no bit of the result.
          if (yStep[s] !== k - 1) {
            const pp = pPrev[s] as number
            const qp = qPrev[s] as number
            yPrev[s] = Math.log(pp * (1 / qp))
            vPrev[s] = unrolled
              ? localVariance4(terms, ePrev, s, 1 / pp, 1 / qp)
              : localVariance(terms, ePrev, s, 1 / pp, 1 / qp, g)
          }
          const y = Math.log(ps * (1 / qs))
          const v = unrolled
            ? localVariance4(terms, e, s, 1 / ps, 1 / qs)
            : localVariance(terms, e, s, 1 / ps, 1 / qs, g)
          // exp(−2·y_k·y_{k+1}/(σ̄²Δt)), σ̄² the mean of the two ends' local variances.
          const exponent =
            (4 * (yPrev[s] as number) * y) / (((vPrev[s] as number) + v) * h * (varianceScale[s] as number))
          if (exponent < BRIDGE_EXPONENT_CUTOFF) {
            const left = (survival[s] as number) * (1 - Math.exp(-exponent))
            survival[s] = left
            if (left === 0) alive[s] = 0
          }
          yPrev[s] = y
          vPrev[s] = v
          yStep[s] = k
        }
      } else {
        for (let s = 0; s < width; s++) if (!((p[s] as number) > (q[s] as number))) survival[s] = 0
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

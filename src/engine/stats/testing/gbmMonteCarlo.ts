import type { GbmBarrier } from '../firstPassage'

/**
 * Reference Monte Carlo for firstPassage.ts tests: single-factor GBM paths in typed arrays from a
 * seeded generator, with the Brownian-bridge probability of a crossing between steps. Given the
 * step's endpoints a, b above the barrier (in ln distance), ln S crossed it in between with
 * probability exp(−2ab/(σ²Δt)); each path contributes its conditional hit probability
 * 1 − ∏(1 − p_k) (zero variance from the unseen crossings), so the estimate is unbiased for any
 * step count. Without the correction it misses those crossings and is biased low.
 */

export type GbmMonteCarloOptions = {
  paths: number
  steps: number
  seed: number
  /** Default true; false counts only crossings seen at the grid points. */
  bridgeCorrection?: boolean
}

export type MonteCarloEstimate = { probability: number; standardError: number }

/** xoshiro128** (Blackman & Vigna) seeded by splitmix32: fast, 32-bit state words, reproducible. */
export function seededUniform(seed: number): () => number {
  let x = seed >>> 0
  const split = (): number => {
    x = (x + 0x9e3779b9) >>> 0
    let z = x
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
  let s0 = split()
  let s1 = split()
  let s2 = split()
  let s3 = split()
  const next = (): number => {
    const result = Math.imul(((Math.imul(s1, 5) << 7) | (Math.imul(s1, 5) >>> 25)) >>> 0, 9) >>> 0
    const t = s1 << 9
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = (s3 << 11) | (s3 >>> 21)
    return result
  }
  // 53 random bits in (0, 1): never 0, so ln u is finite.
  return () => ((next() >>> 5) * 67108864 + (next() >>> 6) + 0.5) / 9007199254740992
}

/** Fills `out` with independent standard normals (Box–Muller, both outputs used). */
export function fillStandardNormals(out: Float64Array, uniform: () => number): void {
  for (let i = 0; i < out.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(uniform()))
    const angle = 2 * Math.PI * uniform()
    out[i] = r * Math.cos(angle)
    if (i + 1 < out.length) out[i + 1] = r * Math.sin(angle)
  }
}

/** Monte Carlo estimate of firstPassageProbability(b, horizon) with its standard error. */
export function gbmFirstPassageMonteCarlo(b: GbmBarrier, horizon: number, o: GbmMonteCarloOptions): MonteCarloEstimate {
  const bridge = o.bridgeCorrection ?? true
  const sigma = b.volatility
  const dt = horizon / o.steps
  const nu = b.drift - (sigma * sigma) / 2
  // Work with the distance left to the barrier, y = ±ln(S/B) (> 0 before the hit).
  const sign = b.side === 'down' ? 1 : -1
  const y0 = sign * Math.log(b.spot / b.barrier)
  const mean = sign * nu * dt
  const sd = sigma * Math.sqrt(dt)
  const bridgeScale = -2 / (sigma * sigma * dt)
  const uniform = seededUniform(o.seed)
  const y = new Float64Array(o.paths).fill(y0)
  const survival = new Float64Array(o.paths).fill(y0 > 0 ? 1 : 0)
  const z = new Float64Array(o.paths)
  for (let step = 0; step < o.steps; step++) {
    fillStandardNormals(z, uniform)
    for (let i = 0; i < o.paths; i++) {
      const s = survival[i] as number
      if (s === 0) continue
      const a = y[i] as number
      const next = a + mean + sd * (z[i] as number)
      y[i] = next
      if (next <= 0) survival[i] = 0
      else if (bridge) survival[i] = s * (1 - Math.exp(bridgeScale * a * next))
    }
  }
  let sum = 0
  let sumSq = 0
  for (let i = 0; i < o.paths; i++) {
    const hit = 1 - (survival[i] as number)
    sum += hit
    sumSq += hit * hit
  }
  const probability = sum / o.paths
  const variance = Math.max(0, sumSq / o.paths - probability * probability) / (o.paths - 1)
  return { probability, standardError: Math.sqrt(variance) }
}

/**
 * Seeded random numbers for statistical tests: mulberry32 for uniforms and Box–Muller for
 * standard normals, so a simulated series is the same on every run and a tolerance that passes
 * once passes always (or fails always, which is the point).
 */

/** Uniforms in [0, 1) from mulberry32 (32-bit state; plenty for a few thousand draws). */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** Standard normals by Box–Muller: √(−2 ln u₁)·cos(2π u₂), with u₁ kept away from 0. */
export function seededNormal(seed: number): () => number {
  const uniform = seededUniform(seed)
  return () => {
    const u1 = 1 - uniform()
    const u2 = uniform()
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2)
  }
}

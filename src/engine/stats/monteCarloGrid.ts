/**
 * The time grid of the liquidation Monte Carlo (monteCarlo.ts): `steps` steps from 0 to the longest
 * horizon such that every horizon is a grid point, so each horizon's probability is read off at its
 * own time instead of interpolated. The horizons cut [0, T] into segments; each segment gets at
 * least one step and the rest in proportion to its length (largest remainder), with equal steps
 * inside a segment. For 24 steps over 1 h, 24 h and 7 d that is 1 + 3 + 20 steps (1 h, 7.7 h and
 * 7.2 h long): nearly the uniform 7 h grid, with the 1 h horizon on it.
 */

export type HorizonGrid = {
  /** The distinct horizons in seconds, ascending. */
  horizonsSeconds: Float64Array
  /** Length of each step in seconds. */
  stepSeconds: Float64Array
  /** For each step, the index into `horizonsSeconds` of the horizon it ends on, or −1. */
  horizonAtStepEnd: Int32Array
}

/** Builds the grid; throws a RangeError for a horizon that is not finite and > 0, or too few steps. */
export function horizonGrid(horizonsSeconds: readonly number[], steps: number): HorizonGrid {
  for (const h of horizonsSeconds) {
    if (!(h > 0 && Number.isFinite(h))) throw new RangeError(`horizons must be finite and > 0 seconds, got ${h}`)
  }
  const horizons = Float64Array.from(new Set(horizonsSeconds)).sort()
  const m = horizons.length
  if (m === 0) throw new RangeError('at least one horizon is needed')
  if (!Number.isInteger(steps) || steps < m) {
    throw new RangeError(`steps must be an integer ≥ the number of distinct horizons (${m}), got ${steps}`)
  }
  const total = horizons[m - 1] as number
  const lengths = horizons.map((h, j) => h - (j === 0 ? 0 : (horizons[j - 1] as number)))
  const ideal = lengths.map((len) => (steps * len) / total)
  const counts = ideal.map((x) => Math.max(1, Math.floor(x)))
  let assigned = counts.reduce((a, b) => a + b, 0)
  // Floors with a minimum of one can overshoot (many short segments) or undershoot: move single
  // steps from the segment furthest above its share, or to the one furthest below it.
  while (assigned > steps) {
    let worst = -1
    for (let j = 0; j < m; j++) {
      const c = counts[j] as number
      if (c > 1 && (worst < 0 || c - (ideal[j] as number) > (counts[worst] as number) - (ideal[worst] as number))) {
        worst = j
      }
    }
    counts[worst] = (counts[worst] as number) - 1
    assigned--
  }
  while (assigned < steps) {
    let best = 0
    for (let j = 1; j < m; j++) {
      if ((ideal[j] as number) - (counts[j] as number) > (ideal[best] as number) - (counts[best] as number)) best = j
    }
    counts[best] = (counts[best] as number) + 1
    assigned++
  }
  const stepSeconds = new Float64Array(steps)
  const horizonAtStepEnd = new Int32Array(steps).fill(-1)
  let k = 0
  for (let j = 0; j < m; j++) {
    const c = counts[j] as number
    for (let s = 0; s < c; s++) stepSeconds[k++] = (lengths[j] as number) / c
    horizonAtStepEnd[k - 1] = j
  }
  return { horizonsSeconds: horizons, stepSeconds, horizonAtStepEnd }
}

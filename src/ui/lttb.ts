/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson, "Downsampling Time Series for Visual
 * Representation", 2013): keeps the first and last point and, from each of `threshold − 2` equal
 * buckets in between, the point that makes the largest triangle with the point kept from the
 * previous bucket and the average of the next bucket. Peaks and troughs survive, flat stretches thin
 * out, so a chart of 2,000 points looks like the chart of all of them.
 *
 * Points are assumed ordered by x (as a time series is); the output keeps their order and returns
 * the input's own objects, so callers keep whatever else a point carries.
 *
 * Non-finite y (a health factor of an account without debt is +Infinity): the point is kept as it is
 * in the output, but the triangles rank it as if it sat at the edge of the finite range (+Infinity at
 * the largest finite y, −Infinity at the smallest), which is where a chart clips it; a change between
 * "no debt" and a finite value therefore weighs like the jump it looks like on the chart, and one
 * infinite point cannot make every triangle infinite (or NaN) and blind the ranking. NaN y is left out
 * of the averages and only kept when its whole bucket is NaN (a gap stays a gap). With no finite y at
 * all every triangle is flat and each bucket keeps its first point.
 */
export function lttb<T>(
  points: readonly T[],
  threshold: number,
  x: (point: T) => number,
  y: (point: T) => number,
): readonly T[] {
  if (!Number.isInteger(threshold) || threshold < 2) {
    throw new RangeError(`lttb threshold must be an integer ≥ 2 (first and last are always kept), got ${threshold}`)
  }
  const n = points.length
  if (n <= threshold) return points
  const first = points[0] as T
  const last = points[n - 1] as T
  if (threshold === 2) return [first, last]

  const xs = new Float64Array(n)
  const ys = new Float64Array(n)
  let low = Number.POSITIVE_INFINITY
  let high = Number.NEGATIVE_INFINITY
  for (let i = 0; i < n; i++) {
    const p = points[i] as T
    xs[i] = x(p)
    const v = y(p)
    ys[i] = v
    if (Number.isFinite(v)) {
      if (v < low) low = v
      if (v > high) high = v
    }
  }
  if (low > high) {
    low = 0
    high = 0
  }
  // The y used for ranking: infinities pinned to the finite range's edges, NaN kept as NaN.
  for (let i = 0; i < n; i++) {
    const v = ys[i] as number
    if (v === Number.POSITIVE_INFINITY) ys[i] = high
    else if (v === Number.NEGATIVE_INFINITY) ys[i] = low
  }

  const out: T[] = [first]
  const bucketSize = (n - 2) / (threshold - 2)
  let a = 0
  for (let b = 0; b < threshold - 2; b++) {
    const start = Math.floor(b * bucketSize) + 1
    // The last bucket ends right before the last point whatever float64 makes of (n − 2) / (threshold − 2) · …
    const end = b === threshold - 3 ? n - 1 : Math.floor((b + 1) * bucketSize) + 1
    // The next bucket's average (the last point alone after the last bucket), NaN y left out.
    const nextStart = end
    const nextEnd = Math.min(Math.floor((b + 2) * bucketSize) + 1, n)
    let avgX = 0
    let avgY = 0
    let count = 0
    for (let j = nextStart; j < nextEnd; j++) {
      const v = ys[j] as number
      if (Number.isNaN(v)) continue
      avgX += xs[j] as number
      avgY += v
      count++
    }
    if (count > 0) {
      avgX /= count
      avgY /= count
    } else {
      // A bucket of gaps: aim at its middle in x and at the kept point's level, so areas stay finite.
      avgX = xs[Math.floor((nextStart + nextEnd - 1) / 2)] as number
      avgY = Number.isNaN(ys[a] as number) ? 0 : (ys[a] as number)
    }
    const ax = xs[a] as number
    const ay = Number.isNaN(ys[a] as number) ? avgY : (ys[a] as number)
    let best = start
    let bestArea = -1
    for (let j = start; j < end; j++) {
      const v = ys[j] as number
      if (Number.isNaN(v)) continue
      // Twice the triangle's area; the factor ½ does not change the ranking.
      const area = Math.abs((ax - avgX) * (v - ay) - (ax - (xs[j] as number)) * (avgY - ay))
      if (area > bestArea) {
        bestArea = area
        best = j
      }
    }
    out.push(points[best] as T)
    a = best
  }
  out.push(last)
  return out
}

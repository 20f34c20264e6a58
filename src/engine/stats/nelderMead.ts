/**
 * Nelder–Mead simplex minimiser for a few unconstrained parameters (GARCH's reparameterised
 * ω, α, β). Derivative-free, so the likelihood needs no gradient, and deterministic: the same
 * start gives the same answer, which keeps the engine a pure function of its input.
 */

export type NelderMeadOptions = {
  /** Initial step along each axis (the simplex's size); 0.5 by default. */
  step?: number
  /** Stop when the simplex's function values span less than this; 1e-9 by default. */
  tolerance?: number
  /** Hard cap on function evaluations; 2,000 by default. */
  maxEvaluations?: number
}

export type NelderMeadResult = { x: number[]; value: number; evaluations: number }

/**
 * Minimises f from x0 with the standard coefficients (reflection 1, expansion 2, contraction ½,
 * shrink ½): each iteration replaces the worst vertex x_w by a point on the line through it and
 * the centroid c of the others, x = c + t(c − x_w), or shrinks toward the best vertex.
 * Non-finite values count as +∞, so f may reject infeasible points by returning NaN or ∞.
 */
export function nelderMead(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const step = options.step ?? 0.5
  const tolerance = options.tolerance ?? 1e-9
  const maxEvaluations = options.maxEvaluations ?? 2_000
  const dim = x0.length
  let evaluations = 0
  const value = (x: number[]) => {
    evaluations++
    const v = f(x)
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY
  }

  const simplex: { x: number[]; v: number }[] = [{ x: [...x0], v: value([...x0]) }]
  for (let d = 0; d < dim; d++) {
    const x = [...x0]
    x[d] = (x[d] as number) + step
    simplex.push({ x, v: value(x) })
  }
  const along = (c: number[], worst: number[], t: number) => c.map((ci, d) => ci + t * (ci - (worst[d] as number)))

  while (evaluations < maxEvaluations) {
    simplex.sort((a, b) => a.v - b.v)
    const best = simplex[0] as { x: number[]; v: number }
    const worst = simplex[dim] as { x: number[]; v: number }
    const secondWorst = simplex[dim - 1] as { x: number[]; v: number }
    if (Math.abs(worst.v - best.v) <= tolerance * (Math.abs(best.v) + tolerance)) break

    const centroid = x0.map((_, d) => {
      let sum = 0
      for (let k = 0; k < dim; k++) sum += simplex[k]?.x[d] as number
      return sum / dim
    })

    const reflected = along(centroid, worst.x, 1)
    const vr = value(reflected)
    if (vr < best.v) {
      const expanded = along(centroid, worst.x, 2)
      const ve = value(expanded)
      simplex[dim] = ve < vr ? { x: expanded, v: ve } : { x: reflected, v: vr }
    } else if (vr < secondWorst.v) {
      simplex[dim] = { x: reflected, v: vr }
    } else {
      // Contract outside if the reflection beat the worst vertex, inside otherwise.
      const contracted = vr < worst.v ? along(centroid, worst.x, 0.5) : along(centroid, worst.x, -0.5)
      const vc = value(contracted)
      if (vc < Math.min(vr, worst.v)) {
        simplex[dim] = { x: contracted, v: vc }
      } else {
        // Shrink every vertex but the best halfway toward it.
        for (const vertex of simplex.slice(1)) {
          vertex.x = vertex.x.map((xi, d) => (best.x[d] as number) + 0.5 * (xi - (best.x[d] as number)))
          vertex.v = value(vertex.x)
        }
      }
    }
  }
  simplex.sort((a, b) => a.v - b.v)
  const best = simplex[0] as { x: number[]; v: number }
  return { x: best.x, value: best.v, evaluations }
}

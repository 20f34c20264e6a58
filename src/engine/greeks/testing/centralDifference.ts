/**
 * Derivatives by central differences with one Richardson step, for checking analytic Greeks: the
 * plain central difference D(h) has error c₂h² + c₄h⁴ + …, so (4·D(h/2) − D(h))/3 cancels the h²
 * term and leaves O(h⁴). Choose h about 1 % of the scale on which f bends (for a price in S:
 * S·σ√T), so the truncation (~1e-8 relative) and the rounding (~ε·|f|/h, or ε·|f|/h² for the
 * second derivative) both stay well below a 1e-6 tolerance.
 */

/** f′(x) ≈ (4·D₁(h/2) − D₁(h))/3 with D₁(s) = (f(x + s) − f(x − s))/(2s). */
export function firstDerivative(f: (x: number) => number, x: number, h: number): number {
  const central = (s: number) => (f(x + s) - f(x - s)) / (2 * s)
  return (4 * central(h / 2) - central(h)) / 3
}

/** f″(x) ≈ (4·D₂(h/2) − D₂(h))/3 with D₂(s) = (f(x + s) − 2f(x) + f(x − s))/s². */
export function secondDerivative(f: (x: number) => number, x: number, h: number): number {
  const fx = f(x)
  const central = (s: number) => (f(x + s) - 2 * fx + f(x - s)) / (s * s)
  return (4 * central(h / 2) - central(h)) / 3
}

/** |actual − expected| / |expected| (Infinity when expected is 0 and actual is not). */
export function relativeError(actual: number, expected: number): number {
  if (actual === expected) return 0
  return Math.abs(actual - expected) / Math.abs(expected)
}

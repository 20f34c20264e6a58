/**
 * The standard normal distribution in double precision: Φ, φ and the Mills ratio, by W. J. Cody's
 * rational Chebyshev approximations (Cody 1969, "Rational Chebyshev approximations for the error
 * function", Math. Comp. 23; ACM TOMS 715), the algorithm R's `pnorm` runs. Relative error about
 * 1e-15 in the lower tail (so in 1 − Φ(x) = Φ(−x) too) down to the underflow of a double — unlike
 * the Abramowitz–Stegun 7.1.26 form (absolute error 1.5e-7, useless for a 1e-9 probability).
 */

// Cody's coefficients (as in R's pnorm.c), written as the shortest decimals of the same doubles.
// |x| ≤ 0.67449 (Φ between 1/4 and 3/4): Φ(x) = 1/2 + x·A(x²)/B(x²).
const A = [2.2352520354606837, 161.02823106855587, 1067.6894854603709, 18154.98125334356]
const A4 = 0.06568233791820745
const B = [47.202581904688245, 976.0985517377767, 10260.932208618979, 45507.78933502673]
// 0.67449 < |x| ≤ √32: Φ(−|x|) = e^{−x²/2}·C(|x|)/D(|x|).
const C = [
  0.39894151208813466, 8.883149794388377, 93.50665613217785, 597.2702763948002, 2494.5375852903726, 6848.190450536283,
  11602.65143764735, 9842.714838383978,
]
const C8 = 1.0765576773720192e-8
const D = [
  22.266688044328117, 235.387901782625, 1519.3775994075547, 6485.558298266761, 18615.571640885097, 34900.95272114598,
  38912.00328609327, 19685.429676859992,
]
// |x| > √32: Φ(−|x|) = e^{−x²/2}/|x| · (1/√(2π) − P(1/x²)/(x²·Q(1/x²))).
const P = [0.215898534057957, 0.12740116116024736, 0.022235277870649807, 0.0014216191932278934, 0.000029112874951168793]
const P5 = 0.023073441764940174
const Q = [1.284260096144911, 0.4682382124808651, 0.06598813786892856, 0.0037823963320275824, 0.00007297515550839662]

const INV_SQRT_2PI = 0.3989422804014327
const SQRT_2PI = 2.5066282746310007
const SQRT_32 = 5.656854249492381
const CENTRAL = 0.67448975

/**
 * The tail factor R(y) with Φ(−y) = e^{−y²/2}·R(y) for y > 0.67449 (so R(y)·√(2π) is the Mills
 * ratio Φ(−y)/φ(y)), from Cody's middle and tail approximations.
 */
function tailFactor(y: number): number {
  if (y <= SQRT_32) {
    let num = C8 * y
    let den = y
    for (let i = 0; i < 7; i++) {
      num = (num + (C[i] as number)) * y
      den = (den + (D[i] as number)) * y
    }
    return (num + (C[7] as number)) / (den + (D[7] as number))
  }
  const inv2 = 1 / (y * y)
  let num = P5 * inv2
  let den = inv2
  for (let i = 0; i < 4; i++) {
    num = (num + (P[i] as number)) * inv2
    den = (den + (Q[i] as number)) * inv2
  }
  return (INV_SQRT_2PI - (inv2 * (num + (P[4] as number))) / (den + (Q[4] as number))) / y
}

/** e^{−y²/2} without the rounding of y² for large y: split y at a multiple of 1/16 (exact square). */
function gaussianFactor(y: number): number {
  const head = Math.trunc(y * 16) / 16
  const del = (y - head) * (y + head)
  return Math.exp(-head * head * 0.5) * Math.exp(-del * 0.5)
}

/** x·A(x²)/B(x²) = Φ(x) − 1/2 for |x| ≤ 0.67449. */
function centralOffset(x: number): number {
  const x2 = x * x
  let num = A4 * x2
  let den = x2
  for (let i = 0; i < 3; i++) {
    num = (num + (A[i] as number)) * x2
    den = (den + (B[i] as number)) * x2
  }
  return (x * (num + (A[3] as number))) / (den + (B[3] as number))
}

/**
 * Standard normal distribution function Φ(x) = ∫_{−∞}^{x} e^{−t²/2}/√(2π) dt, with relative error
 * ≈ 1e-15 for x < 0 (down to Φ(−38.5) ≈ 1e-324) and absolute error ≈ 1e-16 for x > 0; use
 * `normalCdf(−x)` for the upper tail 1 − Φ(x) so it keeps its relative accuracy. NaN gives NaN.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN
  const y = Math.abs(x)
  if (y <= CENTRAL) return 0.5 + centralOffset(x)
  // Beyond 40 the lower tail is below the smallest subnormal double.
  const lower = y < 40 ? gaussianFactor(y) * tailFactor(y) : 0
  return x < 0 ? lower : 1 - lower
}

/** Standard normal density φ(x) = e^{−x²/2}/√(2π). */
export function normalPdf(x: number): number {
  return gaussianFactor(Math.abs(x)) * INV_SQRT_2PI
}

/**
 * Mills ratio M(y) = Φ(−y)/φ(y) = (1 − Φ(y))/φ(y), finite for every real y (≈ 1/y for large y,
 * ≈ √(2π)·e^{y²/2} for very negative y, where it overflows to Infinity). Lets callers form products
 * like e^{a}·Φ(z) without overflow, by rewriting them as a density times M.
 */
export function normalMillsRatio(y: number): number {
  if (Number.isNaN(y)) return Number.NaN
  if (y === Number.POSITIVE_INFINITY) return 0
  if (y > CENTRAL) return tailFactor(y) * SQRT_2PI
  return normalCdf(-y) / normalPdf(y)
}

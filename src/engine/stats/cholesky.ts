/**
 * The Cholesky factor of a correlation matrix, for drawing correlated normals z = L·ε in the Monte
 * Carlo (monteCarlo.ts). Estimated correlations (correlation.ts: pairwise, on different windows,
 * with nulls filled in) need not be positive semidefinite; such a matrix is repaired by one step of
 * eigenvalue clipping: ρ = VΛVᵀ → V·max(Λ, ε)·Vᵀ, rescaled to a unit diagonal. That is one
 * projection of Higham's alternating-projections nearest correlation matrix (Higham 2002), close
 * enough for a simulation input and always usable; the result says whether it was applied.
 */

export type CorrelationFactor = {
  /** n: the matrix is n×n. */
  size: number
  /** Lower-triangular L (row-major n×n) with L·Lᵀ = `correlation`. */
  factor: Float64Array
  /** The correlation matrix actually factored (row-major n×n): the input, or its repair. */
  correlation: Float64Array
  /** True when the input was not positive semidefinite and was clipped. */
  adjusted: boolean
}

/** Pivots and residuals within this of zero count as zero (a rank-deficient but valid matrix). */
const TOLERANCE = 1e-10
/** The floor of the clipped eigenvalues: keeps the repaired matrix strictly positive definite. */
const EIGENVALUE_FLOOR = 1e-8

/**
 * L with L·Lᵀ = ρ for a symmetric positive semidefinite ρ (row-major n×n), by the
 * Cholesky–Banachiewicz recurrence L_jj = √(ρ_jj − Σ_{k<j} L_jk²),
 * L_ij = (ρ_ij − Σ_{k<j} L_ik L_jk)/L_jj. A zero pivot (e.g. ρ = 1 between two assets) gives a zero
 * column when the residuals below it vanish too; otherwise the matrix is not semidefinite → null.
 */
export function choleskyFactor(matrix: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n)
  for (let j = 0; j < n; j++) {
    let pivot = matrix[j * n + j] as number
    for (let k = 0; k < j; k++) pivot -= (l[j * n + k] as number) ** 2
    if (pivot < -TOLERANCE) return null
    const diagonal = pivot > TOLERANCE ? Math.sqrt(pivot) : 0
    l[j * n + j] = diagonal
    for (let i = j + 1; i < n; i++) {
      let s = matrix[i * n + j] as number
      for (let k = 0; k < j; k++) s -= (l[i * n + k] as number) * (l[j * n + k] as number)
      if (diagonal > 0) l[i * n + j] = s / diagonal
      else if (Math.abs(s) > Math.sqrt(TOLERANCE)) return null
    }
  }
  return l
}

/** Eigenvalues and eigenvectors (columns of V, row-major) of a symmetric matrix by cyclic Jacobi rotations. */
export function symmetricEigen(matrix: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix)
  const v = new Float64Array(n * n)
  for (let i = 0; i < n; i++) v[i * n + i] = 1
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += (a[p * n + q] as number) ** 2
    if (off < 1e-30) break
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q] as number
        if (apq === 0) continue
        // Rotation angle zeroing a_pq (Golub & Van Loan, Algorithm 8.5.1: the smaller root of t).
        const theta = ((a[q * n + q] as number) - (a[p * n + p] as number)) / (2 * apq)
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
        const c = 1 / Math.sqrt(t * t + 1)
        const s = t * c
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p] as number
          const akq = a[k * n + q] as number
          a[k * n + p] = c * akp - s * akq
          a[k * n + q] = s * akp + c * akq
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k] as number
          const aqk = a[q * n + k] as number
          a[p * n + k] = c * apk - s * aqk
          a[q * n + k] = s * apk + c * aqk
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p] as number
          const vkq = v[k * n + q] as number
          v[k * n + p] = c * vkp - s * vkq
          v[k * n + q] = s * vkp + c * vkq
        }
      }
    }
  }
  const values = new Float64Array(n)
  for (let i = 0; i < n; i++) values[i] = a[i * n + i] as number
  return { values, vectors: v }
}

/** V·max(Λ, floor)·Vᵀ rescaled to a unit diagonal: the clipped correlation matrix. */
function clipEigenvalues(matrix: Float64Array, n: number): Float64Array {
  const { values, vectors } = symmetricEigen(matrix, n)
  const out = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0
      for (let k = 0; k < n; k++) {
        s +=
          (vectors[i * n + k] as number) *
          Math.max(values[k] as number, EIGENVALUE_FLOOR) *
          (vectors[j * n + k] as number)
      }
      out[i * n + j] = s
      out[j * n + i] = s
    }
  }
  const scale = new Float64Array(n)
  for (let i = 0; i < n; i++) scale[i] = 1 / Math.sqrt(out[i * n + i] as number)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++)
      out[i * n + j] = i === j ? 1 : (out[i * n + j] as number) * (scale[i] as number) * (scale[j] as number)
  }
  return out
}

/**
 * The Cholesky factor of a correlation matrix ρ (row-major n×n: symmetric, unit diagonal, entries
 * in [−1, 1], each within 1e-9), repaired by eigenvalue clipping when it is not positive
 * semidefinite. Throws a RangeError for a matrix that is not a correlation matrix at all.
 */
export function correlationCholesky(correlation: ArrayLike<number>, n: number): CorrelationFactor {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`size must be an integer ≥ 0, got ${n}`)
  if (correlation.length !== n * n)
    throw new RangeError(`correlation must hold ${n}×${n} entries, got ${correlation.length}`)
  const rho = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const r = correlation[i * n + j] as number
      const mirror = correlation[j * n + i] as number
      if (!Number.isFinite(r) || Math.abs(r) > 1 + 1e-9)
        throw new RangeError(`correlation[${i}][${j}] = ${r} is not in [−1, 1]`)
      if (Math.abs(r - mirror) > 1e-9) throw new RangeError(`correlation is not symmetric at [${i}][${j}]`)
      if (i === j && Math.abs(r - 1) > 1e-9) throw new RangeError(`correlation[${i}][${i}] must be 1, got ${r}`)
      rho[i * n + j] = i === j ? 1 : Math.max(-1, Math.min(1, (r + mirror) / 2))
    }
  }
  const factor = choleskyFactor(rho, n)
  if (factor) return { size: n, factor, correlation: rho, adjusted: false }
  const repaired = clipEigenvalues(rho, n)
  const repairedFactor = choleskyFactor(repaired, n)
  if (!repairedFactor) throw new RangeError('correlation could not be repaired to a positive definite matrix')
  return { size: n, factor: repairedFactor, correlation: repaired, adjusted: true }
}

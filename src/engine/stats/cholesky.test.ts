import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { choleskyFactor, correlationCholesky, symmetricEigen } from './cholesky'

/** L·Lᵀ for a row-major n×n L. */
function product(l: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0
      for (let k = 0; k < n; k++) s += (l[i * n + k] as number) * (l[j * n + k] as number)
      out[i * n + j] = s
    }
  }
  return out
}

const maxAbsDifference = (a: Float64Array, b: Float64Array): number =>
  a.reduce((m, x, i) => Math.max(m, Math.abs(x - (b[i] as number))), 0)

describe('correlationCholesky', () => {
  test('factors a positive definite correlation matrix exactly: L lower triangular, L·Lᵀ = ρ', () => {
    const rho = Float64Array.of(1, 0.8, 0.6, 0.8, 1, 0.55, 0.6, 0.55, 1)
    const { factor, adjusted, correlation } = correlationCholesky(rho, 3)
    expect(adjusted).toBe(false)
    expect(correlation).toEqual(rho)
    expect(factor[1]).toBe(0)
    expect(factor[2]).toBe(0)
    expect(factor[5]).toBe(0)
    expect(factor[0]).toBe(1)
    // Known values: L₂₁ = 0.8, L₂₂ = 0.6, L₃₁ = 0.6, L₃₂ = (0.55 − 0.48)/0.6, L₃₃ = √(1 − 0.36 − L₃₂²).
    expect(factor[3]).toBeCloseTo(0.8, 15)
    expect(factor[4]).toBeCloseTo(0.6, 15)
    expect(factor[7]).toBeCloseTo(0.07 / 0.6, 15)
    expect(factor[8]).toBeCloseTo(Math.sqrt(0.64 - (0.07 / 0.6) ** 2), 15)
    expect(maxAbsDifference(product(factor, 3), rho)).toBeLessThan(1e-15)
  })

  test('ρ = 1 (semidefinite) gives a zero column: the second factor repeats the first', () => {
    const { factor, adjusted } = correlationCholesky(Float64Array.of(1, 1, 1, 1), 2)
    expect(adjusted).toBe(false)
    expect([...factor]).toEqual([1, 0, 1, 0])
  })

  test('a matrix that is not positive semidefinite is clipped to a nearby valid correlation matrix', () => {
    // ρ₁₂ = ρ₁₃ = 0.9 but ρ₂₃ = −0.9 is impossible (eigenvalue −0.8).
    const rho = Float64Array.of(1, 0.9, 0.9, 0.9, 1, -0.9, 0.9, -0.9, 1)
    expect(choleskyFactor(rho, 3)).toBeNull()
    const { factor, correlation, adjusted } = correlationCholesky(rho, 3)
    expect(adjusted).toBe(true)
    for (let i = 0; i < 3; i++) expect(correlation[i * 3 + i]).toBe(1)
    expect(Math.min(...symmetricEigen(correlation, 3).values)).toBeGreaterThan(0)
    expect(maxAbsDifference(product(factor, 3), correlation)).toBeLessThan(1e-12)
    expect(maxAbsDifference(correlation, rho)).toBeLessThan(0.6)
    expect(correlation[5]).toBeLessThan(0)
  })

  test('L·Lᵀ reproduces any valid correlation matrix (random factor loadings)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 12, maxLength: 12 }), (xs) => {
        // ρ = D^{-1/2}·(BBᵀ + 0.01·I)·D^{-1/2} from a random 4×3 B: positive definite.
        const n = 4
        const m = new Float64Array(n * n)
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            let s = i === j ? 0.01 : 0
            for (let k = 0; k < 3; k++) s += (xs[i * 3 + k] as number) * (xs[j * 3 + k] as number)
            m[i * n + j] = s
          }
        }
        const rho = m.map(
          (x, idx) => x / Math.sqrt((m[Math.floor(idx / n) * (n + 1)] as number) * (m[(idx % n) * (n + 1)] as number)),
        )
        for (let i = 0; i < n; i++) rho[i * n + i] = 1
        const { factor, adjusted } = correlationCholesky(rho, n)
        return !adjusted && maxAbsDifference(product(factor, n), rho) < 1e-12
      }),
    )
  })

  test('refuses what is not a correlation matrix', () => {
    expect(() => correlationCholesky(Float64Array.of(1, 0.5, 0.4, 1), 2)).toThrow(RangeError)
    expect(() => correlationCholesky(Float64Array.of(2, 0, 0, 1), 2)).toThrow(RangeError)
    expect(() => correlationCholesky(Float64Array.of(1, 1.5, 1.5, 1), 2)).toThrow(RangeError)
    expect(() => correlationCholesky(Float64Array.of(1, Number.NaN, Number.NaN, 1), 2)).toThrow(RangeError)
    expect(() => correlationCholesky(Float64Array.of(1, 0, 0), 2)).toThrow(RangeError)
  })
})

describe('symmetricEigen', () => {
  test('diagonalises a symmetric matrix: A·v = λ·v for each column', () => {
    const a = Float64Array.of(4, 1, 2, 1, 3, 0.5, 2, 0.5, 5)
    const { values, vectors } = symmetricEigen(a, 3)
    for (let k = 0; k < 3; k++) {
      for (let i = 0; i < 3; i++) {
        let av = 0
        for (let j = 0; j < 3; j++) av += (a[i * 3 + j] as number) * (vectors[j * 3 + k] as number)
        expect(av).toBeCloseTo((values[k] as number) * (vectors[i * 3 + k] as number), 12)
      }
    }
    expect(values.reduce((s, x) => s + x, 0)).toBeCloseTo(12, 12)
  })
})

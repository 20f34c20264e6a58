import { describe, expect, test } from 'vitest'
import { normalCdf } from './normalCdf'
import { RandomNormals } from './randomNormals'

describe('RandomNormals', () => {
  const count = 400_000
  const draws = new Float64Array(count)
  new RandomNormals(2024).fillNormals(draws, 0, count)

  test('the ziggurat matches Φ at the deciles and in both tails (binomial z within 4)', () => {
    for (const x of [-4, -3, -2, -1.2816, -0.5, 0, 0.5, 1.2816, 2, 3, 4]) {
      const below = draws.reduce((c, d) => c + (d < x ? 1 : 0), 0) / count
      const p = normalCdf(x)
      expect(Math.abs(below - p) / Math.sqrt((p * (1 - p)) / count), `at ${x}`).toBeLessThan(4)
    }
  })

  test('moments of a standard normal: mean 0, variance 1, kurtosis 3', () => {
    const mean = draws.reduce((s, d) => s + d, 0) / count
    const variance = draws.reduce((s, d) => s + d * d, 0) / count
    const kurtosis = draws.reduce((s, d) => s + d ** 4, 0) / count
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(count))
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(2 / count))
    expect(Math.abs(kurtosis - 3)).toBeLessThan(4 * Math.sqrt(96 / count))
  })

  test('fillNormals and normal() draw the same sequence; the same seed repeats it', () => {
    const one = new RandomNormals(7)
    const singles = Array.from({ length: 1_000 }, () => one.normal())
    const filled = new Float64Array(1_000)
    new RandomNormals(7).fillNormals(filled, 0, 1_000)
    expect([...filled]).toEqual(singles)
    const other = new Float64Array(1_000)
    new RandomNormals(8).fillNormals(other, 0, 1_000)
    expect([...other]).not.toEqual(singles)
  })

  test('χ²_ν has mean ν and variance 2ν', () => {
    const rng = new RandomNormals(3)
    for (const nu of [2.5, 5, 30]) {
      const n = 100_000
      let sum = 0
      let sumSq = 0
      for (let i = 0; i < n; i++) {
        const x = rng.chiSquare(nu)
        sum += x
        sumSq += x * x
      }
      const mean = sum / n
      expect(Math.abs(mean - nu) / Math.sqrt((2 * nu) / n), `ν = ${nu}`).toBeLessThan(4)
      expect(Math.abs(sumSq / n - mean * mean - 2 * nu)).toBeLessThan(0.05 * 2 * nu)
    }
  })
})

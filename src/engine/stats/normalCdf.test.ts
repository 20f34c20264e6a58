import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { normalCdf, normalMillsRatio, normalPdf } from './normalCdf'

// Reference values from mpmath at 40 digits (mpmath.ncdf, ncdf(−x)/npdf(x)), rounded to 17 digits.
const REFERENCE: [x: number, cdf: number, mills: number][] = [
  [-38, 2.88542835e-316, Number.POSITIVE_INFINITY],
  [-30, 4.906713927148187e-198, 6.785889613061118e195],
  [-20, 2.7536241186062337e-89, 1.8112830158925917e87],
  [-10, 7.619853024160525e-24, 1.2996129473592023e22],
  [-8, 6.220960574271784e-16, 197930788642469.2],
  [-5, 2.866515718791939e-7, 672621.63672287925],
  [-3, 0.0013498980316300946, 225.33489622034912],
  [-2, 0.02275013194817921, 18.10024771112615],
  [-1, 0.15865525393145705, 3.4770518117036944],
  [-0.5, 0.3085375387259869, 1.9640174953579939],
  [-0.1, 0.460172162722971, 1.3599304015256166],
  [0.3, 0.6179114221889527, 1.0018374009921558],
  [0.6744, 0.7499714786270594, 0.7867583978984318],
  [0.7, 0.758036347776927, 0.7748938487793906],
  [1, 0.8413447460685429, 0.6556795424187984],
  [2, 0.9772498680518208, 0.4213692292880545],
  [3, 0.9986501019683699, 0.3045902987101033],
  [5.5, 0.9999999810104375, 0.1763229857571027],
  [5.7, 0.9999999940096286, 0.17047376074592785],
  [6, 0.9999999990134123, 0.16237766089686745],
  [8, 0.9999999999999993, 0.1231319632579323],
]

const relativeError = (actual: number, expected: number): number => Math.abs(actual - expected) / Math.abs(expected)

describe('normalCdf', () => {
  test('matches the published values of Φ to 1e-15 relative', () => {
    expect(relativeError(normalCdf(-1), 0.15865525393145707)).toBeLessThan(1e-15)
    expect(relativeError(normalCdf(-5), 2.866515718791939e-7)).toBeLessThan(1e-15)
    expect(relativeError(normalCdf(-10), 7.619853024160527e-24)).toBeLessThan(1e-15)
    expect(relativeError(normalCdf(3), 0.9986501019683699)).toBeLessThan(1e-15)
  })

  test('keeps ~1e-15 relative accuracy in the lower tail down to Φ(−38) ≈ 3e-316', () => {
    for (const [x, cdf] of REFERENCE) {
      // Below ~2.2e-308 doubles are subnormal and carry fewer digits.
      const tolerance = cdf < 2.2e-308 ? 1e-8 : 3e-15
      expect(relativeError(normalCdf(x), cdf), `Φ(${x})`).toBeLessThan(tolerance)
    }
  })

  test('gives the upper tail with relative accuracy as Φ(−x), and exactly 1/2 at 0', () => {
    expect(normalCdf(0)).toBe(0.5)
    expect(relativeError(1 - normalCdf(-8), 1 - 6.220960574271784e-16)).toBeLessThan(1e-16)
    expect(relativeError(normalCdf(-8), 1 - 0.9999999999999993)).toBeGreaterThan(1e-3) // why Φ(−x) and not 1 − Φ(x)
    expect(normalCdf(-40)).toBe(0)
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0)
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1)
    expect(normalCdf(Number.NaN)).toBeNaN()
  })

  test('is symmetric, Φ(x) + Φ(−x) = 1, and increasing', () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), (x, h) => {
        expect(Math.abs(normalCdf(x) + normalCdf(-x) - 1)).toBeLessThan(3e-16)
        expect(normalCdf(x + h)).toBeGreaterThanOrEqual(normalCdf(x))
      }),
    )
  })

  test('its derivative is the density φ (central difference on the lower tail, by symmetry)', () => {
    for (const x of [-6, -3, -1.2, -0.6744, 0, 0.5, 0.7, 2.5, 5.7]) {
      const h = 1e-6
      const lower = -Math.abs(x)
      const slope = (normalCdf(lower + h) - normalCdf(lower - h)) / (2 * h)
      expect(relativeError(slope, normalPdf(x)), `φ(${x})`).toBeLessThan(1e-8)
    }
    expect(normalPdf(0)).toBeCloseTo(0.3989422804014327, 16)
  })
})

describe('normalMillsRatio', () => {
  test('equals Φ(−y)/φ(y) to 1e-14 relative, without overflow for very negative y', () => {
    for (const [x, , mills] of REFERENCE) {
      if (mills > Number.MAX_VALUE) expect(normalMillsRatio(x), `M(${x})`).toBe(Number.POSITIVE_INFINITY)
      else expect(relativeError(normalMillsRatio(x), mills), `M(${x})`).toBeLessThan(1e-14)
    }
    expect(relativeError(normalMillsRatio(1e6), 1e-6)).toBeLessThan(1e-12)
    expect(normalMillsRatio(Number.POSITIVE_INFINITY)).toBe(0)
  })
})

import { describe, expect, test } from 'vitest'
import { downsideVolatility } from './downsideVolatility'
import { seededNormal, seededUniform } from './testing/seededNormal'

describe('downsideVolatility', () => {
  test('hand-computed moments on four returns', () => {
    // σ = √((0.01 + 0.04 + 0.09 + 0.16)/4) = √0.075, σ₋ = √((0.04 + 0.16)/4) = √0.05; mean −0.05.
    const d = downsideVolatility(Float64Array.of(0.1, -0.2, 0.3, -0.4))
    expect(d.volatilityAnnualised).toBeCloseTo(Math.sqrt(0.075), 15)
    expect(d.semiDeviationAnnualised).toBeCloseTo(Math.sqrt(0.05), 15)
    expect(d.downsideVolatilityAnnualised).toBeCloseTo(Math.sqrt(0.1), 15)
    // Central moments about −0.05: deviations 0.15, −0.15, 0.35, −0.35 → m₃ = 0, so S = 0.
    expect(d.skewness).toBeCloseTo(0, 12)
  })

  test('an exactly symmetric series has downside = total/√2 and no skew adjustment', () => {
    const normal = seededNormal(7)
    const half = Array.from({ length: 2_000 }, () => normal())
    const d = downsideVolatility(Float64Array.from([...half, ...half.map((x) => -x)]))
    expect(d.semiDeviationAnnualised).toBeCloseTo(d.volatilityAnnualised / Math.SQRT2, 12)
    expect(d.skewness).toBeCloseTo(0, 12)
    expect(d.cornishFisherValid).toBe(true)
  })

  test('normal draws: skew-adjusted ≈ total volatility (within 5 %)', () => {
    const normal = seededNormal(8)
    const d = downsideVolatility(Float64Array.from({ length: 5_000 }, () => 0.6 * normal()))
    expect(d.volatilityAnnualised).toBeGreaterThan(0.57)
    expect(d.volatilityAnnualised).toBeLessThan(0.63)
    expect(Math.abs(d.skewAdjustedVolatilityAnnualised / d.volatilityAnnualised - 1)).toBeLessThan(0.05)
    expect(Math.abs(d.downsideVolatilityAnnualised / d.volatilityAnnualised - 1)).toBeLessThan(0.05)
  })

  test('crash-prone returns raise the long holder’s volatility; the mirror series lowers it', () => {
    // 97 % N(0.02, 0.5²) and 3 % crashes N(−1.5, 0.5²): negative skew, fat left tail.
    const normal = seededNormal(9)
    const uniform = seededUniform(10)
    const crashy = Float64Array.from({ length: 5_000 }, () => (uniform() < 0.03 ? -1.5 : 0.02) + 0.5 * normal())
    const d = downsideVolatility(crashy)
    expect(d.skewness).toBeLessThan(-0.5)
    expect(d.cornishFisherValid).toBe(true)
    expect(d.downsideVolatilityAnnualised).toBeGreaterThan(d.volatilityAnnualised)
    expect(d.skewAdjustedVolatilityAnnualised).toBeGreaterThan(1.1 * d.volatilityAnnualised)

    const mirror = downsideVolatility(crashy.map((x) => -x))
    expect(mirror.downsideVolatilityAnnualised).toBeLessThan(mirror.volatilityAnnualised)
    expect(mirror.skewAdjustedVolatilityAnnualised).toBeLessThan(mirror.volatilityAnnualised)
  })

  test('outside Cornish–Fisher’s domain it falls back to max(σ, √2·σ₋)', () => {
    const z = Float64Array.from({ length: 100 }, (_, i) => (i === 0 ? -10 : 0.1))
    const d = downsideVolatility(z)
    expect(d.cornishFisherValid).toBe(false)
    expect(d.skewAdjustedVolatilityAnnualised).toBe(Math.max(d.volatilityAnnualised, d.downsideVolatilityAnnualised))
  })
})

import { describe, expect, test } from 'vitest'
import {
  fitGarchParameters,
  GARCH_MIN_OBSERVATIONS,
  type GarchParameters,
  garchHorizonVariance,
  garchLogLikelihood,
  garchVolatility,
  persistenceShortfall,
} from './garch'
import { oracleReturns, timeScaledReturns } from './oracleReturns'
import { seededNormal } from './testing/seededNormal'
import { simulateGarchRounds } from './testing/simulateGarch'
import { SECONDS_PER_YEAR } from './timeBasis'

// Known parameters on the annualised basis: ω = σ̄²(1 − α − β) with long-run vols of 60 %, 80 %, 50 %.
const cases: { name: string; parameters: GarchParameters }[] = [
  { name: 'high persistence (α 0.08, β 0.90)', parameters: { omega: 0.36 * 0.02, alpha: 0.08, beta: 0.9 } },
  { name: 'strong ARCH (α 0.15, β 0.80)', parameters: { omega: 0.64 * 0.05, alpha: 0.15, beta: 0.8 } },
  { name: 'moderate persistence (α 0.10, β 0.80)', parameters: { omega: 0.25 * 0.1, alpha: 0.1, beta: 0.8 } },
]

// Tolerances for 4,000 observations; a 20-seed sweep of these cases showed at worst |Δ persistence| 0.068 (the
// 0.90 case) and a long-run vol off by 14 %, so three seeds per case are checked, not one lucky one.
const OBSERVATIONS = 4_000
const PERSISTENCE_TOLERANCE = 0.05
const LONG_RUN_VOL_RELATIVE_TOLERANCE = 0.15

describe('GARCH(1,1) maximum likelihood on simulated feeds', () => {
  for (const { name, parameters } of cases) {
    test(`recovers persistence and long-run volatility: ${name}`, () => {
      const truePersistence = parameters.alpha + parameters.beta
      const trueLongRunVol = Math.sqrt(parameters.omega / (1 - truePersistence))
      for (const seed of [11, 12, 13]) {
        const { rounds } = simulateGarchRounds(parameters, OBSERVATIONS, seed)
        const returns = oracleReturns(rounds)
        const fit = garchVolatility(returns)
        if (fit === null) throw new Error('enough observations for a fit')
        expect(Math.abs(fit.persistence - truePersistence)).toBeLessThanOrEqual(PERSISTENCE_TOLERANCE)
        expect(Math.abs(fit.longRunVolatilityAnnualised / trueLongRunVol - 1)).toBeLessThanOrEqual(
          LONG_RUN_VOL_RELATIVE_TOLERANCE,
        )
        // The optimiser found the likelihood's maximum, at least as high as at the true parameters.
        const z = timeScaledReturns(returns)
        expect(fit.logLikelihood).toBeGreaterThanOrEqual(garchLogLikelihood(z, parameters) - 1e-6)
        const { omega, alpha, beta } = fit.parameters
        expect(omega).toBeGreaterThan(0)
        expect(alpha).toBeGreaterThanOrEqual(0)
        expect(beta).toBeGreaterThanOrEqual(0)
        expect(alpha + beta).toBeLessThan(1)
      }
    })
  }

  test('with variance targeting σ̄² is the sample mean of z², and the fit still finds persistence', () => {
    const parameters = cases[0]?.parameters as GarchParameters
    const { rounds } = simulateGarchRounds(parameters, OBSERVATIONS, 21)
    const returns = oracleReturns(rounds)
    const z = timeScaledReturns(returns)
    const fit = garchVolatility(returns, { varianceTargeting: true })
    if (fit === null) throw new Error('enough observations for a fit')
    const meanSquare = z.reduce((s, x) => s + x * x, 0) / z.length
    expect(fit.longRunVolatilityAnnualised ** 2).toBeCloseTo(meanSquare, 10)
    expect(Math.abs(fit.persistence - 0.98)).toBeLessThanOrEqual(PERSISTENCE_TOLERANCE)
  })

  test('i.i.d. normal returns fit a small ARCH term', () => {
    const normal = seededNormal(5)
    const z = Float64Array.from({ length: OBSERVATIONS }, () => 0.7 * normal())
    const { alpha } = fitGarchParameters(z)
    expect(alpha).toBeLessThan(0.03)
  })

  test('too few rounds: no fit', () => {
    const { rounds } = simulateGarchRounds(cases[0]?.parameters as GarchParameters, GARCH_MIN_OBSERVATIONS - 1, 1)
    expect(garchVolatility(oracleReturns(rounds))).toBeNull()
  })
})

describe('garchHorizonVariance', () => {
  const parameters: GarchParameters = { omega: 0.02, alpha: 0.1, beta: 0.85 } // σ̄² = 0.4

  test('equals the sum of the step forecasts E[h_{n+j}] = σ̄² + p^{j−1}(h − σ̄²), summed in a loop', () => {
    const spacing = 1_800
    const next = 0.9
    let steps = 0
    let h = next
    for (let j = 0; j < 48; j++) {
      steps += h
      h = parameters.omega + (parameters.alpha + parameters.beta) * h // E[z²] = h
    }
    const expected = (steps * spacing) / SECONDS_PER_YEAR
    expect(garchHorizonVariance(parameters, next, spacing, 48 * spacing)).toBeCloseTo(expected, 14)
  })

  test('starting at the long-run variance the forecast is σ̄²·H/year for every horizon', () => {
    for (const H of [3_600, 86_400, 604_800]) {
      expect(garchHorizonVariance(parameters, 0.4, 900, H)).toBeCloseTo((0.4 * H) / SECONDS_PER_YEAR, 14)
    }
  })

  test('the annualised forecast moves from the current toward the long-run volatility as the horizon grows', () => {
    const { rounds } = simulateGarchRounds(cases[1]?.parameters as GarchParameters, 1_000, 3)
    const fit = garchVolatility(oracleReturns(rounds))
    if (fit === null) throw new Error('enough observations for a fit')
    const [hour, day, week] = fit.horizons.map((h) => h.volatilityAnnualised) as [number, number, number]
    const gap = (v: number) => Math.abs(v - fit.longRunVolatilityAnnualised)
    expect(gap(hour)).toBeLessThanOrEqual(gap(fit.currentVolatilityAnnualised) + 1e-12)
    expect(gap(day)).toBeLessThanOrEqual(gap(hour) + 1e-12)
    expect(gap(week)).toBeLessThanOrEqual(gap(day) + 1e-12)
  })
})

describe('garchHorizonVariance near persistence 1', () => {
  test('a fit with α + β = 1 − 1.7e-11 (σ̄ in the thousands) forecasts a finite, positive, continuous variance', () => {
    // The fit the devnet produced after a −13 % jump: IGARCH in all but name.
    const parameters = { omega: 0.0036258467792574037, alpha: 6.8e-54, beta: 0.9999999999833715 }
    const next = 2.3269722145649916 ** 2
    for (const H of [600, 3_600, 86_400, 604_800]) {
      const v = garchHorizonVariance(parameters, next, 2_000, H)
      expect(Number.isFinite(v) && v > 0, `H = ${H}`).toBe(true)
      // Barely any mean reversion: the forecast is h_{n+1} per step plus ω per step accumulated.
      const k = H / 2_000
      const expected = (2_000 / SECONDS_PER_YEAR) * (k * next + (0.0036258467792574037 * k * (k - 1)) / 2)
      expect(v / expected).toBeCloseTo(1, 6)
    }
  })

  test('the series and the closed form of the shortfall meet where they hand over', () => {
    for (const k of [0.5, 1.8, 48, 336]) {
      const q = 1e-3 / k
      const series = persistenceShortfall(k, q * (1 - 1e-9))
      const closed = persistenceShortfall(k, q * (1 + 1e-9))
      expect(Math.abs(series - closed) / Math.abs(closed)).toBeLessThan(1e-8)
    }
  })
})

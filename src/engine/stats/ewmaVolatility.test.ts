import { describe, expect, test } from 'vitest'
import { ewmaVolatility, realisedVariancePerSecond } from './ewmaVolatility'
import type { OracleReturns } from './oracleReturns'

const series = (logReturns: number[], elapsedSeconds: number[]): OracleReturns => ({
  logReturns: Float64Array.from(logReturns),
  elapsedSeconds: Float64Array.from(elapsedSeconds),
  endTimes: Float64Array.from(elapsedSeconds.map((_, i) => elapsedSeconds.slice(0, i + 1).reduce((a, b) => a + b, 0))),
})

describe('ewmaVolatility', () => {
  test('daily returns match the textbook recursion by hand', () => {
    // Daily variance by hand, σ²_0 = 1e-4, σ²_t = 0.94σ²_{t−1} + 0.06r²_t:
    //   r = 0.01:  0.94e-4 + 0.06·1e-4    = 1.0000e-4
    //   r = −0.02: 0.94e-4 + 0.06·4e-4    = 1.1800e-4
    //   r = 0.015: 1.1092e-4 + 0.06·2.25e-4 = 1.2442e-4;  annualised √(1.2442e-4 · 365) = 0.2131039652…
    const ewma = ewmaVolatility(series([0.01, -0.02, 0.015], [86_400, 86_400, 86_400]), {
      initialVariancePerSecond: 1e-4 / 86_400,
    })
    expect(ewma.variancePerSecond * 86_400).toBeCloseTo(1.2442e-4, 15)
    expect(ewma.volatilityAnnualised).toBeCloseTo(0.2131039652376276, 12)
    expect(ewma.observations).toBe(3)
  })

  test('uneven gaps decay by λ^(Δt/day) and add r²/Δt (reference from a separate Python loop)', () => {
    // Python: v=2e-9; for r,dt: w=0.94**(dt/86400); v=w*v+(1-w)*r*r/dt
    const returns = series([0.004, -0.006, 0.001, 0.03], [3_600, 7_200, 600, 86_400])
    const ewma = ewmaVolatility(returns, { initialVariancePerSecond: 2e-9 })
    expect(ewma.variancePerSecond).toBeCloseTo(2.5252458687776435e-9, 20)
    expect(ewma.volatilityAnnualised).toBeCloseTo(0.28219878404729487, 12)
  })

  test('the default start is the realised rate Σr²/ΣΔt, and forecasts are flat', () => {
    const returns = series([0.004, -0.006, 0.001, 0.03], [3_600, 7_200, 600, 86_400])
    expect(realisedVariancePerSecond(returns)).toBeCloseTo(9.74437627811861e-9, 22)
    const ewma = ewmaVolatility(returns)
    expect(ewma.variancePerSecond).toBeCloseTo(9.745769092513442e-9, 22)
    const [hour, day, week] = ewma.horizons
    expect(hour?.horizonVariance).toBeCloseTo(3.5084768733048393e-5, 15)
    expect(week?.horizonVariance).toBeCloseTo(5.89424114715213e-3, 12)
    for (const h of ewma.horizons) expect(h.volatilityAnnualised).toBeCloseTo(ewma.volatilityAnnualised, 12)
    expect(day?.horizonVolatility).toBeCloseTo(Math.sqrt(ewma.variancePerSecond * 86_400), 15)
  })

  test('a burst of small rounds weighs like one round spanning the same move', () => {
    // Twelve 5-minute rounds of 0.1 % vs one hour of the same squared total (12·1e-6): same update to first order.
    const start = { initialVariancePerSecond: 1e-9 }
    const burst = ewmaVolatility(series(new Array(12).fill(0.001), new Array(12).fill(300)), start)
    const single = ewmaVolatility(series([Math.sqrt(12) * 0.001], [3_600]), start)
    expect(burst.variancePerSecond / single.variancePerSecond).toBeCloseTo(1, 3)
  })

  test('no returns: NaN, not a made-up zero', () => {
    expect(ewmaVolatility(series([], [])).volatilityAnnualised).toBeNaN()
  })
})

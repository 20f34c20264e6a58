import { describe, expect, test } from 'vitest'
import type { RiskReport } from '../../engine/riskReport'
import { noDebtReport, report, reportWithVolatility, WETH } from './chartTesting'
import { horizonData, probabilityNote, probabilitySummary, volatilityData } from './probabilitySeries'

const withVolatility = reportWithVolatility()

describe('probability and volatility series', () => {
  test('one bar per horizon in percent with its printed label', () => {
    const p = withVolatility.liquidationProbability
    if (p.method === 'none') throw new Error('the fixture has oracle history: a probability is expected')
    const data = horizonData(p)
    expect(data.map((d) => d.horizon)).toEqual(['1 hour', '24 hours', '7 days'])
    expect(data.map((d) => d.percent)).toEqual(p.horizons.map((h) => h.probability * 100))
    // First passage grows with the horizon.
    expect(data[2]?.percent).toBeGreaterThan(data[0]?.percent as number)
  })

  test('volatility per asset by EWMA and GARCH in percent', () => {
    const [weth] = volatilityData(withVolatility.volatility)
    const v = withVolatility.volatility.assets[0]
    expect(weth?.symbol).toBe('WETH')
    expect(weth?.ewma).toBeCloseTo((v?.ewmaVolatilityAnnualised as number) * 100, 9)
    expect(weth?.garch).toBeCloseTo((v?.garch?.currentVolatilityAnnualised as number) * 100, 9)
  })

  test('the text gives each horizon, the method and each volatility', () => {
    // Deterministic: seeded GARCH rounds, one risk factor (closed form).
    expect(probabilitySummary(withVolatility)).toBe(
      'Probability of liquidation: < 0.01% within 1 hour, < 0.01% within 24 hours, 6.9% within 7 days (closed form); ' +
        'passes 5% in 6.1 days. Annualised volatility: WETH EWMA 122.3%, GARCH 117.5%.',
    )
  })

  test('without oracle history: collecting, naming the asset; without debt: no risk', () => {
    const plain = report()
    expect(horizonData(plain.liquidationProbability)).toEqual([])
    expect(probabilityNote(plain)).toBe(
      'Collecting oracle history: not enough yet for WETH to estimate the probability.',
    )
    expect(probabilitySummary(plain)).toBe(
      'Collecting oracle history: not enough yet for WETH to estimate the probability. Volatility: collecting oracle history.',
    )
    expect(probabilityNote(noDebtReport())).toBe('No debt: no liquidation risk.')
  })

  test('a GARCH fit that failed reads "not fitted"', () => {
    const v = withVolatility.volatility.assets[0]
    if (!v) throw new Error('expected a volatility estimate')
    const r: RiskReport = {
      ...withVolatility,
      volatility: { ...withVolatility.volatility, assets: [{ ...v, garch: null }] },
    }
    expect(volatilityData(r.volatility)[0]?.garch).toBeNull()
    expect(probabilitySummary(r)).toMatch(/GARCH not fitted\.$/)
    expect(r.volatility.assets[0]?.asset).toBe(WETH)
  })
})

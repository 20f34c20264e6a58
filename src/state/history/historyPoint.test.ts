import { describe, expect, test } from 'vitest'
import { evaluate } from '../../engine/evaluate'
import type { RiskReport } from '../../engine/riskReport'
import { fixtureAddress, snapshotFixture } from '../../engine/testing/snapshotFixture'
import { MAX_UINT256 } from '../../engine/wadRayMath'
import { healthFactorFloat, historyPointFromReport, probability24h } from './historyPoint'

const options = { now: 1_750_000_000, seed: 7 }
const leveraged = snapshotFixture({
  blockNumber: 1_234n,
  positions: { WETH: { supplied: 10 }, USDC: { borrowed: 14_000 } },
  prices: { WETH: 2000 },
})

describe('history point of a report', () => {
  test('carries the block, the exact account numbers, the HF as float64 and the price of each asset', () => {
    const report = evaluate(leveraged, {}, options)
    const point = historyPointFromReport(report)
    expect(point).toMatchObject({
      block: 1_234n,
      time: leveraged.blockTimestamp,
      healthFactorWad: report.accountData.healthFactorWad,
      totalCollateralBase: report.accountData.totalCollateralBase,
      totalDebtBase: report.accountData.totalDebtBase,
    })
    expect(point.healthFactor).toBeCloseTo(Number(report.accountData.healthFactorWad) / 1e18, 15)
    expect(point.prices).toEqual({
      [fixtureAddress('WETH')]: 2_000n * 10n ** 8n,
      [fixtureAddress('USDC')]: report.assets[1]?.priceBase,
    })
  })

  test('an account without debt has an infinite health factor and no chance of liquidation', () => {
    const report = evaluate(snapshotFixture({ positions: { WETH: { supplied: 1 } } }), {}, options)
    expect(report.accountData.healthFactorWad).toBe(MAX_UINT256)
    expect(historyPointFromReport(report)).toMatchObject({ healthFactor: Number.POSITIVE_INFINITY, probability24h: 0 })
    expect(healthFactorFloat(MAX_UINT256)).toBe(Number.POSITIVE_INFINITY)
  })

  test('P(liquidation) within 24 h: the 24 h horizon, 1 when liquidatable, absent when it cannot be told', () => {
    const base = evaluate(leveraged, {}, options)
    const withOdds = (liquidationProbability: RiskReport['liquidationProbability']) =>
      probability24h({ ...base, liquidationProbability })
    const horizon = (horizonSeconds: number, probability: number) => ({
      horizonSeconds,
      probability,
      standardError: 0,
      distanceSigmas: 1,
    })
    const computed: RiskReport['liquidationProbability'] = {
      method: 'closed-form',
      riskFactors: [],
      horizons: [horizon(3_600, 0.01), horizon(86_400, 0.07), horizon(604_800, 0.3)],
      timeToThresholdSeconds: null,
      threshold: 0.05,
      paths: 0,
      perAsset: [],
    }
    expect(withOdds(computed)).toBe(0.07)
    const none = (reason: 'no-debt' | 'no-risk-factor' | 'missing-volatility' | 'liquidatable') =>
      withOdds({ method: 'none', reason, missing: [], perAsset: [] })
    expect(none('liquidatable')).toBe(1)
    expect(none('no-risk-factor')).toBe(0)
    expect(none('missing-volatility')).toBeUndefined()
    const { probability24h: absent } = historyPointFromReport({
      ...base,
      liquidationProbability: { method: 'none', reason: 'missing-volatility', missing: [], perAsset: [] },
    })
    expect(absent).toBeUndefined()
  })
})

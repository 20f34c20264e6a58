import { describe, expect, test } from 'vitest'
import { evaluate } from './evaluate'
import type { PortfolioSnapshot, PriceRound } from './snapshot'
import { simulateGarchRounds } from './stats/testing/simulateGarch'
import { fixtureAddress, snapshotFixture } from './testing/snapshotFixture'
import { volatilityMemo } from './volatility'

/** Oracle rounds ending at the block, rescaled so the last answer is the snapshot's price. */
function historyEndingAt(s: PortfolioSnapshot, symbol: 'WETH' | 'WBTC', seed: number): PriceRound[] {
  const { rounds } = simulateGarchRounds({ omega: 0.05, alpha: 0.07, beta: 0.9 }, 1_200, seed)
  const price = s.reserves.find((r) => r.symbol === symbol)?.priceBase as bigint
  const last = rounds.at(-1) as PriceRound
  const shift = s.blockTimestamp - last.updatedAt
  return rounds.map((r) => ({ ...r, answer: (r.answer * price) / last.answer, updatedAt: r.updatedAt + shift }))
}

const plain = snapshotFixture({
  positions: { WETH: { supplied: 10 }, WBTC: { supplied: 0.1 }, USDC: { borrowed: 16_000 } },
  prices: { WETH: 2_000, WBTC: 60_000 },
})
const withHistory: PortfolioSnapshot = {
  ...plain,
  priceHistory: {
    [fixtureAddress('WETH')]: historyEndingAt(plain, 'WETH', 1),
    [fixtureAddress('WBTC')]: historyEndingAt(plain, 'WBTC', 2),
  },
}
const options = { now: plain.blockTimestamp, seed: 11 }

describe('evaluate with oracle history (Risk engine II)', () => {
  test('statistics leave every exact number of Risk engine I unchanged', () => {
    const a = evaluate(plain, {}, options)
    const b = evaluate(withHistory, {}, options)
    expect(b.accountData).toEqual(a.accountData)
    expect(b.assets).toEqual(a.assets)
    expect(b.correlatedLiquidation).toEqual(a.correlatedLiquidation)
    expect(b.liquidationCost).toEqual(a.liquidationCost)
    expect(b.proposals).toEqual(a.proposals)
  })

  test('without history: no volatility, no probability, and the report says which feeds are missing', () => {
    const r = evaluate(plain, {}, options)
    expect(r.volatility.assets).toEqual([])
    expect(r.liquidationProbability).toMatchObject({ method: 'none', reason: 'missing-volatility' })
    expect(r.replay).toBeNull()
  })

  test('with history: GARCH per asset, a Monte Carlo probability per horizon, a replay, Greeks, scenarios', () => {
    const r = evaluate(withHistory, {}, options)
    expect(r.volatility.assets.map((v) => [v.symbol, v.model])).toEqual([
      ['WETH', 'garch'],
      ['WBTC', 'garch'],
    ])
    const p = r.liquidationProbability
    if (p.method !== 'monte-carlo') throw new Error(`expected Monte Carlo, got ${p.method}`)
    expect(p.horizons.map((h) => h.horizonSeconds)).toEqual([3_600, 86_400, 604_800])
    for (let k = 1; k < 3; k++)
      expect(p.horizons[k]?.probability).toBeGreaterThanOrEqual(p.horizons[k - 1]?.probability as number)
    expect(r.replay?.points).toBeGreaterThan(100)
    expect(r.replay?.minHealthFactorWad).toBeLessThanOrEqual(r.accountData.healthFactorWad)
    expect(r.greeks.lending.map((g) => g.symbol)).toEqual(['WETH', 'WBTC', 'USDC'])
    expect(r.scenarios.cells[1]?.[4]?.healthFactorWad).toBe(r.accountData.healthFactorWad)
  })

  test('the same seed gives the same report; a memo gives the same statistics', () => {
    const memo = { volatility: volatilityMemo() }
    const a = evaluate(withHistory, {}, { ...options, memo })
    const b = evaluate(withHistory, {}, { ...options, memo })
    const c = evaluate(withHistory, {}, options)
    expect(b.liquidationProbability).toEqual(a.liquidationProbability)
    expect(c.liquidationProbability).toEqual(a.liquidationProbability)
    expect(memo.volatility.size).toBe(2)
  })
})

import { describe, expect, test } from 'vitest'
import type { Hex } from './snapshot'
import { ewmaVolatility } from './stats/ewmaVolatility'
import { oracleReturns } from './stats/oracleReturns'
import { simulateGarchRounds } from './stats/testing/simulateGarch'
import { assetVolatility, MIN_VOLATILITY_OBSERVATIONS, volatilityMemo, volatilityReport } from './volatility'

const A = '0x00000000000000000000000000000000000000aa' as Hex
const B = '0x00000000000000000000000000000000000000bb' as Hex
const params = { omega: 0.04, alpha: 0.08, beta: 0.9 }

describe('volatilityReport', () => {
  test('GARCH term structure with enough rounds, EWMA’s flat one with fewer, none below the minimum', () => {
    const long = simulateGarchRounds(params, 1_500, 1).rounds
    const short = long.slice(0, 60)
    const r = volatilityReport([
      { asset: A, symbol: 'A', rounds: long },
      { asset: B, symbol: 'B', rounds: short },
      {
        asset: '0x00000000000000000000000000000000000000cc',
        symbol: 'C',
        rounds: long.slice(0, MIN_VOLATILITY_OBSERVATIONS),
      },
    ])
    expect(r.assets.map((a) => [a.symbol, a.model])).toEqual([
      ['A', 'garch'],
      ['B', 'ewma'],
    ])
    const [a, b] = r.assets
    // Long-run σ = √(0.04/0.02) ≈ 1.41 annualised: the fit is near it, the forecasts sit between current and long run.
    expect(a?.garch?.longRunVolatilityAnnualised).toBeGreaterThan(1)
    expect(a?.garch?.longRunVolatilityAnnualised).toBeLessThan(2)
    expect(a?.horizons.map((h) => h.horizonSeconds)).toEqual([3_600, 86_400, 604_800])
    expect(b?.horizons.every((h) => h.volatilityAnnualised === b.ewmaVolatilityAnnualised)).toBe(true)
    expect(b?.ewmaVolatilityAnnualised).toBe(ewmaVolatility(oracleReturns(short)).volatilityAnnualised)
    expect(r.correlation).toHaveLength(2)
    expect(r.correlation[0]?.[0]).toBeCloseTo(1, 12)
  })

  test('the memo returns the same estimate until a new round arrives', () => {
    const { rounds } = simulateGarchRounds(params, 400, 2)
    const memo = volatilityMemo()
    const first = assetVolatility({ asset: A, symbol: 'A', rounds }, memo)
    expect(assetVolatility({ asset: A, symbol: 'A', rounds: [...rounds] }, memo)).toBe(first)
    const next = simulateGarchRounds(params, 401, 2).rounds
    expect(assetVolatility({ asset: A, symbol: 'A', rounds: next }, memo)).not.toBe(first)
  })

  test('the downside multiplier is ≥ 1 for a crash-prone series', () => {
    const { rounds } = simulateGarchRounds(params, 600, 3)
    // Every 25th round crashes 4 % further than the model.
    const crashy = rounds.map((r, k) => ({ ...r, answer: (r.answer * BigInt(100 - 4 * Math.floor(k / 25))) / 100n }))
    const v = assetVolatility({ asset: A, symbol: 'A', rounds: crashy })
    expect(v?.skewness).toBeLessThan(0)
    expect(v?.downsideMultiplier).toBeGreaterThan(1)
  })
})

describe('a jump after a quiet spell', () => {
  test('every horizon stays finite and positive, whichever model forecasts', () => {
    // 600 calm rounds (σ ≈ 20 %), then a −13 % print two hours later, as setPrice does on the devnet.
    const { rounds } = simulateGarchRounds({ omega: 0.004, alpha: 0.02, beta: 0.97 }, 600, 5)
    const last = rounds.at(-1) as (typeof rounds)[number]
    const jumped = [
      ...rounds,
      { roundId: last.roundId + 1n, answer: (last.answer * 87n) / 100n, updatedAt: last.updatedAt + 7_200 },
    ]
    const v = assetVolatility({ asset: A, symbol: 'A', rounds: jumped })
    expect(v).not.toBeNull()
    for (const h of v?.horizons ?? []) expect(h.volatilityAnnualised).toBeGreaterThan(0)
    for (const h of v?.horizons ?? []) expect(Number.isFinite(h.volatilityAnnualised)).toBe(true)
    if (v?.model === 'garch') expect(v.garch?.persistence).toBeLessThan(0.999)
  })
})

import { describe, expect, test } from 'vitest'
import { computeAccountData } from './accountData'
import { healthFactorTerms } from './healthFactorTerms'
import { EXTENDED_PRICE_SHOCKS_BPS, SCENARIO_PRICE_SHOCKS_BPS, scenarioMatrix } from './scenarioMatrix'
import { fixturePrice, reserveOf, snapshotFixture } from './testing/snapshotFixture'

const s = snapshotFixture({
  positions: {
    WETH: { supplied: 10 },
    LINK: { supplied: 100, collateral: false },
    WBTC: { borrowed: 0.05 },
    USDC: { borrowed: 12_000 },
  },
  prices: { WETH: 2_000, LINK: 15, WBTC: 60_000 },
})
const t = healthFactorTerms(s)

describe('scenarioMatrix', () => {
  test('9 price buckets × 3 volatilities plus the extended row; no shock is today', () => {
    const m = scenarioMatrix(t)
    expect(m.priceShocks).toEqual([-0.16, -0.12, -0.08, -0.04, 0, 0.04, 0.08, 0.12, 0.16])
    expect(m.cells.map((row) => row.length)).toEqual([9, 9, 9])
    expect(m.extended.map((c) => c.priceShock)).toEqual(EXTENDED_PRICE_SHOCKS_BPS.map((b) => b / 10_000))
    const today = m.cells[1]?.[4]
    expect(today?.healthFactorWad).toBe(t.healthFactor)
    expect(today?.pnlUsd).toBe(0)
  })

  test('every cell’s HF equals GenericLogic at the shocked oracle prices, to the wei', () => {
    const m = scenarioMatrix(t)
    const shocked = (bps: number) =>
      new Map(
        (['WETH', 'LINK', 'WBTC'] as const).map((sym) => {
          const r = reserveOf(s, sym)
          return [r.asset, (r.priceBase * (10_000n + BigInt(bps))) / 10_000n] as const
        }),
      )
    SCENARIO_PRICE_SHOCKS_BPS.forEach((bps, k) => {
      expect(m.cells[0]?.[k]?.healthFactorWad).toBe(computeAccountData(s, shocked(bps)).healthFactor)
    })
    EXTENDED_PRICE_SHOCKS_BPS.forEach((bps, k) => {
      expect(m.extended[k]?.healthFactorWad).toBe(computeAccountData(s, shocked(bps)).healthFactor)
    })
  })

  test('P&L is the net exposure of every supplied and borrowed volatile balance, collateral or not', () => {
    // Net volatile exposure: 10·2000 + 100·15 − 0.05·60000 = 18 500 USD.
    const m = scenarioMatrix(t)
    expect(m.cells[1]?.[0]?.pnlUsd).toBeCloseTo(-0.16 * 18_500, 6)
    expect(m.extended.at(-1)?.pnlUsd).toBeCloseTo(18_500, 6)
    expect(fixturePrice(2_000)).toBe(reserveOf(s, 'WETH').priceBase)
  })

  test('the rest of the book adds its own P&L per price multiplier and volatility shift', () => {
    const seen: [number, number][] = []
    const m = scenarioMatrix(t, (multiplier, shift) => {
      seen.push([multiplier, shift])
      return 1_000 * shift
    })
    expect(seen).toHaveLength(27 + 9)
    expect(m.cells[2]?.[4]?.pnlUsd).toBe(100)
    expect(m.cells[0]?.[4]?.pnlUsd).toBe(-100)
    // Volatility does not change the health factor.
    expect(m.cells[0]?.[2]?.healthFactorWad).toBe(m.cells[2]?.[2]?.healthFactorWad)
  })

  test('a long-collateral book’s HF rises with prices across the row', () => {
    const m = scenarioMatrix(
      healthFactorTerms(snapshotFixture({ positions: { WETH: { supplied: 5 }, USDC: { borrowed: 5_000 } } })),
    )
    const row = m.cells[1]?.map((c) => c.healthFactorWad) ?? []
    for (let k = 1; k < row.length; k++) expect(row[k]).toBeGreaterThan(row[k - 1] as bigint)
  })
})

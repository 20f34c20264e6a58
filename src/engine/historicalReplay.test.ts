import { describe, expect, test } from 'vitest'
import { computeAccountData } from './accountData'
import { healthFactorTerms } from './healthFactorTerms'
import { downsampleKeepingMinimum, historicalReplay } from './historicalReplay'
import type { PriceRound } from './snapshot'
import { fixturePrice, reserveOf, snapshotFixture } from './testing/snapshotFixture'

const s = snapshotFixture({
  positions: { WETH: { supplied: 10 }, WBTC: { supplied: 0.2 }, USDC: { borrowed: 14_000 } },
  prices: { WETH: 2_000, WBTC: 60_000 },
})
const weth = reserveOf(s, 'WETH').asset
const wbtc = reserveOf(s, 'WBTC').asset
const T0 = 1_700_000_000
const rounds = (prices: [number, number][]): PriceRound[] =>
  prices.map(([dt, usd], k) => ({ roundId: BigInt(k + 1), answer: fixturePrice(usd), updatedAt: T0 + dt }))

describe('historicalReplay', () => {
  const history = {
    [weth]: rounds([
      [-100, 2_100],
      [60, 1_700],
      [120, 1_500],
      [300, 1_900],
    ]),
    [wbtc]: rounds([
      [-50, 61_000],
      [100, 58_000],
      [400, 40_000],
      [500, 62_000],
    ]),
  }
  const t = healthFactorTerms(s)

  test('finds the lowest HF, exact, with the prices of that moment', () => {
    const r = historicalReplay(t, history, { fromTime: T0, toTime: T0 + 450 })
    // Candidates: WETH 1500 & WBTC 58000 at +120, WETH 1900 & WBTC 40000 at +400.
    const atMin = new Map([
      [weth, fixturePrice(1_500)],
      [wbtc, fixturePrice(58_000)],
    ])
    const other = new Map([
      [weth, fixturePrice(1_900)],
      [wbtc, fixturePrice(40_000)],
    ])
    const expected = computeAccountData(s, atMin).healthFactor
    expect(expected).toBeLessThan(computeAccountData(s, other).healthFactor)
    expect(r.minHealthFactorWad).toBe(expected)
    expect(r.minAt).toBe(T0 + 120)
    expect(r.pricesAtMin[weth]).toBe(fixturePrice(1_500))
    // Points: the start, then +60, +100, +120, +300, +400 (+500 is past the window).
    expect(r.points).toBe(6)
    expect(Array.from(r.series.time)).toEqual([0, 60, 100, 120, 300, 400].map((d) => T0 + d))
  })

  test('the start carries the last rounds before the window', () => {
    const r = historicalReplay(t, history, { fromTime: T0, toTime: T0 + 10 })
    const start = computeAccountData(
      s,
      new Map([
        [weth, fixturePrice(2_100)],
        [wbtc, fixturePrice(61_000)],
      ]),
    )
    expect(r.minHealthFactorWad).toBe(start.healthFactor)
  })

  test('time below 1 is counted until the next point', () => {
    // WETH at 800 with WBTC at 40 000: 10·800·0.825 + 0.2·40 000·LT(≤ 0.75) ≤ 12 600 < 14 000 of debt.
    const crash = {
      [weth]: rounds([
        [0, 2_000],
        [100, 800],
        [160, 2_000],
      ]),
      [wbtc]: rounds([[0, 40_000]]),
    }
    const r = historicalReplay(t, crash, { fromTime: T0, toTime: T0 + 200 })
    expect(r.firstBelowOneAt).toBe(T0 + 100)
    expect(r.secondsBelowOne).toBe(60)
    expect(r.minHealthFactorWad).toBeLessThan(10n ** 18n)
  })

  test('a position without history keeps today’s price and is named', () => {
    const r = historicalReplay(t, { [weth]: history[weth] as PriceRound[] }, { fromTime: T0, toTime: T0 + 450 })
    expect(r.withoutHistory).toContain(wbtc)
    expect(r.pricesAtMin[wbtc]).toBe(reserveOf(s, 'WBTC').priceBase)
  })

  test('downsampling keeps each bucket’s minimum', () => {
    const time = Float64Array.from({ length: 1_000 }, (_, k) => k)
    const value = Float64Array.from({ length: 1_000 }, (_, k) => (k === 637 ? 0.5 : 2 + Math.sin(k)))
    const d = downsampleKeepingMinimum(time, value, 100)
    expect(d.time).toHaveLength(100)
    expect(Math.min(...d.healthFactor)).toBe(0.5)
    expect(d.time).toContain(637)
  })
})

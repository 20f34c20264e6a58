import { describe, expect, test } from 'vitest'
import type { PriceRound } from '../snapshot'
import { oracleReturns, timeScaledReturns } from './oracleReturns'
import { SECONDS_PER_YEAR } from './timeBasis'

const round = (id: number, answer: bigint, updatedAt: number): PriceRound => ({
  roundId: BigInt(id),
  answer,
  updatedAt,
})

describe('oracleReturns', () => {
  test('log returns and gaps between consecutive rounds', () => {
    const r = oracleReturns([
      round(1, 200_000_000_000n, 1_000),
      round(2, 202_000_000_000n, 4_600),
      round(3, 199_980_000_000n, 5_200),
    ])
    expect(Array.from(r.elapsedSeconds)).toEqual([3_600, 600])
    expect(Array.from(r.endTimes)).toEqual([4_600, 5_200])
    expect(r.logReturns[0]).toBeCloseTo(Math.log(1.01), 15)
    expect(r.logReturns[1]).toBeCloseTo(Math.log(0.99), 15)
  })

  test('skips non-positive answers and rounds with no elapsed time, keeping the total log move', () => {
    const rounds = [
      round(1, 100n, 0),
      round(2, 0n, 60),
      round(3, 110n, 120),
      round(4, 121n, 120), // same second as round 3: skipped, the next return spans its move
      round(5, -5n, 200),
      round(6, 99n, 300),
      round(7, 98n, 290), // goes back in time: skipped
    ]
    const r = oracleReturns(rounds)
    expect(Array.from(r.elapsedSeconds)).toEqual([120, 180])
    expect(r.logReturns[0]).toBeCloseTo(Math.log(110 / 100), 15)
    expect(r.logReturns[1]).toBeCloseTo(Math.log(99 / 110), 15)
    expect((r.logReturns[0] as number) + (r.logReturns[1] as number)).toBeCloseTo(Math.log(99 / 100), 15)
  })

  test('fewer than two usable rounds give no returns', () => {
    expect(oracleReturns([]).logReturns.length).toBe(0)
    expect(oracleReturns([round(1, 100n, 0), round(2, 0n, 10)]).logReturns.length).toBe(0)
  })
})

describe('timeScaledReturns', () => {
  test('z = r·√(year/Δt): a 1 % move over one day is 1 % · √365 annualised', () => {
    const z = timeScaledReturns({
      logReturns: Float64Array.of(0.01, 0.01),
      elapsedSeconds: Float64Array.of(86_400, 3_600),
      endTimes: Float64Array.of(86_400, 90_000),
    })
    expect(z[0]).toBeCloseTo(0.01 * Math.sqrt(365), 12)
    expect(z[1]).toBeCloseTo(0.01 * Math.sqrt(365 * 24), 12)
  })

  test('a per-second basis gives the variance rate per second', () => {
    const z = timeScaledReturns(
      { logReturns: Float64Array.of(0.006), elapsedSeconds: Float64Array.of(3_600), endTimes: Float64Array.of(3_600) },
      1,
    )
    expect((z[0] as number) ** 2).toBeCloseTo(0.006 ** 2 / 3_600, 18)
    expect(SECONDS_PER_YEAR).toBe(31_536_000)
  })
})

import { describe, expect, test } from 'vitest'
import { evaluate } from '../../engine/evaluate'
import { snapshotFixture } from '../../engine/testing/snapshotFixture'
import { alertInputFromReport } from './alertInput'

const options = { now: 1_750_000_000, seed: 7 }

describe('alert input from a risk report', () => {
  test('the block, the health factor as float64 and P(24 h) from the report', () => {
    const report = evaluate(
      snapshotFixture({
        blockNumber: 77n,
        positions: { WETH: { supplied: 10 }, USDC: { borrowed: 14_000 } },
        prices: { WETH: 2000 },
      }),
      {},
      options,
    )
    const input = alertInputFromReport(report)
    expect(input.block).toBe(77n)
    expect(input.time).toBe(report.block.timestamp)
    expect(input.healthFactor).toBeCloseTo(Number(report.accountData.healthFactorWad) / 1e18, 12)
    expect(input.staleFeeds).toEqual(report.oracleLag.rows.filter((r) => r.stale).map((r) => r.symbol))
  })

  test('stale feeds are the oracle rows past their heartbeat; no debt is an infinite health factor', () => {
    const report = evaluate(snapshotFixture({ positions: { WETH: { supplied: 1 } } }), {}, options)
    const row = report.oracleLag.rows[0]
    if (!row) throw new Error('the fixture has an oracle row for WETH')
    const rows = [
      { ...row, symbol: 'WETH', stale: true },
      { ...row, symbol: 'WBTC', stale: false },
    ]
    const withStale = { ...report, oracleLag: { ...report.oracleLag, rows } }
    const input = alertInputFromReport(withStale)
    expect(input.healthFactor).toBe(Number.POSITIVE_INFINITY)
    expect(input.probability24h).toBe(0)
    expect(input.staleFeeds).toEqual(['WETH'])
  })
})

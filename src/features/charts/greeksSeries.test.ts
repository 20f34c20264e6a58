import { describe, expect, test } from 'vitest'
import type { GreeksReport, UnderlyingGreeks } from '../../engine/greeks/bookGreeks'
import { noDebtReport, report, USDC, WETH } from './chartTesting'
import { deltaRows, greeksSummary, secondOrderRows } from './greeksSeries'

const sums = (deltaUsd: number, gammaUsdPerPercent = 0, vegaUsdPerVolPoint = 0) => ({
  deltaUnits: 0,
  deltaUsd,
  gammaUsdPerPercent,
  vegaUsdPerVolPoint,
  thetaUsdPerDay: 0,
})

/** A book with LP and option exposure on WETH besides the loan (numbers chosen to add up). */
function mixedBook(): GreeksReport {
  const weth: UnderlyingGreeks = {
    asset: WETH,
    symbol: 'WETH',
    priceUsd: 2_000,
    volatile: true,
    lending: sums(20_000),
    lp: sums(3_000, -40),
    external: sums(-5_000, 25, 120),
    total: sums(18_000, -15, 120),
  }
  const usdc: UnderlyingGreeks = {
    asset: USDC,
    symbol: 'USDC',
    priceUsd: 1,
    volatile: false,
    lending: sums(-12_000),
    lp: sums(0),
    external: sums(0),
    total: sums(-12_000),
  }
  return {
    byUnderlying: [weth, usdc],
    lending: [],
    lp: [],
    external: report().greeks.external,
    netVolatileDeltaUsd: 18_000,
  }
}

describe('greeks series', () => {
  test('delta per underlying split by lending, LP and options, from the engine on a plain loan', () => {
    const rows = deltaRows(report().greeks)
    expect(rows.map((r) => r.symbol)).toEqual(['WETH', 'USDC'])
    expect(rows[0]?.lending).toBeCloseTo(20_000, 6)
    expect(rows[0]?.lp).toBe(0)
    expect(rows[1]?.lending).toBeCloseTo(-12_000, 6)
    expect(secondOrderRows(report().greeks)).toEqual([])
  })

  test('second-order rows only where gamma, vega or theta is there', () => {
    expect(secondOrderRows(mixedBook())).toEqual([
      { symbol: 'WETH', gammaUsdPerPercent: -15, vegaUsdPerVolPoint: 120, thetaUsdPerDay: 0 },
    ])
  })

  test('the text gives the net delta, each split and the book gamma and vega', () => {
    expect(greeksSummary(mixedBook())).toBe(
      'Net delta on volatile assets +$18,000 (the book gains when they rise). ' +
        'WETH +$18,000 (lending +$20,000, LP +$3,000, options -$5,000); USDC -$12,000 (lending -$12,000). ' +
        'Gamma -$15 of delta per 1% rise, vega +$120 per volatility point.',
    )
    expect(greeksSummary(report().greeks)).toMatch(/No gamma or vega: no LP or option positions\.$/)
  })

  test('a book of collateral only still has delta; an empty book has nothing to show', () => {
    expect(greeksSummary(noDebtReport().greeks)).toMatch(/^Net delta on volatile assets \+\$2,000 /)
    expect(greeksSummary({ ...mixedBook(), byUnderlying: [], netVolatileDeltaUsd: 0 })).toBe(
      'No exposure to any price: nothing to show.',
    )
  })
})

import { describe, expect, test } from 'vitest'
import { healthFactorTerms } from '../healthFactorTerms'
import type { UniswapLpPositionSnapshot } from '../snapshot'
import { reserveOf, snapshotFixture } from '../testing/snapshotFixture'
import { poolFixture } from '../testing/uniswapPoolFixture'
import { bookGreeks, otherBookPnl } from './bookGreeks'
import type { ExternalPosition } from './externalPosition'

const base = snapshotFixture({
  positions: { WETH: { supplied: 10 }, USDC: { borrowed: 12_000 } },
  prices: { WETH: 2_000 },
})
const weth = reserveOf(base, 'WETH')
const usdc = reserveOf(base, 'USDC')
const pool = poolFixture(weth, usdc, { depthBase: 10n ** 14n })
const spacing = 60
const lp: UniswapLpPositionSnapshot = {
  tokenId: 7n,
  positionManager: '0x00000000000000000000000000000000000000e1',
  pool: pool.address,
  token0: pool.token0,
  token1: pool.token1,
  fee: 3000,
  tickLower: Math.floor((pool.tick - 2_000) / spacing) * spacing,
  tickUpper: Math.ceil((pool.tick + 2_000) / spacing) * spacing,
  liquidity: 10n ** 15n,
  feeGrowthInside0LastX128: 0n,
  feeGrowthInside1LastX128: 0n,
  tokensOwed0: 0n,
  tokensOwed1: 0n,
  sqrtPriceX96: pool.sqrtPriceX96,
  tick: pool.tick,
  feeGrowthGlobal0X128: 0n,
  feeGrowthGlobal1X128: 0n,
  lower: { feeGrowthOutside0X128: 0n, feeGrowthOutside1X128: 0n },
  upper: { feeGrowthOutside0X128: 0n, feeGrowthOutside1X128: 0n },
}
const now = base.blockTimestamp
const external: ExternalPosition[] = [
  {
    kind: 'option',
    id: 'put',
    underlying: weth.asset,
    right: 'put',
    strike: 1_800,
    expiry: now + 30 * 86_400,
    quantity: 5,
    volatility: { kind: 'flat', volatility: 0.7 },
  },
  {
    kind: 'perp',
    id: 'short',
    underlying: weth.asset,
    size: -2,
    entryPrice: 2_100,
    margin: 1_000,
    marginMode: 'isolated',
    maintenanceMarginRatio: 0.005,
  },
]
const s = { ...base, lpPositions: [lp] }
const t = healthFactorTerms(s)

describe('bookGreeks', () => {
  const g = bookGreeks(t, { now, external })
  const row = g.byUnderlying.find((r) => r.symbol === 'WETH')

  test('per underlying: lending, LP and external parts add up to the total', () => {
    expect(row?.lending.deltaUnits).toBe(10)
    expect(row?.lp.deltaUnits).toBeGreaterThan(0)
    expect(row?.lp.gammaUsdPerPercent).toBeLessThan(0)
    // A long put and a short perp: negative external delta, long gamma and vega.
    expect(row?.external.deltaUnits).toBeLessThan(-2)
    expect(row?.external.vegaUsdPerVolPoint).toBeGreaterThan(0)
    for (const k of ['deltaUnits', 'deltaUsd', 'gammaUsdPerPercent', 'vegaUsdPerVolPoint', 'thetaUsdPerDay'] as const) {
      const parts = (row?.lending[k] ?? 0) + (row?.lp[k] ?? 0) + (row?.external[k] ?? 0)
      expect(row?.total[k]).toBeCloseTo(parts, 9)
    }
    expect(g.netVolatileDeltaUsd).toBeCloseTo(row?.total.deltaUsd as number, 9)
    expect(g.byUnderlying.map((r) => r.symbol)).toEqual(['WETH', 'USDC'])
  })

  test('the LP row carries exact amounts at the pool price and is in range', () => {
    const p = g.lp[0]
    expect(p?.inRange).toBe(true)
    expect(p?.principal.amount0).toBeGreaterThan(0n)
    expect(p?.principal.amount1).toBeGreaterThan(0n)
    expect(Number(p?.principal.amount0) / 1e18).toBeCloseTo(p?.greeks?.amount0 as number, 6)
  })

  test('the rest of the book’s scenario P&L is 0 today and its slope in the price is the LP + external delta', () => {
    const pnl = otherBookPnl(t, g, { now, external })
    expect(pnl(1, 0)).toBeCloseTo(0, 9)
    const h = 1e-4
    const slope = (pnl(1 + h, 0) - pnl(1 - h, 0)) / (2 * h)
    const delta = (row?.lp.deltaUsd ?? 0) + (row?.external.deltaUsd ?? 0)
    expect(Math.abs(slope - delta) / Math.abs(delta)).toBeLessThan(1e-4)
    // Vol up raises a long put's value: vega × 10 points to first order.
    const vega = row?.external.vegaUsdPerVolPoint as number
    expect(pnl(1, 0.1)).toBeGreaterThan(0)
    expect(Math.abs(pnl(1, 0.01) - vega) / vega).toBeLessThan(0.02)
  })
})

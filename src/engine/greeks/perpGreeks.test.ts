import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { PerpPosition } from './externalPosition'
import { perpBackingMargin, perpGreeks, perpLiquidationPrice } from './perpGreeks'
import { relativeError } from './testing/centralDifference'

const perp = (change: Partial<PerpPosition> = {}): PerpPosition => ({
  kind: 'perp',
  id: 'hl-eth',
  underlying: '0x00000000000000000000000000000000000000e1',
  size: 2,
  entryPrice: 2_000,
  margin: 400,
  marginMode: 'isolated',
  maintenanceMarginRatio: 0.005,
  ...change,
})

const variants: [string, Partial<PerpPosition>][] = [
  ['isolated long', {}],
  ['isolated short', { size: -2 }],
  ['cross long', { marginMode: 'cross', crossAccountEquity: 1_500 }],
  ['cross short', { size: -2, marginMode: 'cross', crossAccountEquity: 1_500 }],
]

describe('perpLiquidationPrice', () => {
  test('at the liquidation price equity equals mmr × notional (isolated and cross, long and short)', () => {
    for (const [name, change] of variants) {
      const position = perp(change)
      const price = perpLiquidationPrice(position) as number
      const g = perpGreeks(position, price)
      expect(relativeError(g.equity, g.maintenanceMargin), name).toBeLessThan(1e-12)
      expect(g.distanceToLiquidation, name).toBeCloseTo(0, 14)
      // One part in 10⁹ on the safe side is safe, on the other side liquidatable.
      const safeSide = (position.size > 0 ? 1 + 1e-9 : 1 - 1e-9) * price
      const unsafeSide = (position.size > 0 ? 1 - 1e-9 : 1 + 1e-9) * price
      expect(perpGreeks(position, safeSide).liquidatable, name).toBe(false)
      expect(perpGreeks(position, unsafeSide).liquidatable, name).toBe(true)
    }
  })

  test('matches the closed forms (E − M/n)/(1 − mmr) for a long and (E + M/|n|)/(1 + mmr) for a short', () => {
    expect(perpLiquidationPrice(perp())).toBeCloseTo((2_000 - 400 / 2) / 0.995, 9)
    expect(perpLiquidationPrice(perp({ size: -2 }))).toBeCloseTo((2_000 + 400 / 2) / 1.005, 9)
    // Cross margin: the rest of the account's equity backs the position too.
    expect(perpLiquidationPrice(perp({ marginMode: 'cross', crossAccountEquity: 1_500 }))).toBeCloseTo(
      (2_000 - 1_900 / 2) / 0.995,
      9,
    )
    expect(perpBackingMargin(perp({ marginMode: 'cross' }))).toBe(400)
  })

  test('holds for any size, entry, margin and ratio (property)', () => {
    const position = fc.record({
      size: fc.double({ min: 1e-3, max: 1e4, noNaN: true }).chain((n) => fc.constantFrom(n, -n)),
      entryPrice: fc.double({ min: 1e-2, max: 1e5, noNaN: true }),
      leverage: fc.double({ min: 1.01, max: 100, noNaN: true }),
      maintenanceMarginRatio: fc.double({ min: 1e-4, max: 0.2, noNaN: true }),
      marginMode: fc.constantFrom('isolated' as const, 'cross' as const),
      crossShare: fc.double({ min: -0.5, max: 2, noNaN: true }),
    })
    fc.assert(
      fc.property(position, ({ leverage, crossShare, ...p }) => {
        const margin = (Math.abs(p.size) * p.entryPrice) / leverage
        const crossAccountEquity = p.marginMode === 'cross' ? crossShare * margin : undefined
        const full = perp({ ...p, margin, ...(crossAccountEquity === undefined ? {} : { crossAccountEquity }) })
        const price = perpLiquidationPrice(full)
        if (price === null || price === 0) {
          // Out of reach only for a long backed by at least its notional; everywhere only for a short under water.
          if (price === null)
            expect(full.size > 0 && perpBackingMargin(full) >= full.size * full.entryPrice * (1 - 1e-12)).toBe(true)
          return
        }
        const g = perpGreeks(full, price)
        expect(Math.abs(g.equity - g.maintenanceMargin)).toBeLessThanOrEqual(1e-9 * g.notional)
      }),
      { numRuns: 2_000 },
    )
  })

  test('a fully collateralised long has no liquidation price; a short under water is liquidatable at any price', () => {
    const safe = perp({ margin: 4_000 })
    expect(perpLiquidationPrice(safe)).toBeNull()
    const g = perpGreeks(safe, 1)
    expect(g.distanceToLiquidation).toBeNull()
    expect(g.liquidatable).toBe(false)
    const underWater = perp({ size: -2, marginMode: 'cross', crossAccountEquity: -5_000 })
    expect(perpLiquidationPrice(underWater)).toBe(0)
    expect(perpGreeks(underWater, 1).liquidatable).toBe(true)
    expect(perpGreeks(underWater, 1).distanceToLiquidation).toBe(-1)
  })
})

describe('perpGreeks', () => {
  test('marks PnL, notional, delta and distance at the spot; gamma is 0', () => {
    const long = perpGreeks(perp(), 2_100)
    expect(long.unrealisedPnl).toBe(200)
    expect(long.value).toBe(200)
    expect(long.equity).toBe(600)
    expect(long.notional).toBe(4_200)
    expect(long.maintenanceMargin).toBeCloseTo(21, 12)
    expect(long.deltaUnits).toBe(2)
    expect(long.deltaUsd).toBe(4_200)
    expect(long.gamma).toBe(0)
    const liquidation = (2_000 - 200) / 0.995
    expect(long.distanceToLiquidation).toBeCloseTo((2_100 - liquidation) / 2_100, 12)
    const short = perpGreeks(perp({ size: -2 }), 2_100)
    expect(short.unrealisedPnl).toBe(-200)
    expect(short.deltaUsd).toBe(-4_200)
    expect(short.distanceToLiquidation).toBeCloseTo(((2_000 + 200) / 1.005 - 2_100) / 2_100, 12)
  })

  test('funding: a positive rate costs longs and pays shorts, per day', () => {
    expect(perpGreeks(perp({ fundingRatePerHour: 0.0001 }), 2_000).fundingUsdPerDay).toBeCloseTo(
      -2 * 2_000 * 0.0024,
      12,
    )
    expect(perpGreeks(perp({ size: -2, fundingRatePerHour: 0.0001 }), 2_000).fundingUsdPerDay).toBeCloseTo(9.6, 12)
    expect(perpGreeks(perp(), 2_000).fundingUsdPerDay).toBe(0)
  })

  test('refuses a spot that is not a price', () => {
    expect(() => perpGreeks(perp(), 0)).toThrow(RangeError)
    expect(() => perpGreeks(perp(), Number.NaN)).toThrow(RangeError)
  })
})

import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { computeAccountData } from './accountData'
import { FACTOR_ONE } from './correlatedLiquidation'
import { type AssetLiquidationPrice, liquidationPrices } from './liquidationPrice'
import type { Hex, PortfolioSnapshot } from './snapshot'
import { accountArbitrary } from './testing/accountArbitrary'
import { fixtureAddress, snapshotFixture } from './testing/snapshotFixture'
import { WAD } from './wadRayMath'

const hfWith = (s: PortfolioSnapshot, prices: [Hex, bigint][]) => computeAccountData(s, new Map(prices)).healthFactor
const usd = (x: number) => BigInt(Math.round(x * 1e8))
const row = (rows: AssetLiquidationPrice[], symbol: string) => {
  const r = rows.find((a) => a.symbol === symbol)
  if (!r) throw new Error(`no row for ${symbol}`)
  return r
}

/** Issue 4's check, with GenericLogic's HF: one step past on the liquidating side < 1, one step back ≥ 1. */
function expectBoundary(s: PortfolioSnapshot, a: AssetLiquidationPrice) {
  if (a.liquidationPriceBase === null) throw new Error(`${a.symbol}: no liquidation price (${a.reason})`)
  const below = a.liquidationPriceBase - a.step
  const above = a.liquidationPriceBase + a.step
  const [liquidating, safe] = a.direction === 'down' ? [below, above] : [above, below]
  expect(hfWith(s, [[a.asset, liquidating]]), `${a.symbol} at ${liquidating}`).toBeLessThan(WAD)
  expect(hfWith(s, [[a.asset, safe]]), `${a.symbol} at ${safe}`).toBeGreaterThanOrEqual(WAD)
}

describe('liquidation prices', () => {
  test('10 WETH against 14,000 USDC at $2000: WETH liquidates near 14,000 / (10 × 0.825) = $1696.97', () => {
    const s = snapshotFixture({
      positions: { WETH: { supplied: 10 }, USDC: { borrowed: 14_000 } },
      prices: { WETH: 2000 },
    })
    const r = liquidationPrices(s)
    const weth = row(r.assets, 'WETH')
    expect(weth).toMatchObject({ direction: 'down', step: 1n, priceBase: usd(2000) })
    if (weth.liquidationPriceBase === null) throw new Error('no price')
    expect(Number(weth.liquidationPriceBase) / 1e8).toBeCloseTo(1696.9697, 3)
    expect(weth.liquidationPriceBase === null ? 0 : weth.distanceFraction).toBeCloseTo(-0.151515, 5)
    expectBoundary(s, weth)
    // USDC is the debt: the account is liquidated when USDC rises to 16,500 / 14,000 = $1.1786.
    const usdc = row(r.assets, 'USDC')
    expect(usdc).toMatchObject({ direction: 'up' })
    if (usdc.liquidationPriceBase === null) throw new Error('no price')
    expect(Number(usdc.liquidationPriceBase) / 1e8).toBeCloseTo(1.178571, 5)
    expectBoundary(s, usdc)
    expect(r.liquidatableNow).toBe(false)
  })

  test('every liquidation price of random accounts sits on the exact HF = 1 boundary, one step each side', () => {
    fc.assert(
      fc.property(accountArbitrary, (s) => {
        const r = liquidationPrices(s)
        for (const a of r.assets) if (a.liquidationPriceBase !== null) expectBoundary(s, a)
      }),
      { numRuns: 400 },
    )
  })

  // Aave's arithmetic is not monotone at every scale: up to v3.4 the truncated average LT steps HF down by
  // up to 1/LT̄ whenever a rising low-LT collateral lowers it by a basis point, and at prices of a few base
  // units the floors dominate. Where the price move changes HF by less than that, HF can hover around 1
  // and cross it several times; beyond it, moving further keeps the side.
  test('moving a price past its liquidation price, by more than the LT truncation can undo, keeps HF on that side', () => {
    fc.assert(
      fc.property(accountArbitrary, fc.double({ min: 0.001, max: 0.5, noNaN: true }), (s, beyond) => {
        const r = liquidationPrices(s)
        const t = r.terms
        const lts = t.liquidationThreshold.filter((_, i) => (t.collateralAmount[i] as bigint) > 0n).map(Number)
        const sawtooth = t.averageLtTruncated ? 2 / Math.min(...lts) : 0
        r.assets.forEach((a, k) => {
          if (a.liquidationPriceBase === null || a.liquidationPriceBase < 1_000n * a.step) return
          const x = a.liquidationPriceBase
          const delta = (x * BigInt(Math.round(beyond * 1e6))) / 1_000_000n + 2n * a.step
          // HF's smooth change over delta (at HF ≈ 1): delta · |s·LT/10⁴ − b| / unit / debt.
          const perUnit = Math.abs(
            (Number(t.collateralAmount[k]) * Number(t.liquidationThreshold[k])) / 1e4 - Number(t.debtAmount[k]),
          )
          const debt =
            Number(t.totalDebt - (t.debtBase[k] as bigint)) + (Number(t.debtAmount[k]) * Number(x)) / Number(t.unit[k])
          if ((Number(delta) * perUnit) / Number(t.unit[k]) / debt <= 1.5 * sawtooth) return
          const liquidating = a.direction === 'down' ? x - delta : x + delta
          const safe = a.direction === 'down' ? x + delta : x - delta
          if (liquidating > 0n) expect(hfWith(s, [[a.asset, liquidating]])).toBeLessThan(WAD)
          if (safe > 0n) expect(hfWith(s, [[a.asset, safe]])).toBeGreaterThanOrEqual(WAD)
        })
      }),
      { numRuns: 1000 },
    )
  })

  test('an asset both supplied and borrowed takes its direction from the net exposure', () => {
    // Net long WETH (supply 10, borrow 2) plus USDC debt: falls liquidate.
    const long = snapshotFixture({
      positions: { WETH: { supplied: 10, borrowed: 2 }, USDC: { borrowed: 12_000 } },
      prices: { WETH: 3000 },
    })
    const weth = row(liquidationPrices(long).assets, 'WETH')
    expect(weth).toMatchObject({ direction: 'down' })
    // 10 × 0.825 · x = 2x + 12,000 → x = 12,000 / 6.25 = 1920.
    if (weth.liquidationPriceBase === null) throw new Error('no price')
    expect(Number(weth.liquidationPriceBase) / 1e8).toBeCloseTo(1920, 2)
    expectBoundary(long, weth)
    // Net short WETH (supply 1, borrow 10) against USDC collateral: rises liquidate.
    const short = snapshotFixture({
      positions: { WETH: { supplied: 1, borrowed: 10 }, USDC: { supplied: 60_000 } },
      prices: { WETH: 3000 },
    })
    const w = row(liquidationPrices(short).assets, 'WETH')
    expect(w).toMatchObject({ direction: 'up' })
    // GenericLogic truncates the average LT: at x ≈ 5231.6 it is ⌊(60,000·8000 + x·8250) / (60,000 + x)⌋ = 8020,
    // so (60,000 + x) · 0.802 = 10 x → x = 48,120 / 9.198 = 5231.572 (not 48,000 / 9.175 = 5231.608).
    if (w.liquidationPriceBase === null) throw new Error('no price')
    expect(Number(w.liquidationPriceBase) / 1e8).toBeCloseTo(48_120 / 9.198, 2)
    expectBoundary(short, w)
  })

  test('assets that cannot liquidate the account say why', () => {
    const noDebt = liquidationPrices(snapshotFixture({ positions: { WETH: { supplied: 1 } } }))
    expect(noDebt.assets[0]).toMatchObject({ liquidationPriceBase: null, reason: 'no-debt' })
    expect(noDebt.correlated).toEqual({ factor: null, reason: 'no-debt' })

    const s = snapshotFixture({
      positions: {
        WETH: { supplied: 1 },
        LINK: { supplied: 100, collateral: false },
        USDC: { supplied: 100_000 },
        DAI: { borrowed: 1_000 },
      },
    })
    const r = liquidationPrices(s)
    expect(row(r.assets, 'WETH')).toMatchObject({
      liquidationPriceBase: null,
      reason: 'cannot-liquidate-by-this-asset',
    })
    expect(row(r.assets, 'LINK')).toMatchObject({ liquidationPriceBase: null, reason: 'not-collateral' })
    // WETH can go to zero and the account stays safe: no correlated liquidation either.
    expect(r.correlated).toEqual({ factor: null, reason: 'cannot-liquidate-by-volatile-move' })
    // DAI is the only debt: it has a price (about 80,000 + … / 1,000), far above $1.
    expect(row(r.assets, 'DAI')).toMatchObject({ direction: 'up' })
  })

  test('an account already below 1 says so, and each price says where it would recover', () => {
    const s = snapshotFixture({
      positions: { WETH: { supplied: 10 }, USDC: { borrowed: 14_000 } },
      prices: { WETH: 1600 },
    })
    const r = liquidationPrices(s)
    expect(r.liquidatableNow).toBe(true)
    const weth = row(r.assets, 'WETH')
    if (weth.liquidationPriceBase === null) throw new Error('no price')
    expect(weth.distanceFraction).toBeGreaterThan(0)
    expectBoundary(s, weth)
    // Without the WETH, the USDC debt alone is under water at any USDC price.
    const bare = snapshotFixture({
      positions: { WETH: { supplied: 10 }, USDC: { borrowed: 14_000 } },
      prices: { WETH: 1600 },
    })
    expect(row(liquidationPrices(bare).assets, 'USDC')).toMatchObject({ direction: 'up' })
  })

  test('a holding under one whole token is resolved to its own step', () => {
    const s = snapshotFixture({ positions: { WBTC: { supplied: '0.003' }, USDC: { borrowed: 150 } } })
    const wbtc = row(liquidationPrices(s).assets, 'WBTC')
    expect(wbtc.step).toBe(334n)
    expectBoundary(s, wbtc)
  })

  test('v3.0 e-mode with a price source: the asset’s own feed does not move HF', () => {
    const base = snapshotFixture({ positions: { USDC: { supplied: 1_000 }, DAI: { borrowed: 900 } }, eMode: 1 })
    const category = base.eModes[0]
    if (!category) throw new Error('no e-mode')
    const s: PortfolioSnapshot = {
      ...base,
      eModes: [{ ...category, priceSource: '0x00000000000000000000000000000000000000e1', priceBase: usd(1) }],
    }
    const r = liquidationPrices(s)
    expect(row(r.assets, 'USDC')).toMatchObject({ liquidationPriceBase: null, reason: 'priced-by-emode-source' })
    expect(row(r.assets, 'DAI')).toMatchObject({ liquidationPriceBase: null, reason: 'priced-by-emode-source' })
  })
})

describe('correlated liquidation price', () => {
  test('all volatile assets falling together by one factor: the boundary holds one factor step each side', () => {
    const s = snapshotFixture({
      positions: { WETH: { supplied: 10 }, WBTC: { supplied: '0.5' }, USDC: { supplied: 5_000, borrowed: 40_000 } },
    })
    const r = liquidationPrices(s)
    const c = r.correlated
    if (c.factor === null) throw new Error(`no correlated price (${c.reason})`)
    expect(c.direction).toBe('down')
    // Collateral (75,000 f + 5,000) at the truncated average LT 79.81 % (⌊(30,000·8250 + 45,000·7800) f + 5,000·8000)
    // / (75,000 f + 5,000)⌋ near f = 0.6016) equals the 40,000 debt: f = (40,000 / 0.7981 − 5,000) / 75,000.
    expect(Number(c.factor) / Number(FACTOR_ONE)).toBeCloseTo((40_000 / 0.7981 - 5_000) / 75_000, 6)
    expect(c.prices.map((p) => p.symbol)).toEqual(['WETH', 'WBTC'])
    const at = (factor: bigint) =>
      hfWith(
        s,
        r.assets
          .filter((a) => a.symbol !== 'USDC')
          .map((a) => [a.asset, (a.priceBase * factor) / FACTOR_ONE] as [Hex, bigint]),
      )
    expect(at(c.factor - 1n)).toBeLessThan(WAD)
    expect(at(c.factor + 1n)).toBeGreaterThanOrEqual(WAD)
    expect(row(r.assets, 'WETH').correlatedPriceBase).toBe((usd(3000) * c.factor) / FACTOR_ONE)
    expect(row(r.assets, 'USDC').correlatedPriceBase).toBeNull()
  })

  test('with one volatile asset the correlated price is that asset’s own liquidation price', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5_000, max: 24_000 }), (debt) => {
        const s = snapshotFixture({ positions: { WETH: { supplied: 10 }, USDC: { borrowed: debt } } })
        const r = liquidationPrices(s)
        const weth = row(r.assets, 'WETH')
        if (weth.liquidationPriceBase === null || r.correlated.factor === null) throw new Error('no price')
        const correlated = weth.correlatedPriceBase as bigint
        const diff = correlated - weth.liquidationPriceBase
        expect(diff < 0n ? -diff : diff).toBeLessThanOrEqual(2n)
      }),
    )
  })

  test('random accounts: the correlated factor sits on the exact boundary', () => {
    fc.assert(
      fc.property(accountArbitrary, (s) => {
        const r = liquidationPrices(s)
        const c = r.correlated
        if (c.factor === null) return
        const at = (factor: bigint) =>
          hfWith(
            s,
            c.prices.map((p) => {
              const a = r.assets.find((x) => x.asset === p.asset) as AssetLiquidationPrice
              return [p.asset, (a.priceBase * factor) / FACTOR_ONE] as [Hex, bigint]
            }),
          )
        const [liquidating, safe] =
          c.direction === 'down' ? [c.factor - 1n, c.factor + 1n] : [c.factor + 1n, c.factor - 1n]
        expect(at(liquidating)).toBeLessThan(WAD)
        expect(at(safe)).toBeGreaterThanOrEqual(WAD)
      }),
      { numRuns: 300 },
    )
  })

  test('stablecoins can be reclassified as volatile by the caller', () => {
    const s = snapshotFixture({ positions: { USDC: { supplied: 10_000 }, DAI: { borrowed: 7_000 } } })
    expect(liquidationPrices(s).correlated).toEqual({ factor: null, reason: 'no-volatile-exposure' })
    const r = liquidationPrices(s, { classes: { volatile: [fixtureAddress('USDC')] } })
    expect(r.correlated.factor).not.toBeNull()
  })
})

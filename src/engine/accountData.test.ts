import { describe, expect, test } from 'vitest'
import { computeAccountData } from './accountData'
import type { PortfolioSnapshot } from './snapshot'
import { reserveOf, snapshotFixture } from './testing/snapshotFixture'
import { MAX_UINT256, RAY, WAD } from './wadRayMath'

const usd = (x: number) => BigInt(x) * 10n ** 8n
const YEAR = 365 * 86_400

describe('computeAccountData (GenericLogic.calculateUserAccountData, v3.0.2)', () => {
  test('no debt: HF is MAX_UINT256 and the borrowing power is percentMul(collateral, LTV)', () => {
    const a = computeAccountData(snapshotFixture({ positions: { WETH: { supplied: 2 } } }))
    expect(a.healthFactor).toBe(MAX_UINT256)
    expect(a.availableBorrowsBase).toBe(usd(4_800)) // 6000 × 80 %
    expect(a.currentLiquidationThreshold).toBe(8_250n)
  })

  test('interest accrues to the block time: linear on supply, compounded on debt', () => {
    const s = snapshotFixture({
      blockTimestamp: 1_000 + YEAR,
      prices: { WETH: 2000 },
      positions: { WETH: { supplied: 10 }, USDC: { borrowed: 14_000 } },
      reserveOverrides: {
        WETH: { lastUpdateTimestamp: 1_000, liquidityRate: 5n * 10n ** 25n },
        USDC: { lastUpdateTimestamp: 1_000, variableBorrowRate: 10n ** 26n },
      },
    })
    const a = computeAccountData(s)
    // 10 WETH × 1.05 = 10.5 WETH; 14,000 USDC × 1.105162042821782412575504 = 15,472.2686 USDC.
    expect(a.positions.map((p) => [p.supplied, p.borrowed])).toEqual([
      [105n * 10n ** 17n, 0n],
      [0n, 15_472_268_600n],
    ])
    expect(a.totalCollateralBase).toBe(usd(21_000))
    expect(a.totalDebtBase).toBe(1_547_226_860_000n)
    expect(a.healthFactor).toBe(1_119_745_297_079_447_031n) // wadDiv(17,325e8, 15,472.2686e8)
  })

  test('the average LT and LTV are truncated, and HF uses the truncated average', () => {
    // 1 WETH ($3000, LT 82.5 %) + 100 LINK ($15, LT 68 %): LT̄ = ⌊3.495e15 / 4.5e11⌋ = 7766.
    const a = computeAccountData(
      snapshotFixture({ positions: { WETH: { supplied: 1 }, LINK: { supplied: 100 }, USDC: { borrowed: 3_000 } } }),
    )
    expect(a.currentLiquidationThreshold).toBe(7_766n)
    expect(a.ltv).toBe(7_100n)
    expect(a.healthFactor).toBe(1_164_900_000_000_000_000n) // percentMul(4500e8, 7766) / 3000e8
    expect(a.availableBorrowsBase).toBe(usd(195))
  })

  test('a supply counts as collateral only with LT ≠ 0 and the collateral flag on', () => {
    const s = snapshotFixture({
      positions: { WETH: { supplied: 1 }, WBTC: { supplied: 1, collateral: false }, LINK: { supplied: 100 } },
      reserveOverrides: { LINK: { liquidationThreshold: 0n, ltv: 0n } },
    })
    const a = computeAccountData(s)
    expect(a.totalCollateralBase).toBe(usd(3_000))
    expect(a.positions.map((p) => p.collateralBase)).toEqual([usd(3_000), 0n, 0n])
  })

  test('isolation mode is the flags: CRV as sole collateral, later supplies not collateral', () => {
    const a = computeAccountData(
      snapshotFixture({
        positions: { CRV: { supplied: 10_000 }, WETH: { supplied: 1, collateral: false }, DAI: { borrowed: 1_000 } },
      }),
    )
    expect(a.totalCollateralBase).toBe(usd(5_000))
    expect(a.currentLiquidationThreshold).toBe(4_100n)
    expect(a.healthFactor).toBe(2_050_000_000_000_000_000n)
  })

  test('e-mode: the category LT and LTV apply to its assets only', () => {
    const a = computeAccountData(
      snapshotFixture({
        eMode: 1,
        positions: { USDC: { supplied: 10_000 }, WETH: { supplied: 1 }, DAI: { borrowed: 9_000 } },
      }),
    )
    expect(a.positions.map((p) => [p.reserve.symbol, p.liquidationThreshold, p.ltv])).toEqual([
      ['WETH', 8_250n, 8_000n],
      ['USDC', 9_500n, 9_300n],
      ['DAI', 9_500n, 9_300n],
    ])
    // LT̄ = ⌊(3000e8·8250 + 10000e8·9500) / 13000e8⌋ = 9211
    expect(a.currentLiquidationThreshold).toBe(9_211n)
  })

  test('e-mode: a reserve at LTV 0 adds no borrowing power even in its category (chain-verified)', () => {
    const s = snapshotFixture({
      eMode: 1,
      positions: { USDC: { supplied: 10_000 }, USDT: { supplied: 10_000 }, DAI: { borrowed: 1_000 } },
      reserveOverrides: { USDT: { ltv: 0n } },
    })
    const a = computeAccountData(s)
    expect(a.hasZeroLtvCollateral).toBe(true)
    expect(a.ltv).toBe(4_650n) // (10000e8 · 9300 + 10000e8 · 0) / 20000e8
    expect(a.currentLiquidationThreshold).toBe(9_500n)
  })

  test('v3.0–v3.1 e-mode price source prices every asset of the category, collateral and debt', () => {
    const base = snapshotFixture({
      eMode: 1,
      prices: { DAI: '0.9', USDT: '1.1' },
      positions: { DAI: { supplied: 1_000 }, USDT: { borrowed: 500 } },
    })
    const s: PortfolioSnapshot = {
      ...base,
      eModes: base.eModes.map((e) => ({ ...e, priceBase: 100_000_000n })),
    }
    const a = computeAccountData(s)
    expect(a.totalCollateralBase).toBe(usd(1_000))
    expect(a.totalDebtBase).toBe(usd(500))
    // Outside e-mode the oracle's own prices apply.
    const out = computeAccountData({ ...s, user: { ...s.user, eModeCategoryId: 0 } })
    expect([out.totalCollateralBase, out.totalDebtBase]).toEqual([usd(900), usd(550)])
  })
})

describe('computeAccountData per revision (aave-v3-origin sources)', () => {
  test('v3.2+: e-mode membership is the collateral bitmap, not the reserve category; no price source', () => {
    const s = snapshotFixture({
      poolRevision: 5,
      eMode: 1,
      positions: { USDC: { supplied: 1_000 }, WETH: { supplied: 1 }, DAI: { borrowed: 100 } },
    })
    const usdc = reserveOf(s, 'USDC')
    const weth = reserveOf(s, 'WETH')
    // WETH in the bitmap, USDC out of it (its legacy category id says 1, which no longer matters).
    const bitmap = 1n << BigInt(weth.id)
    const withBitmap: PortfolioSnapshot = {
      ...s,
      eModes: s.eModes.map((e) => ({ ...e, collateralBitmap: bitmap, priceBase: 50_000_000n })),
    }
    const a = computeAccountData(withBitmap)
    expect(a.positions.map((p) => [p.reserve.symbol, p.liquidationThreshold])).toEqual([
      ['WETH', 9_500n],
      ['USDC', usdc.liquidationThreshold],
      ['DAI', reserveOf(s, 'DAI').liquidationThreshold],
    ])
    expect(a.totalCollateralBase).toBe(usd(4_000)) // oracle prices: the e-mode price source is gone
  })

  test('v3.4+: the variable-debt index compounds with the Taylor form', () => {
    const options = {
      blockTimestamp: 1_000 + YEAR,
      positions: { WETH: { supplied: 10 }, USDC: { borrowed: 10_000 } },
      reserveOverrides: { USDC: { lastUpdateTimestamp: 1_000, variableBorrowRate: 10n ** 26n } },
    }
    const v33 = computeAccountData(snapshotFixture({ ...options, poolRevision: 6 }))
    const v34 = computeAccountData(snapshotFixture({ ...options, poolRevision: 7 }))
    expect(v33.positions[1]?.borrowed).toBe(11_051_620_428n) // × 1.1051620428…
    expect(v34.positions[1]?.borrowed).toBe(11_051_666_667n) // × 1.1051666…67
  })

  test('v3.5+: collateral rounds down, debt rounds up, any debt is worth at least one base unit', () => {
    const options = {
      positions: { WETH: { supplied: 1n, borrowed: 1n } },
      reserveOverrides: { WETH: { liquidityIndex: (3n * RAY) / 2n, variableBorrowIndex: (7n * RAY) / 5n } },
    }
    // Scaled 1 wei each (the fixture scales by the index): aToken 1 × 1.5 → 2 (half up) or 1 (floor);
    // debt 1 × 1.4 → 1 (half up) or 2 (ceil).
    const s30 = snapshotFixture({ ...options, positions: { WETH: { supplied: 2n, borrowed: 2n } } })
    const scaled = { ...s30.user.reserves[0], scaledATokenBalance: 1n, scaledVariableDebt: 1n }
    const at = (poolRevision: number) =>
      computeAccountData({
        ...snapshotFixture({ ...options, poolRevision }),
        user: { ...s30.user, reserves: [scaled as PortfolioSnapshot['user']['reserves'][number]] },
      })
    expect(at(1).positions.map((p) => [p.supplied, p.borrowed])).toEqual([[2n, 1n]])
    expect(at(8).positions.map((p) => [p.supplied, p.borrowed])).toEqual([[1n, 2n]])
    // 2 wei of WETH at $3000 is worth 6e-7 base units: 0 up to v3.4 (no debt at all), 1 from v3.5.
    expect(at(1).totalDebtBase).toBe(0n)
    expect(at(1).healthFactor).toBe(MAX_UINT256)
    expect(at(8).totalDebtBase).toBe(1n)
    expect(at(8).healthFactor).toBe(0n)
  })

  test('v3.5+: HF divides Σ collateral·LT by the debt without truncating the average LT first', () => {
    const positions = { WETH: { supplied: 1 }, LINK: { supplied: 100 }, USDC: { borrowed: 3_000 } }
    const v34 = computeAccountData(snapshotFixture({ positions, poolRevision: 7 }))
    const v35 = computeAccountData(snapshotFixture({ positions, poolRevision: 8 }))
    expect(v34.healthFactor).toBe(1_164_900_000_000_000_000n) // via LT̄ = 7766
    expect(v35.healthFactor).toBe(1_165_000_000_000_000_000n) // 3.495e15 / 3000e8 / 1e4
    expect(v35.currentLiquidationThreshold).toBe(7_766n) // still reported truncated
  })

  test('v3.6+: the ltvZero bitmap zeroes an asset’s LTV inside the e-mode; the reserve’s own LTV no longer does', () => {
    const s = snapshotFixture({
      poolRevision: 9,
      eMode: 1,
      positions: { USDC: { supplied: 1_000 }, USDT: { supplied: 1_000 }, DAI: { borrowed: 100 } },
      reserveOverrides: { USDT: { ltv: 0n } },
    })
    const usdc = reserveOf(s, 'USDC')
    const a = computeAccountData({
      ...s,
      eModes: s.eModes.map((e) => ({ ...e, ltvZeroBitmap: 1n << BigInt(usdc.id) })),
    })
    expect(a.positions.map((p) => [p.reserve.symbol, p.ltv])).toEqual([
      ['USDC', 0n],
      ['DAI', 9_300n],
      ['USDT', 9_300n],
    ])
    expect(a.hasZeroLtvCollateral).toBe(true)
    expect(a.healthFactor).toBeGreaterThan(WAD)
  })
})

import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { computeAccountData } from './accountData'
import { type LiquidationCost, type LiquidationOutcome, liquidationCost } from './liquidationCost'
import { liquidationPrices } from './liquidationPrice'
import type { PortfolioSnapshot } from './snapshot'
import { accountArbitrary } from './testing/accountArbitrary'
import { fixtureAddress, snapshotFixture } from './testing/snapshotFixture'
import { WAD } from './wadRayMath'

const E18 = 10n ** 18n
const E6 = 10n ** 6n
const usd = (x: number) => BigInt(Math.round(x * 1e8))

const decimalsOf = (s: PortfolioSnapshot, asset: string) => s.reserves.find((r) => r.asset === asset)?.decimals ?? 0

function best(c: LiquidationCost): LiquidationOutcome {
  if (c.scenario === null) throw new Error(`no scenario: ${c.reason}`)
  if (!c.best) throw new Error('nothing to liquidate')
  return c.best
}

describe('cost of being liquidated (LiquidationLogic, v3.0)', () => {
  test('HF 0.943 < 0.95: the whole 14,000 USDC debt for 9.1875 WETH, 10 % of the 0.4375 WETH bonus to the treasury', () => {
    const s = snapshotFixture({
      positions: { WETH: { supplied: 10 }, USDC: { borrowed: 14_000 } },
      prices: { WETH: 1600 },
    })
    const c = liquidationCost(s)
    expect(c.scenario).toBe('now')
    const b = best(c)
    expect(b).toMatchObject({
      debtSymbol: 'USDC',
      collateralSymbol: 'WETH',
      closeFactor: 10_000n,
      debtRepaid: 14_000n * E6,
      collateralSeized: 914_375n * 10n ** 13n,
      protocolFee: 4_375n * 10n ** 13n,
      liquidationBonus: 10_500n,
      debtRepaidBase: usd(14_000),
      collateralLostBase: usd(14_700),
      userLossBase: usd(700),
      liquidatorProfitBase: usd(630),
    })
    expect(b.userLossUsd).toBeCloseTo(700, 10)
  })

  test('HF just under 1 (> 0.95): half the debt', () => {
    const s = snapshotFixture({
      positions: { WETH: { supplied: 10 }, USDC: { borrowed: 14_000 } },
      prices: { WETH: 1690 },
    })
    const b = best(liquidationCost(s))
    expect(b.closeFactor).toBe(5_000n)
    expect(b.debtRepaid).toBe(7_000n * E6)
    // ⌊7,000 / 1690 WETH⌋ plus the 5 % bonus.
    const base = (usd(1) * 7_000n * E6 * E18) / (usd(1690) * E6)
    expect(b.collateralSeized + b.protocolFee).toBe((base * 10_500n + 5_000n) / 10_000n)
  })

  test('a collateral smaller than the bonus-inflated debt is taken whole, and the debt repaid shrinks to match', () => {
    const s = snapshotFixture({
      positions: { WETH: { supplied: 1 }, USDC: { borrowed: 3_000 } },
      prices: { WETH: 1600 },
    })
    const b = best(liquidationCost(s))
    expect(b.collateralSeized + b.protocolFee).toBe(E18)
    // percentDiv(1,600 USDC, 105 %) = 1,523.809524 USDC (rounded half up).
    expect(b.debtRepaid).toBe((1_600n * E6 * 10_000n + 5_250n) / 10_500n)
  })

  test('e-mode: the category’s bonus applies to a collateral in the category', () => {
    const s = snapshotFixture({
      positions: { USDC: { supplied: 10_000 }, DAI: { borrowed: 9_600 } },
      eMode: 1,
      prices: { DAI: '1.0' },
    })
    expect(computeAccountData(s).healthFactor).toBeLessThan(WAD)
    expect(best(liquidationCost(s)).liquidationBonus).toBe(10_100n)
  })

  test('by default it prices the liquidation one factor step past the correlated liquidation point', () => {
    const s = snapshotFixture({
      positions: {
        WETH: { supplied: 10 },
        LINK: { supplied: 2_000 },
        USDC: { borrowed: 20_000 },
        DAI: { borrowed: 5_000 },
      },
    })
    const c = liquidationCost(s)
    if (c.scenario === null) throw new Error(c.reason)
    expect(c.scenario).toBe('correlated')
    expect(c.prices.map((p) => p.asset)).toEqual([fixtureAddress('WETH'), fixtureAddress('LINK')])
    expect(c.healthFactor).toBeLessThan(WAD)
    expect(c.healthFactor).toBeGreaterThan(WAD - 10n ** 12n)
    // Every (debt, collateral) pair, and the best is the one with the largest liquidator profit.
    expect(c.outcomes.length).toBe(4)
    for (const o of c.outcomes) expect(o.liquidatorProfitBase).toBeLessThanOrEqual(best(c).liquidatorProfitBase)
    expect(best(c).closeFactor).toBe(5_000n)
  })

  test('without a correlated point it uses the nearest single-asset liquidation price', () => {
    const s = snapshotFixture({ positions: { USDC: { supplied: 10_000 }, DAI: { borrowed: 7_500 } } })
    const c = liquidationCost(s)
    if (c.scenario === null) throw new Error(c.reason)
    expect(c.scenario).toBe('single-asset')
    expect(c.healthFactor).toBeLessThan(WAD)
    expect(liquidationCost(snapshotFixture({ positions: { WETH: { supplied: 1 } } }))).toEqual({
      scenario: null,
      reason: 'no-debt',
    })
  })

  test('random accounts: every outcome respects the close factor, the balance and the bonus', () => {
    fc.assert(
      fc.property(accountArbitrary, (s) => {
        const c = liquidationCost(s, { liquidationPrices: liquidationPrices(s) })
        if (c.scenario === null) return
        expect(c.healthFactor).toBeLessThan(WAD)
        for (const o of c.outcomes) {
          expect(o.debtRepaid).toBeLessThanOrEqual(o.maxLiquidatableDebt)
          expect(o.collateralSeized + o.protocolFee).toBeGreaterThan(0n)
          // The loss is (bonus − 1) of the debt repaid, up to the floors: a whole unit of the debt asset (percentDiv
          // of a floored amount when the collateral runs out) and of the collateral asset, in base currency. So the
          // user never gains more than those two ticks (a few satoshis of WBTC collateral can round in their favour).
          const expected = (Number(o.debtRepaidBase) * Number(o.liquidationBonus - 10_000n)) / 1e4
          const debtTick = (2 * Number(o.debtPriceBase)) / 10 ** Number(decimalsOf(s, o.debtAsset))
          const collTick = (2 * Number(o.collateralPriceBase)) / 10 ** Number(decimalsOf(s, o.collateralAsset))
          expect(Number(o.userLossBase)).toBeGreaterThanOrEqual(-(debtTick + collTick + 2))
          expect(Math.abs(Number(o.userLossBase) - expected)).toBeLessThanOrEqual(
            expected * 1e-9 + debtTick + collTick + 4,
          )
        }
      }),
      { numRuns: 200 },
    )
  })
})

describe('cost of being liquidated, v3.3 rules', () => {
  test('the dust rule: a liquidation that would leave under $1,000 of a debt is cut to leave exactly $1,000', () => {
    // Total debt 8,400: half is 4,200, which would leave 700 of the 4,900 USDC debt — under MIN_LEFTOVER_BASE.
    const s = snapshotFixture({
      positions: { WETH: { supplied: 10 }, USDC: { borrowed: 4_900 }, DAI: { borrowed: 3_500 } },
      prices: { WETH: 1_000 },
      poolRevision: 6,
    })
    const hf = computeAccountData(s).healthFactor
    expect(hf).toBeGreaterThan((95n * WAD) / 100n)
    expect(hf).toBeLessThan(WAD)
    const c = liquidationCost(s)
    if (c.scenario === null) throw new Error(c.reason)
    const usdc = c.outcomes.find((o) => o.debtSymbol === 'USDC')
    expect(usdc).toMatchObject({ closeFactor: 5_000n, maxLiquidatableDebt: 4_200n * E6, debtRepaid: 3_900n * E6 })
    // The DAI debt (3,500 ≤ half of 8,400) may go in full.
    expect(c.outcomes.find((o) => o.debtSymbol === 'DAI')).toMatchObject({
      closeFactor: 10_000n,
      debtRepaid: 3_500n * E18,
    })
  })

  test('a position under $2,000 may be liquidated in full above HF 0.95', () => {
    // 1 WETH against 1,600 USDC: liquidated when WETH falls to ~$1,939, a collateral under $2,000.
    const small = snapshotFixture({
      positions: { WETH: { supplied: 1 }, USDC: { borrowed: 1_600 } },
      prices: { WETH: 2_000 },
      poolRevision: 6,
    })
    const c = liquidationCost(small)
    if (c.scenario === null) throw new Error(c.reason)
    expect(c.healthFactor).toBeGreaterThan((95n * WAD) / 100n)
    expect(best(c)).toMatchObject({ closeFactor: 10_000n, debtRepaid: 1_600n * E6 })
    // The same account ten times larger gets the 50 % close factor, on the total-debt basis.
    const large = snapshotFixture({
      positions: { WETH: { supplied: 10 }, USDC: { borrowed: 16_000 } },
      prices: { WETH: 2_000 },
      poolRevision: 6,
    })
    expect(best(liquidationCost(large))).toMatchObject({ closeFactor: 5_000n, debtRepaid: 8_000n * E6 })
  })
})

import { describe, expect, test } from 'vitest'
import { type CloseFactorInput, leavesDust, liquidationRules, maxLiquidatableDebt } from './liquidationRules'
import { POOL_REVISION, revisionFromPool } from './revisionRules'
import { WAD } from './wadRayMath'

const usd = (x: number) => BigInt(x) * 10n ** 8n
const v30 = liquidationRules(revisionFromPool(1))
const v33 = liquidationRules(revisionFromPool(POOL_REVISION.v3_3))
const HF_095 = (95n * WAD) / 100n

/** A USDC debt (6 decimals, $1) of `debt` dollars in an account owing `total`, against `collateral` dollars. */
const input = (hf: bigint, debt: number, total: number, collateral: number): CloseFactorInput => ({
  healthFactor: hf,
  reserveDebt: BigInt(debt) * 10n ** 6n,
  reserveDebtBase: usd(debt),
  debtPrice: usd(1),
  debtUnit: 10n ** 6n,
  reserveCollateralBase: usd(collateral),
  totalDebtBase: usd(total),
})

describe('close factor v3.0–v3.2 (LiquidationLogic._calculateDebt)', () => {
  test('50 % of the reserve debt above HF 0.95, 100 % at or below it', () => {
    expect(maxLiquidatableDebt(v30, input(HF_095 + 1n, 8_000, 10_000, 20_000))).toEqual({
      maxDebt: 4_000n * 10n ** 6n,
      closeFactor: 5_000n,
    })
    expect(maxLiquidatableDebt(v30, input(HF_095, 8_000, 10_000, 20_000))).toEqual({
      maxDebt: 8_000n * 10n ** 6n,
      closeFactor: 10_000n,
    })
  })

  test('positions of any size get the same close factor and there is no dust rule', () => {
    expect(maxLiquidatableDebt(v30, input(HF_095 + 1n, 100, 100, 150)).closeFactor).toBe(5_000n)
    expect(v30.minLeftoverBase).toBeNull()
    expect(
      leavesDust(v30, {
        reserveDebt: 100n,
        debtRepaid: 99n,
        debtPrice: 1n,
        debtUnit: 1n,
        collateralBalance: 100n,
        collateralRemoved: 99n,
        collateralPrice: 1n,
        collateralUnit: 1n,
      }),
    ).toBe(false)
  })

  test('the e-mode price source exists up to v3.1 and is gone from v3.2', () => {
    expect(liquidationRules(revisionFromPool(POOL_REVISION.v3_1)).eModePriceSource).toBe(true)
    expect(liquidationRules(revisionFromPool(POOL_REVISION.v3_2)).eModePriceSource).toBe(false)
    expect(liquidationRules(revisionFromPool(POOL_REVISION.v3_2)).minBaseMaxCloseFactorThreshold).toBeNull()
  })
})

describe('close factor v3.3+ (total-debt basis, $2,000 small positions, $1,000 dust)', () => {
  test('above HF 0.95 with both positions ≥ $2,000, at most half the total debt, converted to the debt asset', () => {
    expect(maxLiquidatableDebt(v33, input(HF_095 + 1n, 8_000, 10_000, 20_000))).toEqual({
      maxDebt: 5_000n * 10n ** 6n,
      closeFactor: 5_000n,
    })
  })

  test('a reserve debt at or under half the total debt may go in full', () => {
    expect(maxLiquidatableDebt(v33, input(HF_095 + 1n, 5_000, 10_000, 20_000))).toEqual({
      maxDebt: 5_000n * 10n ** 6n,
      closeFactor: 10_000n,
    })
  })

  test('a collateral or debt position under $2,000, or HF ≤ 0.95, lifts the close factor to 100 %', () => {
    expect(maxLiquidatableDebt(v33, input(HF_095 + 1n, 8_000, 10_000, 1_999)).closeFactor).toBe(10_000n)
    expect(maxLiquidatableDebt(v33, input(HF_095 + 1n, 1_999, 2_500, 20_000)).closeFactor).toBe(10_000n)
    expect(maxLiquidatableDebt(v33, input(HF_095, 8_000, 10_000, 20_000)).closeFactor).toBe(10_000n)
  })

  test('a partial liquidation must leave $1,000 of debt and of collateral, or clear one of them', () => {
    const base = {
      reserveDebt: 5_000n * 10n ** 6n,
      debtPrice: usd(1),
      debtUnit: 10n ** 6n,
      collateralBalance: 10n ** 18n * 10n,
      collateralPrice: usd(1_000),
      collateralUnit: 10n ** 18n,
    }
    const at = (debtRepaid: bigint, collateralRemoved: bigint) =>
      leavesDust(v33, { ...base, debtRepaid, collateralRemoved })
    expect(at(4_000n * 10n ** 6n, 10n ** 18n)).toBe(false)
    expect(at(4_000n * 10n ** 6n + 1n, 10n ** 18n)).toBe(true)
    // $1,000 of collateral left is enough; a wei less is not.
    expect(at(10n ** 6n, 9n * 10n ** 18n)).toBe(false)
    expect(at(10n ** 6n, 9n * 10n ** 18n + 1n)).toBe(true)
    // Clearing the debt or the collateral is always allowed.
    expect(at(5_000n * 10n ** 6n, 9n * 10n ** 18n + 1n)).toBe(false)
    expect(at(4_500n * 10n ** 6n, 10n * 10n ** 18n)).toBe(false)
  })
})

describe('liquidation rounding', () => {
  test('half-up up to v3.6; v3.7 floors the bonus and the base and rounds the protocol fee up', () => {
    const v36 = liquidationRules(revisionFromPool(POOL_REVISION.v3_6))
    const v37 = liquidationRules(revisionFromPool(POOL_REVISION.v3_7))
    // 10 × 1.05 = 10.5; 22 / 1.05 = 20.95; 1 × 10 % = 0.1.
    expect([v36.withBonus(10n, 10_500n), v37.withBonus(10n, 10_500n)]).toEqual([11n, 10n])
    expect([v36.withoutBonus(22n, 10_500n), v37.withoutBonus(22n, 10_500n)]).toEqual([21n, 20n])
    expect([v36.protocolFee(1n, 1_000n), v37.protocolFee(1n, 1_000n)]).toEqual([0n, 1n])
    expect(v30.withBonus(10n, 10_500n)).toBe(11n)
  })
})

import { POOL_REVISION } from './revisionRules'
import type { AaveRevision } from './snapshot'
import { PERCENTAGE_FACTOR, percentDiv, percentMul } from './wadRayMath'

/**
 * How much of a debt a liquidator may repay in one liquidationCall, by protocol revision — the one
 * place that knows (like revisionRules.ts for account data).
 *
 * v3.0–v3.2 (LiquidationLogic._calculateDebt): close factor 50 % of the user's debt in the debt
 * reserve, 100 % once HF ≤ 0.95 (CLOSE_FACTOR_HF_THRESHOLD).
 * v3.3+ (aave-v3-origin LiquidationLogic.executeLiquidationCall): the whole reserve debt may go,
 * except when HF > 0.95 and both the collateral and the debt reserve positions are worth at least
 * MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD ($2,000): then at most 50 % of the user's *total* debt (in
 * base currency, converted back to the debt asset). A partial liquidation must leave at least
 * MIN_LEFTOVER_BASE ($1,000) of both the debt and the collateral position, or clear one of them
 * (MUST_NOT_LEAVE_DUST).
 */
export type LiquidationRules = {
  version: AaveRevision['version']
  /** CLOSE_FACTOR_HF_THRESHOLD (WAD): at or below it the whole debt may be repaid. */
  closeFactorHfThreshold: bigint
  /** DEFAULT_LIQUIDATION_CLOSE_FACTOR and the full close factor (bps). */
  defaultCloseFactor: bigint
  maxCloseFactor: bigint
  /** v3.3+: MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD (base currency; a literal 2000e8 on chain); null before. */
  minBaseMaxCloseFactorThreshold: bigint | null
  /** v3.3+: MIN_LEFTOVER_BASE (1000e8); null before. */
  minLeftoverBase: bigint | null
  /**
   * v3.0–v3.1 (_getConfigurationData): the user's e-mode price source prices the collateral when it
   * is in the category, and the debt whenever the user is in e-mode. Removed in v3.2.
   */
  eModePriceSource: boolean
  /**
   * _calculateAvailableCollateralToLiquidate's three roundings: the bonus on the base collateral,
   * the base taken back out of the collateral (to find the bonus part) and the protocol fee on it.
   * Half-up (percentMul / percentDiv / percentMul) up to v3.6; v3.7 (docs/3.7/liquidation-rounding.md)
   * floors the first two and rounds the fee up, so the liquidator absorbs every rounding.
   */
  withBonus: (baseCollateral: bigint, bonus: bigint) => bigint
  withoutBonus: (collateral: bigint, bonus: bigint) => bigint
  protocolFee: (bonusCollateral: bigint, feeBps: bigint) => bigint
}

const HF_THRESHOLD = 95n * 10n ** 16n
// The contract's constant is a literal 2000e8: it assumes a USD base with 8 decimals (as every Aave V3 market has).
const MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD = 2_000n * 10n ** 8n

const percentMulFloor = (value: bigint, bps: bigint) => (value * bps) / PERCENTAGE_FACTOR
const percentMulCeil = (value: bigint, bps: bigint) => (value * bps + PERCENTAGE_FACTOR - 1n) / PERCENTAGE_FACTOR
const percentDivFloor = (value: bigint, bps: bigint) => (value * PERCENTAGE_FACTOR) / bps

export function liquidationRules(revision: AaveRevision): LiquidationRules {
  const v33 = revision.version === '3.3'
  const v37 = revision.poolRevision >= POOL_REVISION.v3_7
  return {
    version: revision.version,
    closeFactorHfThreshold: HF_THRESHOLD,
    defaultCloseFactor: 5_000n,
    maxCloseFactor: 10_000n,
    minBaseMaxCloseFactorThreshold: v33 ? MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD : null,
    minLeftoverBase: v33 ? MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD / 2n : null,
    eModePriceSource: revision.version === '3.0' || revision.version === '3.1',
    withBonus: v37 ? percentMulFloor : percentMul,
    withoutBonus: v37 ? percentDivFloor : percentDiv,
    protocolFee: v37 ? percentMulCeil : percentMul,
  }
}

export type CloseFactorInput = {
  healthFactor: bigint
  /** The user's debt in the debt reserve (underlying units) and what it is worth (base). */
  reserveDebt: bigint
  reserveDebtBase: bigint
  debtPrice: bigint
  debtUnit: bigint
  /** The user's whole aToken balance of the collateral reserve, in base (v3.3's small-position test). */
  reserveCollateralBase: bigint
  /** The account's total debt in base (v3.3's total-debt basis). */
  totalDebtBase: bigint
}

/**
 * The most debt one liquidationCall may repay, and the close factor behind it (bps).
 * v3.0–v3.2: percentMul(reserveDebt, HF > 0.95 ? 50 % : 100 %).
 * v3.3+: reserveDebt, or ⌊percentMul(totalDebtBase, 50 %) · unit / price⌋ when HF > 0.95, both
 * positions are ≥ $2,000 and the reserve debt exceeds half the total.
 */
export function maxLiquidatableDebt(
  rules: LiquidationRules,
  input: CloseFactorInput,
): { maxDebt: bigint; closeFactor: bigint } {
  const above = input.healthFactor > rules.closeFactorHfThreshold
  if (rules.minBaseMaxCloseFactorThreshold === null) {
    const closeFactor = above ? rules.defaultCloseFactor : rules.maxCloseFactor
    return { maxDebt: percentMul(input.reserveDebt, closeFactor), closeFactor }
  }
  const small =
    input.reserveCollateralBase < rules.minBaseMaxCloseFactorThreshold ||
    input.reserveDebtBase < rules.minBaseMaxCloseFactorThreshold
  if (above && !small) {
    const halfTotal = percentMul(input.totalDebtBase, rules.defaultCloseFactor)
    if (input.reserveDebtBase > halfTotal)
      return { maxDebt: (halfTotal * input.debtUnit) / input.debtPrice, closeFactor: rules.defaultCloseFactor }
  }
  return { maxDebt: input.reserveDebt, closeFactor: rules.maxCloseFactor }
}

export type DustInput = {
  reserveDebt: bigint
  debtRepaid: bigint
  debtPrice: bigint
  debtUnit: bigint
  collateralBalance: bigint
  /** Collateral leaving the user: to the liquidator plus the protocol fee. */
  collateralRemoved: bigint
  collateralPrice: bigint
  collateralUnit: bigint
}

/**
 * v3.3+ MUST_NOT_LEAVE_DUST: a liquidation that clears neither the debt nor the collateral position
 * must leave at least MIN_LEFTOVER_BASE of each. Always false before v3.3.
 */
export function leavesDust(rules: LiquidationRules, x: DustInput): boolean {
  if (rules.minLeftoverBase === null) return false
  if (x.debtRepaid >= x.reserveDebt || x.collateralRemoved >= x.collateralBalance) return false
  const debtLeft = ((x.reserveDebt - x.debtRepaid) * x.debtPrice) / x.debtUnit
  const collateralLeft = ((x.collateralBalance - x.collateralRemoved) * x.collateralPrice) / x.collateralUnit
  return debtLeft < rules.minLeftoverBase || collateralLeft < rules.minLeftoverBase
}

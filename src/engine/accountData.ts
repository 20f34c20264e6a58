import { type Position, userPositions } from './positions'
import { eModeTerms } from './revisionRules'
import type { Hex, PortfolioSnapshot } from './snapshot'
import { MAX_UINT256, percentMul, wadDiv } from './wadRayMath'

/** What Pool.getUserAccountData returns, plus the per-position values behind it. */
export type AccountData = {
  totalCollateralBase: bigint
  totalDebtBase: bigint
  availableBorrowsBase: bigint
  /** Weighted average liquidation threshold and LTV, basis points (truncated as on chain). */
  currentLiquidationThreshold: bigint
  ltv: bigint
  /** WAD; MAX_UINT256 without debt. */
  healthFactor: bigint
  hasZeroLtvCollateral: boolean
  positions: PositionValue[]
}

export type PositionValue = Position & {
  /** The price GenericLogic used (an e-mode price source may replace the oracle's in v3.0–v3.1). */
  priceBase: bigint
  /** floor(supplied × price / 10^decimals) when it counts as collateral, else 0. */
  collateralBase: bigint
  /** floor(borrowed × price / 10^decimals). */
  debtBase: bigint
  /** The LT and LTV that apply to this collateral (e-mode's where the user is in the asset's category). */
  liquidationThreshold: bigint
  ltv: bigint
}

/** Prices to use instead of the snapshot's (what-if, liquidation prices, stress), by asset. */
export type PriceOverrides = ReadonlyMap<Hex, bigint>

/**
 * Aave V3's GenericLogic.calculateUserAccountData (and calculateAvailableBorrows), in bigint
 * with the chain's rounding: collateral_i = ⌊balance_i · p_i / 10^d_i⌋ where it counts,
 * debt_j = ⌊debt_j · p_j / 10^d_j⌋, LT̄ = ⌊Σ collateral_i · LT_i / Σ collateral_i⌋,
 * HF = percentMul(Σ collateral, LT̄) wadDiv Σ debt (MAX_UINT256 without debt).
 * Equals Pool.getUserAccountData on the snapshot's block to the wei.
 */
export function computeAccountData(snapshot: PortfolioSnapshot, prices?: PriceOverrides): AccountData {
  return accountDataOf(snapshot, userPositions(snapshot), prices)
}

/** As computeAccountData, on positions already derived (the hot path of liquidation prices and stress). */
export function accountDataOf(
  snapshot: PortfolioSnapshot,
  positions: Position[],
  prices?: PriceOverrides,
): AccountData {
  const terms = eModeTerms(snapshot)
  let totalCollateral = 0n
  let totalDebt = 0n
  let weightedLtv = 0n
  let weightedLt = 0n
  let hasZeroLtvCollateral = false
  const values: PositionValue[] = []
  for (const p of positions) {
    const t = terms(p.reserve)
    const priceBase = prices?.get(p.reserve.asset) ?? t.priceBase ?? p.reserve.priceBase
    const unit = 10n ** BigInt(p.reserve.decimals)
    let collateralBase = 0n
    if (p.countsAsCollateral) {
      collateralBase = (p.supplied * priceBase) / unit
      totalCollateral += collateralBase
      if (t.ltv !== 0n) weightedLtv += collateralBase * t.ltv
      else hasZeroLtvCollateral = true
      weightedLt += collateralBase * t.liquidationThreshold
    }
    const debtBase = p.borrowed === 0n ? 0n : (p.borrowed * priceBase) / unit
    totalDebt += debtBase
    values.push({ ...p, priceBase, collateralBase, debtBase, liquidationThreshold: t.liquidationThreshold, ltv: t.ltv })
  }
  const ltv = totalCollateral === 0n ? 0n : weightedLtv / totalCollateral
  const currentLiquidationThreshold = totalCollateral === 0n ? 0n : weightedLt / totalCollateral
  const healthFactor =
    totalDebt === 0n ? MAX_UINT256 : wadDiv(percentMul(totalCollateral, currentLiquidationThreshold), totalDebt)
  const borrowable = percentMul(totalCollateral, ltv)
  return {
    totalCollateralBase: totalCollateral,
    totalDebtBase: totalDebt,
    availableBorrowsBase: borrowable > totalDebt ? borrowable - totalDebt : 0n,
    currentLiquidationThreshold,
    ltv,
    healthFactor,
    hasZeroLtvCollateral,
    positions: values,
  }
}

import { type Position, userPositions } from './positions'
import { accountMathRules, eModeTerms } from './revisionRules'
import type { Hex, PortfolioSnapshot } from './snapshot'

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

/**
 * Prices to use instead of the snapshot's (what-if, liquidation prices, stress), by asset. An
 * override replaces the price GenericLogic would use for the asset, an e-mode source price included
 * (on chain, moving the asset's own feed does not move an e-mode-source-priced asset).
 */
export type PriceOverrides = ReadonlyMap<Hex, bigint>

/**
 * Aave V3's GenericLogic.calculateUserAccountData (and calculateAvailableBorrows), in bigint
 * with the chain's rounding: collateral_i = ⌊balance_i · p_i / 10^d_i⌋ where it counts,
 * debt_j = ⌊debt_j · p_j / 10^d_j⌋ (⌈⌉ from v3.5), LT̄ = ⌊Σ collateral_i · LT_i / Σ collateral_i⌋,
 * HF = percentMul(Σ collateral, LT̄) wadDiv Σ debt up to v3.4, wadDiv(Σ collateral_i · LT_i, Σ debt) / 10⁴
 * from v3.5 (MAX_UINT256 without debt); LTV̄ the same average over collaterals whose LTV counts.
 * Equals Pool.getUserAccountData on the snapshot's block to the wei (proven on the devnet, v3.0.2).
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
  const rules = accountMathRules(snapshot.revision)
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
      collateralBase = rules.collateralValue(p.supplied, priceBase, unit)
      totalCollateral += collateralBase
      // GenericLogic: a collateral whose LTV is 0 for this user adds no borrowing power. Up to v3.5
      // the reserve's own LTV 0 wins over the e-mode LTV (eModeTerms folds that rule into t.ltv).
      if (t.ltv !== 0n) weightedLtv += collateralBase * t.ltv
      else hasZeroLtvCollateral = true
      weightedLt += collateralBase * t.liquidationThreshold
    }
    const debtBase = p.borrowed === 0n ? 0n : rules.debtValue(p.borrowed, priceBase, unit)
    totalDebt += debtBase
    // Fields listed, not spread: `{ ...p, … }` takes V8's slow path and cost ~10× this loop (bench).
    values.push({
      reserve: p.reserve,
      user: p.user,
      supplied: p.supplied,
      borrowed: p.borrowed,
      countsAsCollateral: p.countsAsCollateral,
      priceBase,
      collateralBase,
      debtBase,
      liquidationThreshold: t.liquidationThreshold,
      ltv: t.ltv,
    })
  }
  const ltv = totalCollateral === 0n ? 0n : weightedLtv / totalCollateral
  const currentLiquidationThreshold = totalCollateral === 0n ? 0n : weightedLt / totalCollateral
  const healthFactor = rules.healthFactor(totalCollateral, weightedLt, totalDebt)
  return {
    totalCollateralBase: totalCollateral,
    totalDebtBase: totalDebt,
    availableBorrowsBase: rules.availableBorrows(totalCollateral, totalDebt, ltv),
    currentLiquidationThreshold,
    ltv,
    healthFactor,
    hasZeroLtvCollateral,
    positions: values,
  }
}

import { type Position, userPositions } from './positions'
import {
  type AccountMathRules,
  accountMathRules,
  type CollateralTerms,
  collateralTerms,
  eModeContext,
} from './revisionRules'
import type { Hex, PortfolioSnapshot } from './snapshot'
import { tokenUnit } from './wadRayMath'

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

/**
 * Per-position values of one price variant, kept across calls of one search (proposalInputs):
 * userPositions' memo hands back the same Position object for an untouched position, so its
 * value and weights are reused. Valid for one e-mode context and one `prices` map; a call with
 * another context or map computes without it.
 */
export type AccountValueMemo = {
  context?: { revision: object; eModes: object; category: number; prices: PriceOverrides | undefined }
  values: Map<Position, ValueEntry>
}
type ValueEntry = { value: PositionValue; weightedLtv: bigint; weightedLt: bigint }

export const accountValueMemo = (): AccountValueMemo => ({ values: new Map() })

/** As computeAccountData, on positions already derived (the hot path of liquidation prices and stress). */
export function accountDataOf(
  snapshot: PortfolioSnapshot,
  positions: Position[],
  prices?: PriceOverrides,
  memo?: AccountValueMemo,
): AccountData {
  const terms = eModeContext(snapshot)
  const rules = accountMathRules(snapshot.revision)
  const values$ = memo && memoFor(memo, snapshot, prices)
  let totalCollateral = 0n
  let totalDebt = 0n
  let weightedLtv = 0n
  let weightedLt = 0n
  let hasZeroLtvCollateral = false
  const values: PositionValue[] = []
  for (const p of positions) {
    let e = values$?.get(p)
    if (e === undefined) {
      e = positionValue(p, collateralTerms(terms, p.reserve), rules, prices)
      values$?.set(p, e)
    }
    const v = e.value
    // Zeros skipped: every bigint sum allocates, and each position is either collateral or debt.
    if (v.collateralBase !== 0n) {
      totalCollateral += v.collateralBase
      weightedLtv += e.weightedLtv
      weightedLt += e.weightedLt
    }
    if (v.debtBase !== 0n) totalDebt += v.debtBase
    // GenericLogic: a collateral whose LTV is 0 for this user adds no borrowing power. Up to v3.5
    // the reserve's own LTV 0 wins over the e-mode LTV (eModeTerms folds that rule into t.ltv).
    if (p.countsAsCollateral && v.ltv === 0n) hasZeroLtvCollateral = true
    values.push(v)
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

function memoFor(memo: AccountValueMemo, snapshot: PortfolioSnapshot, prices: PriceOverrides | undefined) {
  const c = memo.context
  const { revision, eModes } = snapshot
  const category = snapshot.user.eModeCategoryId
  if (c === undefined) memo.context = { revision, eModes, category, prices }
  else if (c.revision !== revision || c.eModes !== eModes || c.category !== category || c.prices !== prices)
    return undefined
  return memo.values
}

/** One position valued as GenericLogic does: its collateral and debt in base currency, and its weights. */
function positionValue(
  p: Position,
  t: CollateralTerms,
  rules: AccountMathRules,
  prices: PriceOverrides | undefined,
): ValueEntry {
  const priceBase = prices?.get(p.reserve.asset) ?? t.priceBase ?? p.reserve.priceBase
  const unit = tokenUnit(p.reserve.decimals)
  let collateralBase = 0n
  let weightedLtv = 0n
  let weightedLt = 0n
  if (p.countsAsCollateral) {
    collateralBase = rules.collateralValue(p.supplied, priceBase, unit)
    if (t.ltv !== 0n) weightedLtv = collateralBase * t.ltv
    weightedLt = collateralBase * t.liquidationThreshold
  }
  const debtBase = p.borrowed === 0n ? 0n : rules.debtValue(p.borrowed, priceBase, unit)
  // Fields listed, not spread: `{ ...p, … }` takes V8's slow path and cost ~10× this loop (bench).
  const value: PositionValue = {
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
  }
  return { value, weightedLtv, weightedLt }
}

import { type AssetClassOverrides, isVolatile } from './assetClass'
import { type Position, userPositions } from './positions'
import { type AccountMathRules, accountMathRules, eModeTerms, POOL_REVISION } from './revisionRules'
import type { Hex, PortfolioSnapshot } from './snapshot'
import { tokenUnit } from './wadRayMath'

/**
 * The health factor taken apart into per-position terms, so that HF at other prices is a few
 * bigint operations instead of a pass over the snapshot. Liquidation prices, the correlated move,
 * stress and liquidation costs all start from these, built once per evaluation.
 *
 * Exactness: values and HF go through the revision's own arithmetic (revisionRules.accountMathRules:
 * floored values and a truncated average LT up to v3.4, debt rounded up and no truncation from
 * v3.5), term by term as GenericLogic.calculateUserAccountData (accountDataOf) does, so HF at any
 * price vector equals the chain's (tested against accountDataOf with price overrides).
 */
export type HealthFactorTerms = {
  snapshot: PortfolioSnapshot
  /** The revision's GenericLogic arithmetic (values in base currency, HF from totals). */
  math: AccountMathRules
  /**
   * Up to v3.4 GenericLogic truncates the weighted-average LT to whole basis points before HF
   * (HF steps by ~1/LT̄ when it moves); from v3.5 HF = wadDiv(Σ c·LT, D) / 10⁴.
   */
  averageLtTruncated: boolean
  positions: Position[]
  /** Per position, in positions (reserve-id) order. */
  assets: Hex[]
  symbols: string[]
  /** Supplied amount where it counts as collateral, else 0 (underlying units). */
  collateralAmount: bigint[]
  /** Variable + stable debt (underlying units). */
  debtAmount: bigint[]
  /** 10^decimals. */
  unit: bigint[]
  /** The LT that applies to this user (e-mode's where the asset is in the user's category), bps. */
  liquidationThreshold: bigint[]
  /** The price GenericLogic uses for this position (base currency). */
  price: bigint[]
  /**
   * false where a v3.0–v3.1 e-mode price source prices the asset: moving the asset's own oracle
   * feed does not move its value in the health factor.
   */
  followsOracle: boolean[]
  volatile: boolean[]
  collateralBase: bigint[]
  debtBase: bigint[]
  totalCollateral: bigint
  /** Σ collateral_i · LT_i (the numerator of GenericLogic's average LT). */
  weightedLt: bigint
  totalDebt: bigint
  healthFactor: bigint
}

/** Builds the terms from the snapshot (positions accrued to its block time unless given). */
export function healthFactorTerms(
  snapshot: PortfolioSnapshot,
  positions: Position[] = userPositions(snapshot),
  classes?: AssetClassOverrides,
): HealthFactorTerms {
  const terms = eModeTerms(snapshot)
  const math = accountMathRules(snapshot.revision)
  const t: HealthFactorTerms = {
    snapshot,
    math,
    averageLtTruncated: snapshot.revision.poolRevision < POOL_REVISION.v3_5,
    positions,
    assets: [],
    symbols: [],
    collateralAmount: [],
    debtAmount: [],
    unit: [],
    liquidationThreshold: [],
    price: [],
    followsOracle: [],
    volatile: [],
    collateralBase: [],
    debtBase: [],
    totalCollateral: 0n,
    weightedLt: 0n,
    totalDebt: 0n,
    healthFactor: 0n,
  }
  // The same walk as accountDataOf (GenericLogic), without the LTV side: this runs on every evaluation.
  for (const p of positions) {
    const e = terms(p.reserve)
    const price = e.priceBase ?? p.reserve.priceBase
    const unit = tokenUnit(p.reserve.decimals)
    const collateralAmount = p.countsAsCollateral ? p.supplied : 0n
    const collateralBase = collateralValue(t, collateralAmount, price, unit)
    const debtBase = debtValue(t, p.borrowed, price, unit)
    t.assets.push(p.reserve.asset)
    t.symbols.push(p.reserve.symbol)
    t.collateralAmount.push(collateralAmount)
    t.debtAmount.push(p.borrowed)
    t.unit.push(unit)
    t.liquidationThreshold.push(e.liquidationThreshold)
    t.price.push(price)
    t.followsOracle.push(e.priceBase === undefined)
    t.volatile.push(isVolatile(snapshot, p.reserve, classes))
    t.collateralBase.push(collateralBase)
    t.debtBase.push(debtBase)
    t.totalCollateral += collateralBase
    t.weightedLt += collateralBase * e.liquidationThreshold
    t.totalDebt += debtBase
  }
  t.healthFactor = math.healthFactor(t.totalCollateral, t.weightedLt, t.totalDebt)
  return t
}

/** A counted collateral balance in base currency, as GenericLogic values it (0 for a zero balance). */
export const collateralValue = (t: HealthFactorTerms, amount: bigint, price: bigint, unit: bigint) =>
  amount === 0n ? 0n : t.math.collateralValue(amount, price, unit)

/** A debt in base currency, as GenericLogic values it (0 for no debt; rounded up from v3.5). */
export const debtValue = (t: HealthFactorTerms, amount: bigint, price: bigint, unit: bigint) =>
  amount === 0n ? 0n : t.math.debtValue(amount, price, unit)

/** Totals and exact HF with every position priced by `priceOf(i)` (the terms' own price where it returns undefined). */
export function totalsAt(t: HealthFactorTerms, priceOf: (i: number) => bigint | undefined) {
  let collateral = 0n
  let weightedLt = 0n
  let debt = 0n
  for (let i = 0; i < t.assets.length; i++) {
    const price = priceOf(i) ?? (t.price[i] as bigint)
    const unit = t.unit[i] as bigint
    const c = collateralValue(t, t.collateralAmount[i] as bigint, price, unit)
    collateral += c
    weightedLt += c * (t.liquidationThreshold[i] as bigint)
    debt += debtValue(t, t.debtAmount[i] as bigint, price, unit)
  }
  return { collateral, weightedLt, debt, healthFactor: t.math.healthFactor(collateral, weightedLt, debt) }
}

/** Exact HF with every position priced by `priceOf(i)` (see totalsAt). */
export const healthFactorAt = (t: HealthFactorTerms, priceOf: (i: number) => bigint | undefined) =>
  totalsAt(t, priceOf).healthFactor

/**
 * One price step for position i (issue 4): one oracle unit, or, for holdings under one whole token,
 * ⌈unit / holding⌉ — the smallest change that moves ⌊holding · price / unit⌋ by at least one base
 * unit whatever the price. The holding is the larger of the counted supply and the debt.
 */
export function priceStep(t: HealthFactorTerms, i: number): bigint {
  let holding = t.collateralAmount[i] as bigint
  const debt = t.debtAmount[i] as bigint
  if (debt > holding) holding = debt
  const unit = t.unit[i] as bigint
  if (holding === 0n || holding >= unit) return 1n
  return (unit + holding - 1n) / holding
}

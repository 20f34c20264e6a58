import type { AaveRevision, EModeCategory, PortfolioSnapshot, ReserveSnapshot } from './snapshot'
import {
  compoundedInterest,
  compoundedInterestV34,
  MAX_UINT256,
  mulDivCeil,
  PERCENTAGE_FACTOR,
  percentMul,
  percentMulFloor,
  rayMul,
  rayMulCeil,
  rayMulFloor,
  wadDiv,
} from './wadRayMath'

/**
 * Everything that differs between Aave V3 revisions lives here, so the rest of the engine
 * asks one question ("which terms apply?") instead of branching on versions.
 *
 * Sources (read, not copied): @aave/core-v3 1.19.3 (v3.0.2, verified on the devnet to the wei);
 * aave-dao/aave-v3-origin docs/3.2, 3.4, 3.5, 3.6 feature notes and its latest GenericLogic.sol,
 * MathUtils.sol, TokenMath.sol.
 */

/**
 * Pool.POOL_REVISION() of each release's pool implementation (aave-v3-origin PoolInstance):
 * 1–3 are v3.0.x (markets upgraded 3.0.0 → 3.0.1 → 3.0.2 count up), 4 is v3.1, 5 v3.2, 6 v3.3,
 * 7 v3.4 (docs/3.4: "POOL_REVISION from 6 to 7"), 8 v3.5, 9 v3.6, 10 v3.7.
 */
export const POOL_REVISION = { v3_1: 4, v3_2: 5, v3_3: 6, v3_4: 7, v3_5: 8, v3_6: 9, v3_7: 10 } as const

/**
 * Pool.POOL_REVISION() → the rule family. `version` '3.3' means "3.3 or later" (the liquidation
 * rules of 3.3 still hold); account-math changes of 3.4+ are keyed on `poolRevision` below.
 */
export function revisionFromPool(poolRevision: number): AaveRevision {
  const version =
    poolRevision >= POOL_REVISION.v3_3
      ? '3.3'
      : poolRevision >= POOL_REVISION.v3_2
        ? '3.2'
        : poolRevision >= POOL_REVISION.v3_1
          ? '3.1'
          : '3.0'
  return { poolRevision, version }
}

export type CollateralTerms = {
  /**
   * The LTV this collateral adds to the average (0: it adds no borrowing power and the account
   * "has zero-LTV collateral"). Up to v3.5 the reserve's own LTV 0 wins over the e-mode LTV.
   */
  ltv: bigint
  liquidationThreshold: bigint
  liquidationBonus: bigint
  /** v3.0–v3.1: the e-mode price source's price, when the user's category has one and holds the asset. */
  priceBase?: bigint
  /** Whether a supply with the user's collateral flag on counts as collateral at all (its LT ≠ 0). */
  counts: boolean
}

const bit = (bitmap: bigint | undefined, id: number) => (((bitmap ?? 0n) >> BigInt(id)) & 1n) === 1n

/**
 * The LTV, LT, bonus (and, in v3.0–v3.1, the e-mode price) that apply to a reserve for this user.
 * v3.0–v3.1 (EModeLogic.isInEModeCategory): the user's category equals the asset's single category.
 * v3.2+: the reserve's bit is set in the category's collateral bitmap.
 * v3.6+ (ValidationLogic.getUserReserveLtv): e-mode and reserve configuration are decoupled; an
 * asset in the category's ltvZero bitmap has LTV 0 there; v3.7 isolated categories give every
 * other collateral LTV 0.
 */
export function eModeTerms(snapshot: PortfolioSnapshot): (reserve: ReserveSnapshot) => CollateralTerms {
  const context = eModeContext(snapshot)
  return (reserve) => collateralTerms(context, reserve)
}

/** What eModeTerms depends on, resolved once per snapshot (a plain object: hot paths avoid closures). */
export type EModeContext = {
  userCategory: number
  category: EModeCategory | undefined
  legacy: boolean
  decoupled: boolean
}

export function eModeContext(snapshot: PortfolioSnapshot): EModeContext {
  const { poolRevision, version } = snapshot.revision
  const userCategory = snapshot.user.eModeCategoryId
  let category: EModeCategory | undefined
  if (userCategory !== 0) for (const e of snapshot.eModes) if (e.id === userCategory) category ??= e
  return {
    userCategory,
    category,
    legacy: version === '3.0' || version === '3.1',
    decoupled: poolRevision >= POOL_REVISION.v3_6,
  }
}

/** eModeTerms for one reserve, from the snapshot's EModeContext. */
export function collateralTerms(context: EModeContext, reserve: ReserveSnapshot): CollateralTerms {
  const { userCategory, category, legacy, decoupled } = context
  const inCategory =
    category !== undefined &&
    (legacy ? reserve.eModeCategoryId === userCategory : bit(category.collateralBitmap, reserve.id))
  if (decoupled) {
    const liquidationThreshold = inCategory ? category.liquidationThreshold : reserve.liquidationThreshold
    const ltv = inCategory
      ? bit(category.ltvZeroBitmap, reserve.id)
        ? 0n
        : category.ltv
      : category?.isolated
        ? 0n
        : reserve.ltv
    return {
      ltv,
      liquidationThreshold,
      liquidationBonus: inCategory ? category.liquidationBonus : reserve.liquidationBonus,
      counts: liquidationThreshold !== 0n,
    }
  }
  // GenericLogic up to v3.5: the reserve's own LT decides whether it counts and its own LTV
  // whether it adds borrowing power; the e-mode values replace them only when they are non-zero.
  const counts = reserve.liquidationThreshold !== 0n
  if (!inCategory)
    return {
      ltv: reserve.ltv,
      liquidationThreshold: reserve.liquidationThreshold,
      liquidationBonus: reserve.liquidationBonus,
      counts,
    }
  return {
    ltv: reserve.ltv === 0n ? 0n : category.ltv,
    liquidationThreshold: category.liquidationThreshold,
    liquidationBonus: category.liquidationBonus,
    counts,
    ...(legacy && category.priceBase ? { priceBase: category.priceBase } : {}),
  }
}

/** The arithmetic of GenericLogic.calculateUserAccountData and the token balances it reads, per revision. */
export type AccountMathRules = {
  /** Variable-debt index growth (MathUtils.calculateCompoundedInterest). */
  compoundedInterest: (rate: bigint, lastUpdate: number, now: number) => bigint
  /** AToken balance from the scaled balance and the normalized income. */
  aTokenBalance: (scaled: bigint, index: bigint) => bigint
  /** Variable-debt balance from the scaled balance and the normalized debt. */
  debtBalance: (scaled: bigint, index: bigint) => bigint
  /** A collateral balance valued in base currency. */
  collateralValue: (amount: bigint, price: bigint, unit: bigint) => bigint
  /** A debt valued in base currency. */
  debtValue: (amount: bigint, price: bigint, unit: bigint) => bigint
  /** HF from Σ collateral, Σ collateral·LT and Σ debt (MAX_UINT256 without debt). */
  healthFactor: (totalCollateral: bigint, weightedLt: bigint, totalDebt: bigint) => bigint
  /** GenericLogic.calculateAvailableBorrows. */
  availableBorrows: (totalCollateral: bigint, totalDebt: bigint, ltv: bigint) => bigint
}

const floorValue = (amount: bigint, price: bigint, unit: bigint) => (amount * price) / unit

/** Up to v3.4: half-up balances, values floored, HF = percentMul(C, ⌊ΣC·LT / C⌋) wadDiv D. */
const RULES_V30: AccountMathRules = {
  compoundedInterest,
  aTokenBalance: rayMul,
  debtBalance: rayMul,
  collateralValue: floorValue,
  debtValue: floorValue,
  healthFactor: (c, w, d) => (d === 0n ? MAX_UINT256 : wadDiv(percentMul(c, c === 0n ? 0n : w / c), d)),
  availableBorrows: (c, d, ltv) => {
    const borrowable = percentMul(c, ltv)
    return borrowable > d ? borrowable - d : 0n
  },
}

/** v3.4: the Taylor-form compounded interest (docs/3.4 "multiplies by exp first"). */
const RULES_V34: AccountMathRules = { ...RULES_V30, compoundedInterest: compoundedInterestV34 }

/**
 * v3.5+ (TokenMath, docs/3.5 "Rounding improvements"): collateral rounds down (rayMulFloor),
 * debt rounds up (rayMulCeil, then mulDivCeil into base currency: any debt is worth ≥ 1 unit);
 * HF = wadDiv(ΣC·LT, D) / 10000 without truncating the average LT first; borrowing power floored.
 */
const RULES_V35: AccountMathRules = {
  compoundedInterest: compoundedInterestV34,
  aTokenBalance: rayMulFloor,
  debtBalance: rayMulCeil,
  collateralValue: floorValue,
  debtValue: mulDivCeil,
  healthFactor: (_c, w, d) => (d === 0n ? MAX_UINT256 : wadDiv(w, d) / PERCENTAGE_FACTOR),
  availableBorrows: (c, d, ltv) => {
    const borrowable = percentMulFloor(c, ltv)
    return borrowable > d ? borrowable - d : 0n
  },
}

export function accountMathRules(revision: AaveRevision): AccountMathRules {
  if (revision.poolRevision >= POOL_REVISION.v3_5) return RULES_V35
  if (revision.poolRevision >= POOL_REVISION.v3_4) return RULES_V34
  return RULES_V30
}

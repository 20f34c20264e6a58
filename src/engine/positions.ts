import { type AccountMathRules, accountMathRules, eModeTerms } from './revisionRules'
import type { PortfolioSnapshot, ReserveSnapshot, UserReserveSnapshot } from './snapshot'
import { compoundedInterest, linearInterest, rayMul } from './wadRayMath'

/** One reserve the user touches, with balances accrued to the snapshot's block time. */
export type Position = {
  reserve: ReserveSnapshot
  user: UserReserveSnapshot
  /** aToken balance (underlying units): scaled balance × normalized income. */
  supplied: bigint
  /** Variable + stable debt (underlying units). */
  borrowed: bigint
  /** GenericLogic: a supply counts as collateral only with LT ≠ 0 and the user's collateral flag on. */
  countsAsCollateral: boolean
}

/** ReserveLogic.getNormalizedIncome at `now`: linear interest since the last update, same-block short cut. */
export function normalizedIncome(r: ReserveSnapshot, now: number): bigint {
  if (r.lastUpdateTimestamp === now) return r.liquidityIndex
  return rayMul(linearInterest(r.liquidityRate, r.lastUpdateTimestamp, now), r.liquidityIndex)
}

/** ReserveLogic.getNormalizedDebt at `now`: compounded interest (the revision's formula) since the last update. */
export function normalizedDebt(
  r: ReserveSnapshot,
  now: number,
  compound: AccountMathRules['compoundedInterest'] = compoundedInterest,
): bigint {
  if (r.lastUpdateTimestamp === now) return r.variableBorrowIndex
  return rayMul(compound(r.variableBorrowRate, r.lastUpdateTimestamp, now), r.variableBorrowIndex)
}

/** StableDebtToken.balanceOf (v3.0–v3.1): principal × compounded interest at the user's own rate since their last update. */
export function stableDebtBalance(u: UserReserveSnapshot, now: number): bigint {
  if (u.principalStableDebt === 0n) return 0n
  return rayMul(u.principalStableDebt, compoundedInterest(u.stableBorrowRate, u.stableBorrowLastUpdateTimestamp, now))
}

/**
 * The user's positions (supplied or borrowed, in reserve-id order as GenericLogic walks
 * them), with balances as the chain computes them at the snapshot's block timestamp
 * (balance rounding and interest formula per revision: revisionRules.accountMathRules).
 */
export function userPositions(snapshot: PortfolioSnapshot): Position[] {
  const now = snapshot.blockTimestamp
  const rules = accountMathRules(snapshot.revision)
  const terms = eModeTerms(snapshot)
  const byAsset = new Map(snapshot.reserves.map((r) => [r.asset.toLowerCase(), r]))
  const out: Position[] = []
  for (const user of snapshot.user.reserves) {
    const reserve = byAsset.get(user.asset.toLowerCase())
    if (!reserve) continue
    const supplied =
      user.scaledATokenBalance === 0n
        ? 0n
        : rules.aTokenBalance(user.scaledATokenBalance, normalizedIncome(reserve, now))
    const variable =
      user.scaledVariableDebt === 0n
        ? 0n
        : rules.debtBalance(user.scaledVariableDebt, normalizedDebt(reserve, now, rules.compoundedInterest))
    const borrowed = variable + stableDebtBalance(user, now)
    if (supplied === 0n && borrowed === 0n) continue
    const countsAsCollateral = terms(reserve).counts && user.usageAsCollateralEnabledOnUser && supplied > 0n
    out.push({ reserve, user, supplied, borrowed, countsAsCollateral })
  }
  return out.sort((a, b) => a.reserve.id - b.reserve.id)
}

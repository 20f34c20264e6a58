import { type AccountMathRules, accountMathRules, collateralTerms, eModeContext } from './revisionRules'
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
 * A user reserve's position at `now` under `rules`, valid while the reserve object is the same:
 * snapshots are immutable, so a proposal's probes (applyActions keeps untouched user reserves and
 * reserves by identity) re-accrue only what an action changed, and reuse the Position object
 * itself (accountDataOf's memo keys per-position values on it).
 */
type MemoEntry = { now: number; rules: AccountMathRules; context: EModeContextKey; position: Position }

/** What countsAsCollateral depends on besides the reserve and the user reserve (compared by identity). */
type EModeContextKey = { revision: object; eModes: object; category: number }

/**
 * Per-search cache of positions by user reserve (see userPositions). A Map, not a WeakMap: weak
 * entries cost the GC more than the cache saves (profile), so scope it to one search, never the app.
 */
export type PositionMemo = Map<UserReserveSnapshot, MemoEntry>

/**
 * The reserve of `asset`: the one after `from` first (user reserves usually come in reserve
 * order), then any with the same string, then case-insensitively (checksummed vs lower-case).
 */
function reserveIndex(reserves: readonly ReserveSnapshot[], asset: string, from: number): number {
  const n = reserves.length
  for (let k = 0; k < n; k++) {
    const j = (from + k) % n
    if ((reserves[j] as ReserveSnapshot).asset === asset) return j
  }
  const lower = asset.toLowerCase()
  return reserves.findIndex((r) => r.asset.toLowerCase() === lower)
}

/**
 * The user's positions (supplied or borrowed, in reserve-id order as GenericLogic walks
 * them), with balances as the chain computes them at the snapshot's block timestamp
 * (balance rounding and interest formula per revision: revisionRules.accountMathRules).
 * With a memo, the position of a user reserve already seen with the same reserve object, time,
 * rules and e-mode context is reused (bit-identical: the same pure function of the same immutable inputs).
 */
export function userPositions(snapshot: PortfolioSnapshot, memo?: PositionMemo): Position[] {
  const now = snapshot.blockTimestamp
  const rules = accountMathRules(snapshot.revision)
  const terms = eModeContext(snapshot)
  const reserves = snapshot.reserves
  const out: Position[] = []
  let from = 0
  let sorted = true
  for (const user of snapshot.user.reserves) {
    const j = reserveIndex(reserves, user.asset, from)
    if (j < 0) continue
    from = j + 1
    const reserve = reserves[j] as ReserveSnapshot
    const cached = memo?.get(user)
    let position: Position
    if (
      cached !== undefined &&
      cached.position.reserve === reserve &&
      cached.now === now &&
      cached.rules === rules &&
      cached.context.revision === snapshot.revision &&
      cached.context.eModes === snapshot.eModes &&
      cached.context.category === snapshot.user.eModeCategoryId
    ) {
      position = cached.position
      if (position.supplied === 0n && position.borrowed === 0n) continue
    } else {
      const supplied = suppliedBalance(reserve, user, now, rules)
      const borrowed = borrowedBalance(reserve, user, now, rules)
      const countsAsCollateral =
        collateralTerms(terms, reserve).counts && user.usageAsCollateralEnabledOnUser && supplied > 0n
      position = { reserve, user, supplied, borrowed, countsAsCollateral }
      if (memo !== undefined) {
        const context = {
          revision: snapshot.revision,
          eModes: snapshot.eModes,
          category: snapshot.user.eModeCategoryId,
        }
        memo.set(user, { now, rules, context, position })
      }
      if (supplied === 0n && borrowed === 0n) continue
    }
    const last = out[out.length - 1]
    if (last !== undefined && last.reserve.id > reserve.id) sorted = false
    out.push(position)
  }
  return sorted ? out : out.sort((a, b) => a.reserve.id - b.reserve.id)
}

function suppliedBalance(reserve: ReserveSnapshot, user: UserReserveSnapshot, now: number, rules: AccountMathRules) {
  return user.scaledATokenBalance === 0n
    ? 0n
    : rules.aTokenBalance(user.scaledATokenBalance, normalizedIncome(reserve, now))
}

function borrowedBalance(reserve: ReserveSnapshot, user: UserReserveSnapshot, now: number, rules: AccountMathRules) {
  const variable =
    user.scaledVariableDebt === 0n
      ? 0n
      : rules.debtBalance(user.scaledVariableDebt, normalizedDebt(reserve, now, rules.compoundedInterest))
  return variable + stableDebtBalance(user, now)
}

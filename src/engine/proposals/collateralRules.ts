import { normalizedDebt } from '../positions'
import type { Hex, PortfolioSnapshot, ReserveSnapshot, UserReserveSnapshot } from '../snapshot'
import { rayMul } from '../wadRayMath'

/**
 * Aave V3's rules on what a supply may do (ValidationLogic.validateSupply, validateUseAsCollateral,
 * validateAutomaticUseAsCollateral; UserConfiguration.getIsolationModeState), as v3.0.2 has them.
 */

const same = (a: Hex, b: Hex) => a.toLowerCase() === b.toLowerCase()

// Loops, not find() with an arrow: these run on every probe of an amount search, and a closure per
// call costs more than the lookup where a transpiler keeps function names (tsx: ~300 ns each).
// The exact spelling is tried first: lower-casing every address compared is most of the cost.
export function reserveOf(snapshot: PortfolioSnapshot, asset: Hex): ReserveSnapshot | undefined {
  for (const r of snapshot.reserves) if (r.asset === asset) return r
  for (const r of snapshot.reserves) if (same(r.asset, asset)) return r
  return undefined
}

export function userReserveOf(snapshot: PortfolioSnapshot, asset: Hex): UserReserveSnapshot | undefined {
  for (const u of snapshot.user.reserves) if (u.asset === asset) return u
  for (const u of snapshot.user.reserves) if (same(u.asset, asset)) return u
  return undefined
}

/** The user's wallet balance of an asset (0 when unknown). */
export function walletBalanceOf(snapshot: PortfolioSnapshot, asset: Hex): bigint {
  const exact = snapshot.walletBalances[asset]
  if (exact !== undefined) return exact
  for (const [key, value] of Object.entries(snapshot.walletBalances)) if (same(key as Hex, asset)) return value
  return 0n
}

/** The reserves whose collateral bit is set in the user's configuration. */
function collateralFlags(snapshot: PortfolioSnapshot): ReserveSnapshot[] {
  const out: ReserveSnapshot[] = []
  for (const u of snapshot.user.reserves) {
    if (!u.usageAsCollateralEnabledOnUser) continue
    const r = reserveOf(snapshot, u.asset)
    if (r !== undefined) out.push(r)
  }
  return out
}

/**
 * UserConfiguration.getIsolationModeState: the user is in isolation mode when exactly one
 * collateral bit is set and that reserve has a debt ceiling; returns that reserve.
 */
export function isolatedCollateral(snapshot: PortfolioSnapshot): ReserveSnapshot | undefined {
  const flags = collateralFlags(snapshot)
  return flags.length === 1 && (flags[0] as ReserveSnapshot).debtCeiling !== 0n ? flags[0] : undefined
}

/**
 * ValidationLogic.validateUseAsCollateral: LTV ≠ 0, and either no collateral yet, or not in
 * isolation mode and the asset itself not isolated (debt ceiling 0).
 */
export function canUseAsCollateral(snapshot: PortfolioSnapshot, reserve: ReserveSnapshot): boolean {
  if (reserve.ltv === 0n) return false
  if (collateralFlags(snapshot).length === 0) return true
  return isolatedCollateral(snapshot) === undefined && reserve.debtCeiling === 0n
}

/**
 * ValidationLogic.validateAutomaticUseAsCollateral (first supply of an asset): an isolated asset
 * is never enabled as a side effect (the user lacks ISOLATED_COLLATERAL_SUPPLIER_ROLE); else as
 * validateUseAsCollateral.
 */
export function supplyEnablesCollateral(snapshot: PortfolioSnapshot, reserve: ReserveSnapshot): boolean {
  return reserve.debtCeiling === 0n && canUseAsCollateral(snapshot, reserve)
}

/**
 * How much more of the asset may be supplied: 0 when inactive, paused or frozen
 * (validateSupply), else the room under the supply cap. The chain checks
 * (aToken scaled supply + accruedToTreasury) · index + amount ≤ cap · 10^decimals; the snapshot
 * holds available liquidity and debt instead, whose sum is that supply up to treasury rounding,
 * so 0.01 % of the cap is kept back. MAX when uncapped.
 */
export function supplyHeadroom(reserve: ReserveSnapshot, now: number): bigint {
  if (!reserve.isActive || reserve.isPaused || reserve.isFrozen) return 0n
  if (reserve.supplyCap === 0n) return 2n ** 255n
  const cap = reserve.supplyCap * 10n ** BigInt(reserve.decimals)
  const supplied =
    reserve.availableLiquidity +
    rayMul(reserve.totalScaledVariableDebt, normalizedDebt(reserve, now)) +
    reserve.totalPrincipalStableDebt
  const room = cap - cap / 10_000n - supplied
  return room > 0n ? room : 0n
}

/** Why a supply of this reserve cannot help, or undefined when it can. */
export function supplyBlocker(reserve: ReserveSnapshot): string | undefined {
  if (!reserve.isActive) return `${reserve.symbol} is not active`
  if (reserve.isPaused) return `${reserve.symbol} is paused`
  if (reserve.isFrozen) return `${reserve.symbol} is frozen: no new supply`
  if (reserve.liquidationThreshold === 0n || !reserve.usageAsCollateralEnabled)
    return `${reserve.symbol} cannot be collateral`
  return undefined
}

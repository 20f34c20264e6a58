import type { AaveRevision, PortfolioSnapshot, ReserveSnapshot } from './snapshot'

/**
 * Everything that differs between Aave V3 revisions lives here, so the rest of the engine
 * asks one question ("which terms apply?") instead of branching on versions.
 */

/** Pool.POOL_REVISION() → the protocol version whose rules apply. */
export function revisionFromPool(poolRevision: number): AaveRevision {
  const version = poolRevision >= 6 ? '3.3' : poolRevision >= 4 ? '3.2' : poolRevision >= 2 ? '3.1' : '3.0'
  return { poolRevision, version }
}

export type CollateralTerms = {
  ltv: bigint
  liquidationThreshold: bigint
  liquidationBonus: bigint
  priceBase?: bigint
}

/**
 * The LTV, LT, bonus (and, in v3.0–v3.1, the e-mode price) that apply to a reserve for this user.
 * v3.0–v3.1 (EModeLogic.isInEModeCategory): the user's category equals the asset's single category.
 * v3.2+: the reserve's bit is set in the category's collateral bitmap.
 */
export function eModeTerms(snapshot: PortfolioSnapshot): (reserve: ReserveSnapshot) => CollateralTerms {
  const userCategory = snapshot.user.eModeCategoryId
  const category = userCategory === 0 ? undefined : snapshot.eModes.find((e) => e.id === userCategory)
  const legacy = snapshot.revision.version === '3.0' || snapshot.revision.version === '3.1'
  return (reserve) => {
    const inCategory =
      category === undefined
        ? false
        : legacy
          ? reserve.eModeCategoryId === userCategory
          : (((category.collateralBitmap ?? 0n) >> BigInt(reserve.id)) & 1n) === 1n
    if (!category || !inCategory)
      return {
        ltv: reserve.ltv,
        liquidationThreshold: reserve.liquidationThreshold,
        liquidationBonus: reserve.liquidationBonus,
      }
    return {
      ltv: category.ltv,
      liquidationThreshold: category.liquidationThreshold,
      liquidationBonus: category.liquidationBonus,
      ...(legacy && category.priceBase ? { priceBase: category.priceBase } : {}),
    }
  }
}

import type { PerpPosition } from './externalPosition'

/**
 * A linear (USD-margined) perpetual held on another venue, marked at the oracle spot S: float64
 * statistics in USD and underlying units. With size n (+ long, − short), entry E and the margin M
 * that backs it (isolated: the margin posted; cross: that plus crossAccountEquity):
 *
 *   PnL(S) = n(S − E),  equity(S) = M + n(S − E),  maintenance(S) = mmr·|n|·S
 *
 * and the venue liquidates when equity ≤ maintenance. Assumptions (caveats for the user): the
 * venue's mark price equals the Aave oracle price; cross equity is a constant (it does not move with
 * other prices, and should be entered net of the other positions' own maintenance margin); fees,
 * tiered maintenance rates and funding already accrued are not modelled.
 */

/** One perp position at one spot (float64). */
export type PerpGreeks = {
  /** |n|·S, USD. */
  notional: number
  /** n(S − E), USD. */
  unrealisedPnl: number
  /** The contract's mark value, USD: unrealisedPnl (the collateral is cash, held apart). */
  value: number
  /** M + PnL, USD (M includes crossAccountEquity for cross margin). */
  equity: number
  /** mmr·notional, USD. */
  maintenanceMargin: number
  /** n: underlying units. */
  deltaUnits: number
  /** n·S, USD. */
  deltaUsd: number
  /** 0: a linear contract has no convexity (before liquidation). */
  gamma: number
  /** The price where equity = maintenance; null when no positive price reaches it (see perpLiquidationPrice). */
  liquidationPrice: number | null
  /**
   * The relative move to the liquidation price, positive while safe: (S − L)/S for a long (the fall),
   * (L − S)/S for a short (the rise); ≤ 0 once at or past it; null with no liquidation price.
   */
  distanceToLiquidation: number | null
  /** equity ≤ maintenance at S: the venue may liquidate now. */
  liquidatable: boolean
  /** Funding received per day at S, USD: −n·S·fundingRatePerHour·24 (positive rate: longs pay). */
  fundingUsdPerDay: number
}

/** M: the margin posted, plus the rest of the account's equity for cross margin. */
export function perpBackingMargin(position: PerpPosition): number {
  return position.margin + (position.marginMode === 'cross' ? (position.crossAccountEquity ?? 0) : 0)
}

/**
 * The price L at which M + n(L − E) = mmr·|n|·L, linear in L:
 *
 *   L = (n·E − M) / (n − mmr·|n|)
 *
 * i.e. (E − M/n)/(1 − mmr) for a long and (E + M/|n|)/(1 + mmr) for a short. A long with L ≤ 0 has
 * enough margin never to be liquidated (null). A short with L ≤ 0 (only when cross equity is
 * negative enough that M + |n|E < 0) is liquidatable at every price: L is reported as 0.
 */
export function perpLiquidationPrice(position: PerpPosition): number | null {
  const n = position.size
  const mmr = position.maintenanceMarginRatio
  const level = (n * position.entryPrice - perpBackingMargin(position)) / (n - mmr * Math.abs(n))
  if (n > 0) return level > 0 ? level : null
  return Math.max(level, 0)
}

/** Values `position` at spot S (see the module comment for the formulas and assumptions). */
export function perpGreeks(position: PerpPosition, spot: number): PerpGreeks {
  if (!(spot > 0 && Number.isFinite(spot))) throw new RangeError(`spot must be finite and > 0, got ${spot}`)
  const n = position.size
  const notional = Math.abs(n) * spot
  const unrealisedPnl = n * (spot - position.entryPrice)
  const equity = perpBackingMargin(position) + unrealisedPnl
  const maintenanceMargin = position.maintenanceMarginRatio * notional
  const liquidationPrice = perpLiquidationPrice(position)
  const distanceToLiquidation =
    liquidationPrice === null ? null : (n > 0 ? spot - liquidationPrice : liquidationPrice - spot) / spot
  return {
    notional,
    unrealisedPnl,
    value: unrealisedPnl,
    equity,
    maintenanceMargin,
    deltaUnits: n,
    deltaUsd: n * spot,
    gamma: 0,
    liquidationPrice,
    distanceToLiquidation,
    liquidatable: equity <= maintenanceMargin,
    fundingUsdPerDay: -n * spot * (position.fundingRatePerHour ?? 0) * 24 + 0,
  }
}

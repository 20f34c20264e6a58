import type { RiskReport } from '../../engine/riskReport'

/**
 * The headline figures the page reads off a RiskReport (the at-a-glance header and the what-if
 * panel): picked here once so both say the same thing about the same report.
 */

export const DAY_SECONDS = 86_400

/** P(liquidation) within the horizon, or null where the engine gave none (no debt, missing volatility…). */
export function probabilityWithin(report: RiskReport, horizonSeconds = DAY_SECONDS): number | null {
  const p = report.liquidationProbability
  if (p.method === 'none') return p.reason === 'liquidatable' ? 1 : p.reason === 'missing-volatility' ? null : 0
  return p.horizons.find((h) => h.horizonSeconds === horizonSeconds)?.probability ?? null
}

/** How many σ of the horizon's HF volatility separate the account from HF 1 (null where not computed). */
export function distanceSigmasWithin(report: RiskReport, horizonSeconds = DAY_SECONDS): number | null {
  const p = report.liquidationProbability
  if (p.method === 'none') return null
  return p.horizons.find((h) => h.horizonSeconds === horizonSeconds)?.distanceSigmas ?? null
}

/**
 * The move of every volatile price together that liquidates the account (−0.3 = all 30 % lower), or
 * why there is none. The one-number answer to "how far from liquidation"; per-asset prices are in the table.
 */
export function liquidationDistance(
  report: RiskReport,
): { fraction: number; direction: 'down' | 'up' } | { fraction: null; why: string } {
  const c = report.correlatedLiquidation
  if (c.factor !== null) return { fraction: c.shock, direction: c.direction }
  const why: Record<typeof c.reason, string> = {
    'no-debt': 'no debt to liquidate',
    'no-volatile-exposure': 'only stable prices back this account',
    'cannot-liquidate-by-volatile-move': 'no common price move liquidates it',
    'liquidatable-at-any-price': 'liquidatable at any price',
    'no-boundary-found': 'not found',
  }
  return { fraction: null, why: why[c.reason] }
}

/** Everything supplied (collateral or not) minus everything borrowed, in base currency. */
export function netWorthBase(report: RiskReport): bigint {
  let net = 0n
  for (const a of report.assets) net += (a.supplied * a.priceBase) / 10n ** BigInt(a.decimals) - a.debtBase
  return net
}

/** Debt as a fraction of what the collateral may borrow (debt + still available): 1 = no borrowing power left. */
export function borrowingPowerUsed(report: RiskReport): number | null {
  const { totalDebtBase, availableBorrowsBase } = report.accountData
  const limit = totalDebtBase + availableBorrowsBase
  return limit === 0n ? null : Number((totalDebtBase * 1_000_000n) / limit) / 1_000_000
}

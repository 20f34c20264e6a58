import type { RiskReport } from '../../engine/riskReport'
import type { Hex } from '../../engine/snapshot'
import { MAX_UINT256 } from '../../engine/wadRayMath'

/** Where a protective transaction of the user landed, drawn on the charts at its block. */
export type HistoryMarker = { kind: 'protect'; txHash: Hex }

/**
 * One block of an account's history: the health factor, the report's headline numbers and the
 * prices it used. On-chain quantities stay bigint; `healthFactor` and `probability24h` are float64
 * statistics for the charts.
 */
export type HistoryPoint = {
  block: bigint
  /** Block timestamp, unix seconds. */
  time: number
  /** Float64 for charts; Infinity without debt. */
  healthFactor: number
  /** WAD; MAX_UINT256 without debt (Pool.getUserAccountData). */
  healthFactorWad: bigint
  totalCollateralBase: bigint
  totalDebtBase: bigint
  /** Price per asset of the account (base currency), the one the account math used. */
  prices: Record<Hex, bigint>
  /** P(liquidation) within 24 h, when the report could tell. */
  probability24h?: number
  marker?: HistoryMarker
}

export const DAY_SECONDS = 86_400

/** The one bigint → float64 conversion of the health factor for the charts. */
export const healthFactorFloat = (healthFactorWad: bigint) =>
  healthFactorWad === MAX_UINT256 ? Number.POSITIVE_INFINITY : Number(healthFactorWad) / 1e18

/**
 * P(liquidation) within 24 h from the report: the 24 h horizon where it was computed; 0 where no
 * price move can liquidate (no debt, no volatile factor); 1 when already liquidatable; undefined
 * when the volatility of a factor is missing (the report cannot tell).
 */
export function probability24h(report: RiskReport): number | undefined {
  const odds = report.liquidationProbability
  if (odds === undefined) return undefined // a report from before the probabilities (issue 5)
  if (odds.method !== 'none') return odds.horizons.find((h) => h.horizonSeconds === DAY_SECONDS)?.probability
  if (odds.reason === 'liquidatable') return 1
  return odds.reason === 'missing-volatility' ? undefined : 0
}

export function historyPointFromReport(report: RiskReport): HistoryPoint {
  const { accountData } = report
  const point: HistoryPoint = {
    block: report.block.number,
    time: report.block.timestamp,
    healthFactor: healthFactorFloat(accountData.healthFactorWad),
    healthFactorWad: accountData.healthFactorWad,
    totalCollateralBase: accountData.totalCollateralBase,
    totalDebtBase: accountData.totalDebtBase,
    prices: Object.fromEntries(report.assets.map((a) => [a.address, a.priceBase])),
  }
  const p24 = probability24h(report)
  if (p24 !== undefined) point.probability24h = p24
  return point
}

import type { RiskReport } from '../../engine/riskReport'
import { healthFactorFloat, probability24h } from '../../state/history/historyPoint'
import type { AlertInput } from './alertRules'

/**
 * What the alert rules read from a report: the block, the health factor (float64, ∞ without debt),
 * P(liquidation) within 24 h where the report can tell, and the feeds older than their heartbeat.
 */
export function alertInputFromReport(report: RiskReport): AlertInput {
  const input: AlertInput = {
    block: report.block.number,
    time: report.block.timestamp,
    healthFactor: healthFactorFloat(report.accountData.healthFactorWad),
    staleFeeds: report.oracleLag.rows.filter((row) => row.stale).map((row) => row.symbol),
  }
  const p = probability24h(report)
  if (p !== undefined) input.probability24h = p
  return input
}

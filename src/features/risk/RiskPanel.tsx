import type { ReactNode } from 'react'
import type { RiskReport } from '../../engine/riskReport'
import { formatHealthFactor, formatUsd } from '../../ui/format'
import { Notice } from '../../ui/Notice'
import { FeedFreshness } from './FeedFreshness'
import { LiquidationOdds } from './LiquidationOdds'
import { LiquidationTable } from './LiquidationTable'

/**
 * Liquidation prices, the cost of being liquidated and protective proposals for the account,
 * from the risk engine in its worker, re-evaluated on every block.
 */
export function RiskPanel({
  report,
  error,
  proposals,
}: {
  report: RiskReport | undefined
  error: Error | undefined
  /** The proposals panel (it needs the snapshot and the wallet, which this panel does not). */
  proposals: ReactNode
}) {
  if (error && !report) return <p className="muted">The risk engine failed: {error.message}</p>
  if (!report) return <p className="muted">Evaluating liquidation risk…</p>
  const best = report.liquidationCost.scenario === null ? null : report.liquidationCost.best
  return (
    <section
      className="panel"
      aria-label="Liquidation risk"
      data-testid="risk-panel"
      data-block={report.block.number.toString()}
      data-health-factor-wad={report.accountData.healthFactorWad.toString()}
    >
      <h2>Liquidation risk</h2>
      {error && (
        <Notice tone="error" title="The risk engine failed on a newer block">
          {error.message}. Showing block {report.block.number.toString()}.
        </Notice>
      )}
      <FeedFreshness report={report} />
      <LiquidationTable report={report} />
      {best && (
        <p>
          If liquidated, you would lose about <strong>{formatUsd(best.userLossBase)}</strong> ({best.collateralSymbol}{' '}
          seized to repay {best.debtSymbol}).
        </p>
      )}
      <LiquidationOdds report={report} />
      <h2>To reach health factor {formatHealthFactor(report.settings.targetHealthFactorWad)}</h2>
      {proposals}
    </section>
  )
}

import { useMemo } from 'react'
import type { Address } from 'viem'
import { usePortfolioSnapshot } from '../../chain/usePortfolioSnapshot'
import { useHistoryRecorder } from '../../state/history/useHistoryRecorder'
import { useMarketContext } from '../../state/marketContext'
import type { RiskMarketContext } from '../../state/riskReportFeed'
import { useRiskReport } from '../../state/useRiskReport'
import { formatHealthFactor, formatUsd } from '../../ui/format'
import { Notice } from '../../ui/Notice'
import { FeedFreshness } from './FeedFreshness'
import { LiquidationOdds } from './LiquidationOdds'
import { LiquidationTable } from './LiquidationTable'
import { ProposalList } from './ProposalList'
import { riskMarketContext } from './riskMarketContext'

const NO_SETTINGS = {}
/** A live market: no swap router, feed rules or asset classes beyond the engine's defaults (engine/assetClass.ts). */
const LIVE_MARKET_CONTEXT: RiskMarketContext = {}

/**
 * Liquidation prices, the cost of being liquidated and protective proposals for the account,
 * from the risk engine in its worker, re-evaluated on every block.
 */
export function RiskPanel({ user }: { user: Address }) {
  const { market, chain, devnet } = useMarketContext()
  // The devnet's Uniswap router, feed rules and asset classes come from its manifest, on the devnet only.
  const context = useMemo(() => (devnet ? riskMarketContext(devnet) : LIVE_MARKET_CONTEXT), [devnet])
  const snapshot = usePortfolioSnapshot({ chainId: chain.id, market, user })
  const { report, error } = useRiskReport(snapshot.data, NO_SETTINGS, context)
  // Every block's headline numbers go to the persisted history (charts, a returning user's last day).
  useHistoryRecorder(report)

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
      <ProposalList report={report} />
    </section>
  )
}

import { lazy, memo, type ReactNode, Suspense, useDeferredValue, useMemo } from 'react'
import type { Address } from 'viem'
import { useConnection } from 'wagmi'
import { DEMO_WALLET_ID } from '../../chain/demoWalletConnector'
import { useHistory } from '../../state/history/useHistoryRecorder'
import { useMarketContext } from '../../state/marketContext'
import { profileToRiskSettings, useRiskProfile } from '../../state/riskProfileStore'
import { shortenAddress } from '../../ui/format'
import { useThrottledValue } from '../../ui/useThrottledValue'
import { AlertBanner } from '../alerts/AlertBanner'
import { useAlertMonitor } from '../alerts/useAlertMonitor'
import { LazyCharts } from '../charts/LazyCharts'
import { GlanceHeader } from '../glance/GlanceHeader'
import { RiskPanel } from '../risk/RiskPanel'
import { useLiveRisk } from './useLiveRisk'

const CHART_REDRAW_MS = 1_000

// Below the fold, loaded after the dashboard's first paint: sharing (the snapshot model, codec and
// signing), the what-if sliders, and the user's lines with the alert log.
// The proposals panel (Protect, its wallet and error handling) only ever shows with a report, which
// the worker takes longer to produce than this chunk takes to load.
const ProposalsPanel = lazy(() => import('../proposals/ProposalsPanel').then((m) => ({ default: m.ProposalsPanel })))
const WhatIfPanel = lazy(() => import('../whatif/WhatIfPanel').then((m) => ({ default: m.WhatIfPanel })))
const LinesAndAlerts = lazy(() => import('./LinesAndAlerts').then((m) => ({ default: m.LinesAndAlerts })))
const ShareSnapshot = lazy(() => import('../share/ShareSnapshot').then((m) => ({ default: m.ShareSnapshot })))

// Re-rendered only when their props change: a block's urgent render passes the previous report.
const Glance = memo(GlanceHeader)
const Risk = memo(RiskPanel)
const Proposals = memo(ProposalsPanel)
const WhatIf = memo(WhatIfPanel)

/**
 * Everything about one account, from one live report: alerts on top, the glance, what to do
 * (proposals, with guard mode), the charts, the risk details, what-if, and the user's own lines.
 * The alert monitor runs here, on the live report only (never a what-if one).
 */
export function Dashboard({
  address,
  readOnly,
  accountLabel,
  accountSection,
}: {
  address: Address
  readOnly: boolean
  accountLabel?: string
  /** The chain's own account figures (Pool.getUserAccountData at the block shown), below the glance. */
  accountSection: ReactNode
}) {
  const { chain, devnet, market } = useMarketContext()
  const profile = useRiskProfile(chain.id, address)
  const settings = profileToRiskSettings(profile)
  const live = useLiveRisk(address, settings)
  // A new block arrives through a store subscription, which React renders synchronously: the
  // report-driven panels take the new report in a deferred, interruptible render instead, so a
  // block never blocks input (DESIGN.md: no main-thread task over 50 ms while streaming).
  const report = useDeferredValue(live.report)
  const snapshot = useDeferredValue(live.snapshot)
  const alerts = useAlertMonitor({
    chainId: chain.id,
    address,
    report: live.report,
    profile,
    isDevnet: devnet !== undefined,
  })
  const connection = useConnection()
  // Guard mode's automatic execution is a devnet demonstration: only the demo wallet signs by itself.
  const autoExecute = alerts.autoExecute && !readOnly && connection.connector?.id === DEMO_WALLET_ID
  const guardMode = profile.guardMode
  const triggered = alerts.guardTriggered
  const guard = useMemo(() => (guardMode ? { triggered, autoExecute } : undefined), [guardMode, triggered, autoExecute])
  const history = useDeferredValue(useHistory().points)
  // The charts redraw at most once a second (Recharts lays out every axis and series on each
  // render); the glance, proposals and alerts follow every block.
  const chartReport = useThrottledValue(report, CHART_REDRAW_MS)
  const chartHistory = useThrottledValue(history, CHART_REDRAW_MS)
  const { warningHealthFactor: warning, targetHealthFactor: target, upperHealthFactor: upper } = profile
  const thresholds = useMemo(() => ({ warning, target, upper }), [warning, target, upper])
  const chainId = chain.id
  const proposals = useMemo(
    () =>
      report &&
      snapshot && (
        <Suspense fallback={<p className="muted">Loading the proposals…</p>}>
          <Proposals
            report={report}
            snapshot={snapshot}
            readOnly={readOnly}
            chainId={chainId}
            {...(guard ? { guard } : {})}
          />
        </Suspense>
      ),
    [report, snapshot, readOnly, chainId, guard],
  )

  return (
    <>
      <AlertBanner chainId={chain.id} address={address} />
      <Glance
        report={report}
        profile={profile}
        accountLabel={accountLabel ?? shortenAddress(address)}
        chainName={chain.name}
      />
      {accountSection}
      <div className="dashboard-grid">
        <Risk report={report} error={live.error} proposals={proposals} />
        {chartReport && <LazyCharts report={chartReport} history={chartHistory} thresholds={thresholds} />}
        {report && snapshot && <WhatIf snapshot={snapshot} report={report} market={live.context} settings={settings} />}
        {report && (
          <Suspense fallback={null}>
            <ShareSnapshot report={report} profile={profile} marketName={market.name} readOnly={readOnly} />
          </Suspense>
        )}
        <Suspense fallback={null}>
          <LinesAndAlerts chainId={chain.id} address={address} />
        </Suspense>
      </div>
    </>
  )
}

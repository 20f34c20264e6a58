import { useEffect, useState } from 'react'
import type { RiskSettings } from '../../engine/settings'
import type { PortfolioSnapshot } from '../../engine/snapshot'
import { createRiskReportFeed, type RiskMarketContext, type RiskReportState } from '../../state/riskReportFeed'
import { sharedRiskClient } from '../../state/useRiskReport'

const IDLE: RiskReportState = { report: undefined, error: undefined, pending: false }

/**
 * The risk report of a hypothetical snapshot, from the same worker as the live report but on its own
 * queue lane ('whatif'): a slider drag supersedes only its own waiting requests, never the live block's.
 * `snapshot` undefined means "back to live": pending what-if work is cancelled and the report cleared.
 */
export function useWhatIfReport(
  snapshot: PortfolioSnapshot | undefined,
  settings: Partial<RiskSettings>,
  market: RiskMarketContext,
): RiskReportState {
  const [state, setState] = useState<RiskReportState>(IDLE)
  const [feed] = useState(() => createRiskReportFeed(sharedRiskClient(), setState, { lane: 'whatif' }))
  useEffect(() => () => feed.dispose(), [feed])
  useEffect(() => {
    if (snapshot) feed.request(snapshot, settings, market)
    else {
      feed.dispose()
      setState(IDLE)
    }
  }, [feed, snapshot, settings, market])
  return state
}

import { useEffect, useState } from 'react'
import type { RiskSettings } from '../engine/settings'
import type { PortfolioSnapshot } from '../engine/snapshot'
import { createRiskClient, type RiskClient } from '../worker/riskClient'
import { createRiskReportFeed, type RiskMarketContext, type RiskReportState } from './riskReportFeed'

let shared: RiskClient | undefined
/** One risk client (and so at most one worker) for the whole app, created on first use. */
export const sharedRiskClient = () => {
  shared ??= createRiskClient()
  return shared
}

const NO_SETTINGS: Partial<RiskSettings> = {}
const NO_MARKET: RiskMarketContext = {}

/**
 * The risk report of a snapshot, computed in the risk worker (the main thread where workers are
 * unavailable). Keeps the previous block's report on screen until the new one lands; a new
 * account starts empty. Pass stable `settings` and `market` objects (a store selector, a memo), not
 * literals: a new object is a new request.
 */
export function useRiskReport(
  snapshot: PortfolioSnapshot | undefined,
  settings: Partial<RiskSettings> = NO_SETTINGS,
  market: RiskMarketContext = NO_MARKET,
): RiskReportState {
  const [state, setState] = useState<RiskReportState>({ report: undefined, error: undefined, pending: false })
  const [feed] = useState(() => createRiskReportFeed(sharedRiskClient(), setState))
  useEffect(() => () => feed.dispose(), [feed])
  useEffect(() => {
    if (snapshot) feed.request(snapshot, settings, market)
  }, [feed, snapshot, settings, market])
  return state
}

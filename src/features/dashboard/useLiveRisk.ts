import { useMemo } from 'react'
import type { Address } from 'viem'
import { usePortfolioSnapshot } from '../../chain/usePortfolioSnapshot'
import type { RiskSettings } from '../../engine/settings'
import { useHistoryRecorder } from '../../state/history/useHistoryRecorder'
import { useMarketContext } from '../../state/marketContext'
import type { RiskMarketContext } from '../../state/riskReportFeed'
import { useRiskReport } from '../../state/useRiskReport'
import { riskMarketContext } from '../risk/riskMarketContext'

/** A live market: no swap router, feed rules or asset classes beyond the engine's defaults (engine/assetClass.ts). */
const LIVE_MARKET_CONTEXT: RiskMarketContext = {}

/**
 * The active account's snapshot at the newest block and the risk engine's report of it, computed
 * once for the whole dashboard (headline, charts, alerts, proposals and what-if all read the same
 * report). Every report goes to the persisted history. `settings` must be referentially stable.
 */
export function useLiveRisk(user: Address | undefined, settings: Partial<RiskSettings>) {
  const { market, chain, devnet } = useMarketContext()
  // The devnet's Uniswap router, feed rules and asset classes come from its manifest, on the devnet only.
  const context = useMemo(() => (devnet ? riskMarketContext(devnet) : LIVE_MARKET_CONTEXT), [devnet])
  const snapshot = usePortfolioSnapshot({ chainId: chain.id, market, user })
  const { report, error } = useRiskReport(user ? snapshot.data : undefined, settings, context)
  useHistoryRecorder(report)
  return { snapshot: user ? snapshot.data : undefined, report, error, context }
}

export type LiveRisk = ReturnType<typeof useLiveRisk>

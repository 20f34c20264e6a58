import type { EvaluateOptions } from '../engine/evaluate'
import type { RiskReport } from '../engine/riskReport'
import type { RiskSettings } from '../engine/settings'
import type { PortfolioSnapshot } from '../engine/snapshot'
import { isAbandoned, type RiskClient } from '../worker/riskClient'
import type { RiskRequest } from '../worker/riskProtocol'

/** What the page shows: the newest report of the watched account, the last failure, and whether one is computing. */
export type RiskReportState = { report: RiskReport | undefined; error: Error | undefined; pending: boolean }

/** Market facts the engine takes besides the snapshot (asset classes, swap router…), e.g. from the devnet manifest. */
export type RiskMarketContext = Pick<EvaluateOptions, 'assetClass' | 'proposals' | 'feedRules' | 'external'>

/**
 * One queue lane per account on one market of one chain. A named `lane` (e.g. 'whatif') gets a queue
 * of its own: the risk client supersedes waiting requests per key, so hypothetical requests must never
 * share the live account's key (a slider drag would otherwise drop the live block's report, and back).
 */
export const riskAccountKey = (snapshot: PortfolioSnapshot, lane?: string) =>
  `${snapshot.chainId}:${snapshot.market.pool}:${snapshot.user.address}${lane ? `#${lane}` : ''}`.toLowerCase()

/**
 * The worker request for a snapshot. Time is the block's (the report describes that block, and the
 * same block gives the same report); the seed is the block number, so a report is reproducible.
 */
export function riskRequest(
  snapshot: PortfolioSnapshot,
  settings: Partial<RiskSettings>,
  market: RiskMarketContext = {},
): RiskRequest {
  return {
    ...market,
    snapshot,
    settings,
    now: snapshot.blockTimestamp,
    seed: Number(snapshot.blockNumber % 2_147_483_647n),
  }
}

/**
 * Feeds snapshots of one watched account to the risk client and publishes reports in block order.
 * Reports never go backwards (an older block's report arriving late is dropped); switching to
 * another account cancels everything of the previous one and clears the report. Feeds with different
 * `lane`s for the same account queue independently (the live feed and the what-if feed).
 */
export function createRiskReportFeed(
  client: RiskClient,
  publish: (state: RiskReportState) => void,
  { lane }: { lane?: string } = {},
) {
  let state: RiskReportState = { report: undefined, error: undefined, pending: false }
  let key: string | undefined
  let controller = new AbortController()
  let requested = 0
  let answered = 0
  const set = (next: Partial<RiskReportState>) => {
    state = { ...state, ...next }
    publish(state)
  }
  return {
    request(snapshot: PortfolioSnapshot, settings: Partial<RiskSettings>, market?: RiskMarketContext) {
      const nextKey = riskAccountKey(snapshot, lane)
      if (nextKey !== key) {
        controller.abort()
        controller = new AbortController()
        key = nextKey
        requested = answered = 0
        state = { report: undefined, error: undefined, pending: false }
      }
      const signal = controller.signal
      const id = ++requested
      set({ pending: true })
      client.evaluate(nextKey, riskRequest(snapshot, settings, market), { signal }).then(
        (report) => {
          if (signal.aborted || id < answered) return
          answered = id
          const newer = !state.report || report.block.number >= state.report.block.number
          set({ ...(newer ? { report, error: undefined } : {}), pending: id !== requested })
        },
        (error: unknown) => {
          if (signal.aborted) return
          if (isAbandoned(error)) return // superseded by a newer request of the same account: it will answer
          answered = Math.max(answered, id)
          set({ error: error instanceof Error ? error : new Error(String(error)), pending: id !== requested })
        },
      )
    },
    /** Cancels what is pending; a later request starts afresh (React StrictMode mounts effects twice). */
    dispose() {
      controller.abort()
      key = undefined
    },
  }
}

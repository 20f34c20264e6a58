import type { RiskReport } from '../../engine/riskReport'
import type { HistoryPoint } from '../../state/history/historyPoint'

/**
 * The health-factor lines every chart draws besides 1.0 (float64, e.g. 1.2): the user's warning
 * line, the target the proposals aim for and an optional upper line (null or absent: none).
 */
export type ChartThresholds = { warning: number; target: number; upper?: number | null }

/**
 * Props of the lazily loaded charts. Kept apart from the components so the page can name the type
 * without pulling recharts into the entry chunk.
 */
export type DashboardChartsProps = {
  report: RiskReport
  /** The account's per-block history, oldest first (state/history); markers where protections landed. */
  history: readonly HistoryPoint[]
  thresholds: ChartThresholds
}

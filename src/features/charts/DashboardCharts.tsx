import { memo } from 'react'
import { CHARTS_HEADING } from './chartLayout'
import type { DashboardChartsProps } from './chartTypes'
import { GreeksChart } from './GreeksChart'
import { HealthHistoryChart } from './HealthHistoryChart'
import { LiquidationPriceChart } from './LiquidationPriceChart'
import { ProbabilityChart } from './ProbabilityChart'
import { ScenarioHeatmap } from './ScenarioHeatmap'
import { StressChart } from './StressChart'
import './charts.css'

/**
 * Every chart of the dashboard in a responsive grid (one column on a phone). Loaded lazily through
 * LazyCharts: this module and the ones it imports are the only ones that pull in recharts.
 */
function DashboardCharts({ report, history, thresholds }: DashboardChartsProps) {
  return (
    <section className="charts" aria-labelledby="charts-heading" data-testid="charts">
      <h2 id="charts-heading">{CHARTS_HEADING}</h2>
      <div className="charts-grid">
        <HealthHistoryChart history={history} thresholds={thresholds} />
        <LiquidationPriceChart report={report} history={history} />
        <StressChart stress={report.stress} thresholds={thresholds} />
        <GreeksChart greeks={report.greeks} />
        <ProbabilityChart report={report} />
        <ScenarioHeatmap scenarios={report.scenarios} thresholds={thresholds} />
      </div>
    </section>
  )
}

const sameThresholds = (a: DashboardChartsProps['thresholds'], b: DashboardChartsProps['thresholds']) =>
  a.warning === b.warning && a.target === b.target && (a.upper ?? null) === (b.upper ?? null)

// A page that re-renders for other reasons (a clock, a new thresholds object) must not re-render the
// charts: they change only with a new report, a new history or other lines.
export default memo(
  DashboardCharts,
  (a, b) => a.report === b.report && a.history === b.history && sameThresholds(a.thresholds, b.thresholds),
)

import { memo, useMemo } from 'react'
import type { RiskReport } from '../../engine/riskReport'
import { ChartSlot } from './ChartSlot'
import { greeksDisplayKey, probabilityDisplayKey, scenarioDisplayKey, stressDisplayKey } from './chartDisplayKeys'
import { CHARTS_HEADING } from './chartLayout'
import type { ChartThresholds, DashboardChartsProps } from './chartTypes'
import { GreeksChart } from './GreeksChart'
import { HealthHistoryChart } from './HealthHistoryChart'
import { LiquidationPriceChart } from './LiquidationPriceChart'
import { ProbabilityChart } from './ProbabilityChart'
import { ScenarioHeatmap } from './ScenarioHeatmap'
import { StressChart } from './StressChart'
import { useChartThresholds } from './useChartThresholds'
import './charts.css'

/** `key` of an object, computed once per object (and thresholds): a slot compares the drawn one again and again. */
function cachedKey<T extends object>(key: (value: T, t: ChartThresholds) => string) {
  const cache = new WeakMap<T, { t: ChartThresholds; key: string }>()
  return (value: T, t: ChartThresholds) => {
    const hit = cache.get(value)
    if (hit && hit.t === t) return hit.key
    const computed = key(value, t)
    cache.set(value, { t, key: computed })
    return computed
  }
}

const stressKey = cachedKey(stressDisplayKey)
const greeksKey = cachedKey(greeksDisplayKey)
const probabilityKey = cachedKey((report: RiskReport) => probabilityDisplayKey(report))
const scenarioKey = cachedKey(scenarioDisplayKey)

/**
 * Every chart of the dashboard in a responsive grid (one column on a phone). Loaded lazily through
 * LazyCharts: this module and the ones it imports are the only ones that pull in recharts.
 *
 * Each chart sits in a ChartSlot: it takes new data in a task of its own, only while on screen, and
 * only when what it shows changes (DESIGN.md: no main-thread task over 50 ms while streaming).
 */
function DashboardCharts({ report, history, thresholds }: DashboardChartsProps) {
  const t = useChartThresholds(thresholds)
  const prices = useMemo(() => ({ report, history }), [report, history])
  return (
    <section className="charts" aria-labelledby="charts-heading" data-testid="charts">
      <h2 id="charts-heading">{CHARTS_HEADING}</h2>
      <div className="charts-grid">
        <ChartSlot value={history}>{(h) => <HealthHistoryChart history={h} thresholds={t} />}</ChartSlot>
        <ChartSlot value={prices}>{(p) => <LiquidationPriceChart report={p.report} history={p.history} />}</ChartSlot>
        <ChartSlot value={report.stress} same={(a, b) => stressKey(a, t) === stressKey(b, t)}>
          {(stress) => <StressChart stress={stress} thresholds={t} />}
        </ChartSlot>
        <ChartSlot value={report.greeks} same={(a, b) => greeksKey(a, t) === greeksKey(b, t)}>
          {(greeks) => <GreeksChart greeks={greeks} />}
        </ChartSlot>
        <ChartSlot value={report} same={(a, b) => probabilityKey(a, t) === probabilityKey(b, t)}>
          {(r) => <ProbabilityChart report={r} />}
        </ChartSlot>
        <ChartSlot value={report.scenarios} same={(a, b) => scenarioKey(a, t) === scenarioKey(b, t)}>
          {(scenarios) => <ScenarioHeatmap scenarios={scenarios} thresholds={t} />}
        </ChartSlot>
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

import type { GreeksReport } from '../../engine/greeks/bookGreeks'
import type { RiskReport } from '../../engine/riskReport'
import type { ScenarioMatrix } from '../../engine/scenarioMatrix'
import type { StressReport } from '../../engine/stress'
import type { ChartThresholds } from './chartTypes'
import { deltaRows, greeksSummary, secondOrderRows } from './greeksSeries'
import { horizonData, probabilitySummary, volatilityData } from './probabilitySeries'
import { scenarioHeatmap, scenarioSummary } from './scenarioHeatmapData'

/**
 * What a chart shows of its slice of the report, as a string: equal keys draw the same chart and
 * caption, so a new report that only moves figures below their display rounding (most blocks on a
 * calm market) costs no redraw. Rounding follows each chart's own: HF to 0.01, shocks to 0.1 %,
 * dollars to $1, volatility to 0.1 point; the captions are compared as they read.
 */

const round = (v: number, unit: number) => (Number.isFinite(v) ? Math.round(v / unit) : String(v))

export function stressDisplayKey(stress: StressReport): string {
  return stress.curves
    .map(
      (c) =>
        `${c.label}:${c.crossingShock === null ? '-' : round(c.crossingShock, 1e-3)}:${c.boundaryShock === null ? '-' : round(c.boundaryShock, 1e-3)}:${Array.from(c.healthFactor, (hf) => round(hf, 0.01)).join(',')}`,
    )
    .join('|')
}

export function greeksDisplayKey(greeks: GreeksReport): string {
  const deltas = deltaRows(greeks).map(
    (r) => `${r.symbol}:${round(r.lending, 1)}:${round(r.lp, 1)}:${round(r.external, 1)}`,
  )
  const second = secondOrderRows(greeks).map(
    (r) =>
      `${r.symbol}:${round(r.gammaUsdPerPercent, 1)}:${round(r.vegaUsdPerVolPoint, 1)}:${round(r.thetaUsdPerDay, 1)}`,
  )
  return `${greeksSummary(greeks)}#${deltas.join('|')}#${second.join('|')}`
}

export function probabilityDisplayKey(report: RiskReport): string {
  const horizons = horizonData(report.liquidationProbability).map(
    (h) => `${h.horizon}:${h.label}:${round(h.percent, 0.01)}`,
  )
  const vols = volatilityData(report.volatility).map(
    (v) => `${v.symbol}:${round(v.ewma, 0.1)}:${v.garch === null ? '-' : round(v.garch, 0.1)}:${v.model}`,
  )
  return `${probabilitySummary(report)}#${horizons.join('|')}#${vols.join('|')}`
}

export function scenarioDisplayKey(scenarios: ScenarioMatrix, t: ChartThresholds): string {
  const heat = scenarioHeatmap(scenarios, t)
  const cells = [...heat.rows.flatMap((r) => r.cells), ...heat.extended].map(
    (c) => `${c.healthFactor}:${c.pnl}:${c.band}`,
  )
  return `${scenarioSummary(scenarios, t)}#${heat.shocks.join(',')}#${cells.join('|')}`
}

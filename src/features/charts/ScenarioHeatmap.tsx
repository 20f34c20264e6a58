import { memo, useMemo } from 'react'
import type { ScenarioMatrix } from '../../engine/scenarioMatrix'
import { ChartFrame } from './ChartFrame'
import type { ChartThresholds } from './chartTypes'
import { HEALTH_BAND_WORDS, type HealthBand } from './healthBand'
import { ScrollableTable } from './ScrollableTable'
import { type HeatCell, scenarioHeatmap, scenarioSummary } from './scenarioHeatmapData'
import { useChartThresholds } from './useChartThresholds'

const LEGEND: HealthBand[] = ['liquidatable', 'warning', 'below-target', 'on-target', 'above-upper', 'no-debt']

function Cell({ cell }: { cell: HeatCell }) {
  return (
    <td className={`heat heat-${cell.band}`} data-band={cell.band}>
      {cell.healthFactor}
      <span className="heat-pnl">{cell.pnl}</span>
    </td>
  )
}

/**
 * The scenario matrix as a table (more accessible than an SVG heat map): HF printed in every cell and
 * coloured by its band against the user's lines, the book's P&L under it.
 */
export const ScenarioHeatmap = memo(function ScenarioHeatmap({
  scenarios,
  thresholds,
}: {
  scenarios: ScenarioMatrix
  thresholds: ChartThresholds
}) {
  const t = useChartThresholds(thresholds)
  const heat = useMemo(() => scenarioHeatmap(scenarios, t), [scenarios, t])
  const summary = useMemo(() => scenarioSummary(scenarios, t), [scenarios, t])
  const bands = LEGEND.filter((b) => b !== 'above-upper' || t.upper != null)
  return (
    <ChartFrame
      testId="chart-scenarios"
      title="Scenarios: every volatile price moving together"
      summary={summary}
      empty={heat.rows.length === 0}
      wide
    >
      {(summaryId) => (
        <>
          <ScrollableTable label="Scenario matrix" describedBy={summaryId}>
            <table className="chart-table">
              <caption className="visually-hidden">
                Health factor and P&amp;L for each price shock (columns) and volatility move (rows)
              </caption>
              <thead>
                <tr>
                  <th scope="col">Price shock</th>
                  {heat.shocks.map((s) => (
                    <th key={s} scope="col">
                      {s}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {heat.rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{row.label}</th>
                    {row.cells.map((c) => (
                      <Cell key={c.key} cell={c} />
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
          <h4 className="chart-subtitle">Extreme moves (today’s volatility)</h4>
          <ScrollableTable label="Extreme price moves">
            <table className="chart-table">
              <thead>
                <tr>
                  <th scope="col">Price shock</th>
                  {heat.extended.map((c) => (
                    <th key={c.key} scope="col">
                      {c.shock}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">HF · P&amp;L</th>
                  {heat.extended.map((c) => (
                    <Cell key={c.key} cell={c} />
                  ))}
                </tr>
              </tbody>
            </table>
          </ScrollableTable>
          <ul className="heat-legend" aria-label="Colour key">
            {bands.map((b) => (
              <li key={b}>
                <span className={`heat-swatch heat-${b}`} aria-hidden="true" />
                {HEALTH_BAND_WORDS[b]}
              </li>
            ))}
          </ul>
        </>
      )}
    </ChartFrame>
  )
})

import { memo, useMemo } from 'react'
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts'
import type { GreeksReport } from '../../engine/greeks/bookGreeks'
import { formatSignedUsd, formatUsdCompact } from '../../ui/format'
import { ChartFrame } from './ChartFrame'
import { ChartLegend } from './ChartLegend'
import { ChartPlot, gridProps, seriesStyle, tick, tooltipStyle } from './ChartPlot'
import { ZERO_Y_LINE } from './chartAxes'
import { deltaRows, greeksSummary, secondOrderRows } from './greeksSeries'
import { ScrollableTable } from './ScrollableTable'

const TITLE = 'Greek exposure'
const SOURCES = [
  { key: 'lending', name: 'Lending (Aave)' },
  { key: 'lp', name: 'Uniswap LP' },
  { key: 'external', name: 'Options and perps' },
] as const
const LEGEND = SOURCES.map((s, i) => ({ name: s.name, colour: seriesStyle(i).colour }))

/** Delta (USD) per underlying stacked by lending, LP and options; gamma, vega and theta as a table. */
export const GreeksChart = memo(function GreeksChart({ greeks }: { greeks: GreeksReport }) {
  const rows = useMemo(() => deltaRows(greeks), [greeks])
  const second = useMemo(() => secondOrderRows(greeks), [greeks])
  const summary = useMemo(() => greeksSummary(greeks), [greeks])
  const names = new Map<string, string>(SOURCES.map((s) => [s.key, s.name]))
  return (
    <ChartFrame testId="chart-greeks" title={TITLE} summary={summary} empty={rows.length === 0}>
      {(summaryId) => (
        <>
          <h4 className="chart-subtitle">Delta (USD) by source</h4>
          <ChartPlot label="Delta in USD per underlying, by source" summaryId={summaryId}>
            <BarChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid {...gridProps} vertical={false} />
              <XAxis interval={0} dataKey="symbol" tick={tick} />
              <YAxis interval={0} tick={tick} tickFormatter={formatUsdCompact} width={56} />
              {ZERO_Y_LINE}
              <Tooltip
                {...tooltipStyle}
                isAnimationActive={false}
                formatter={(value, key) => [
                  typeof value === 'number' ? formatSignedUsd(value) : '',
                  names.get(String(key)) ?? String(key),
                ]}
              />
              {SOURCES.map((s, i) => (
                <Bar
                  key={s.key}
                  dataKey={s.key}
                  name={s.name}
                  stackId="delta"
                  fill={seriesStyle(i).colour}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </ChartPlot>
          <ChartLegend items={LEGEND} kind="bar" />
          <h4 className="chart-subtitle">Gamma, vega and theta</h4>
          {second.length === 0 ? (
            <p className="chart-note muted">None: lending positions are linear; LP and option positions carry these.</p>
          ) : (
            <ScrollableTable label="Gamma, vega and theta">
              <table className="chart-table">
                <caption className="visually-hidden">Gamma, vega and theta per underlying, USD</caption>
                <thead>
                  <tr>
                    <th scope="col">Asset</th>
                    <th scope="col">Gamma per 1% rise</th>
                    <th scope="col">Vega per vol point</th>
                    <th scope="col">Theta per day</th>
                  </tr>
                </thead>
                <tbody>
                  {second.map((r) => (
                    <tr key={r.symbol}>
                      <th scope="row">{r.symbol}</th>
                      <td>{formatSignedUsd(r.gammaUsdPerPercent)}</td>
                      <td>{formatSignedUsd(r.vegaUsdPerVolPoint)}</td>
                      <td>{formatSignedUsd(r.thetaUsdPerDay)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollableTable>
          )}
        </>
      )}
    </ChartFrame>
  )
})

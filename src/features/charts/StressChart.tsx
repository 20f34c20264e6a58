import { memo, useMemo } from 'react'
import { CartesianGrid, Line, LineChart, ReferenceDot, Tooltip, XAxis } from 'recharts'
import type { StressReport } from '../../engine/stress'
import { formatHealthFactorValue, formatShock } from '../../ui/format'
import { ChartFrame } from './ChartFrame'
import { ChartLegend } from './ChartLegend'
import { ChartPlot, gridProps, seriesStyle, tick, tooltipStyle } from './ChartPlot'
import { healthFactorYAxis, useThresholdReferenceLines } from './chartAxes'
import type { ChartThresholds } from './chartTypes'
import { thresholdLines } from './healthBand'
import { stressSeries, stressSummary } from './stressSeries'
import { useChartThresholds } from './useChartThresholds'

const TITLE = 'Stress: health factor against a price shock'

/** HF over ±60 % price shocks for each volatile asset alone and all together, the crossing of 1 marked. */
export const StressChart = memo(function StressChart({
  stress,
  thresholds,
}: {
  stress: StressReport
  thresholds: ChartThresholds
}) {
  const t = useChartThresholds(thresholds)
  const series = useMemo(() => stressSeries(stress, t), [stress, t])
  const summary = useMemo(() => stressSummary(stress), [stress])
  const lines = useMemo(() => thresholdLines(t), [t])
  const referenceLines = useThresholdReferenceLines(lines, 'insideTopLeft')
  const shocks = series.rows.map((r) => r.shock)
  const domain: [number, number] = [Math.min(...shocks, 0), Math.max(...shocks, 0)]
  const names = new Map(series.lines.map((l) => [l.key, l.name]))
  const legend = series.lines.map((l, i) => ({
    name: l.name,
    colour: seriesStyle(i).colour,
    dash: seriesStyle(i).dash,
  }))
  return (
    <ChartFrame
      testId="chart-stress"
      title={TITLE}
      summary={summary}
      empty={series.lines.length === 0 || series.noDebt}
    >
      {(summaryId) => (
        <>
          <ChartPlot label={TITLE} summaryId={summaryId} height={240}>
            <LineChart data={series.rows} margin={{ top: 8, right: 20, bottom: 0, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid {...gridProps} />
              <XAxis
                interval={0}
                dataKey="shock"
                type="number"
                domain={domain}
                tick={tick}
                tickFormatter={formatShock}
              />
              {healthFactorYAxis(series.axis.min, series.axis.max)}
              {referenceLines}
              <Tooltip
                {...tooltipStyle}
                isAnimationActive={false}
                labelFormatter={(shock) => (typeof shock === 'number' ? `Shock ${formatShock(shock)}` : '')}
                formatter={(value, key) => [
                  typeof value === 'number' ? formatHealthFactorValue(value) : '',
                  names.get(String(key)) ?? String(key),
                ]}
              />
              {series.lines.map((l, i) => {
                const style = seriesStyle(i)
                return (
                  <Line
                    key={l.key}
                    dataKey={l.key}
                    name={l.name}
                    type="linear"
                    stroke={style.colour}
                    strokeDasharray={style.dash}
                    strokeWidth={2}
                    dot={false}
                    isAnimationActive={false}
                  />
                )
              })}
              {series.lines.map((l, i) =>
                l.crossingShock === null ? null : (
                  <ReferenceDot
                    key={`${l.key}-crossing`}
                    x={l.crossingShock}
                    y={1}
                    r={5}
                    fill={seriesStyle(i).colour}
                    stroke="var(--panel)"
                    strokeWidth={2}
                    label={{ value: formatShock(l.crossingShock), position: 'bottom', fill: 'var(--fg)', fontSize: 11 }}
                  />
                ),
              )}
            </LineChart>
          </ChartPlot>
          <ChartLegend items={legend} kind="line" />
        </>
      )}
    </ChartFrame>
  )
})

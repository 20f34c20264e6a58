import { memo, useMemo } from 'react'
import { CartesianGrid, ComposedChart, Line, ReferenceDot, Tooltip } from 'recharts'
import type { HistoryPoint } from '../../state/history/historyPoint'
import { formatClockTime, formatHealthFactorValue } from '../../ui/format'
import { ChartFrame } from './ChartFrame'
import { ChartPlot, gridProps, seriesStyle, tooltipStyle } from './ChartPlot'
import { healthFactorYAxis, timeXAxis, useThresholdReferenceLines } from './chartAxes'
import type { ChartThresholds } from './chartTypes'
import { thresholdLines } from './healthBand'
import { type HealthHistoryDatum, healthHistorySeries, healthHistorySummary } from './healthHistorySeries'
import { timeTicks } from './timeTicks'
import { useChartThresholds } from './useChartThresholds'

const TITLE = 'Health factor over time'

/** Time labels on the axis: fixed positions (timeTicks), thinned by Recharts where they would collide. */
const TIME_TICKS = 6

/**
 * The account's health factor block by block (LTTB to HISTORY_DISPLAY_POINTS), with 1.0 and the
 * user's lines, and a dot where each protective transaction landed.
 */
export const HealthHistoryChart = memo(function HealthHistoryChart({
  history,
  thresholds,
}: {
  history: readonly HistoryPoint[]
  thresholds: ChartThresholds
}) {
  const t = useChartThresholds(thresholds)
  const series = useMemo(() => healthHistorySeries(history, t), [history, t])
  const summary = useMemo(() => healthHistorySummary(history, t), [history, t])
  const lines = useMemo(() => thresholdLines(t), [t])
  const referenceLines = useThresholdReferenceLines(lines, 'insideBottomLeft')
  const ticks = useMemo(
    () => timeTicks(series.data[0]?.time ?? 0, series.data.at(-1)?.time ?? 0, TIME_TICKS),
    [series.data],
  )
  const line = seriesStyle(0)
  return (
    <ChartFrame testId="chart-health-history" title={TITLE} summary={summary} empty={history.length === 0} wide>
      {(summaryId) => (
        <>
          <ChartPlot label={TITLE} summaryId={summaryId}>
            <ComposedChart
              data={series.data}
              margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
              accessibilityLayer={false}
            >
              <CartesianGrid {...gridProps} vertical={false} />
              {timeXAxis(ticks)}
              {healthFactorYAxis(series.axis.min, series.axis.max)}
              {referenceLines}
              <Tooltip
                {...tooltipStyle}
                isAnimationActive={false}
                labelFormatter={(time) => (typeof time === 'number' ? formatClockTime(time) : '')}
                formatter={(_value, _name, item) => [
                  formatHealthFactorValue((item.payload as HealthHistoryDatum).actual),
                  'Health factor',
                ]}
              />
              <Line
                dataKey="hf"
                type="linear"
                stroke={line.colour}
                strokeWidth={2}
                dot={series.data.length === 1}
                isAnimationActive={false}
              />
              {series.markers.map((m) => (
                <ReferenceDot
                  key={m.block}
                  x={m.time}
                  y={m.hf}
                  r={6}
                  fill="var(--accent)"
                  stroke="var(--panel)"
                  strokeWidth={2}
                />
              ))}
            </ComposedChart>
          </ChartPlot>
          {series.markers.length > 0 && (
            <p className="chart-note muted">● a protective transaction landed (block {series.markers.at(-1)?.block})</p>
          )}
          {series.clipped && (
            <p className="chart-note muted">
              Values above {formatHealthFactorValue(series.axis.max)} (∞: no debt) are drawn at the top.
            </p>
          )}
        </>
      )}
    </ChartFrame>
  )
})

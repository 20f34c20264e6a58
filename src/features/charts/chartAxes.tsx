import { useMemo } from 'react'
import { ReferenceLine, XAxis, YAxis } from 'recharts'
import { formatClockTime, formatHealthFactorValue } from '../../ui/format'
import { LINE_COLOURS, tick } from './ChartPlot'
import type { ThresholdLine } from './healthBand'

// Axes and lines that several charts draw alike. They return Recharts elements (not components),
// so each stays a direct child of its chart, as Recharts reads them.

/**
 * A bar chart's zero line at x = 0 or y = 0: one element for every render and chart, so a redraw
 * never re-registers it (see useThresholdReferenceLines).
 */
export const ZERO_X_LINE = <ReferenceLine x={0} stroke="var(--muted)" />
export const ZERO_Y_LINE = <ReferenceLine y={0} stroke="var(--muted)" />

/** A time axis (epoch ms) at fixed tick positions (timeTicks), thinned by Recharts where labels would collide. */
export function timeXAxis(ticks: number[]) {
  return (
    <XAxis
      dataKey="time"
      type="number"
      scale="time"
      domain={['dataMin', 'dataMax']}
      ticks={ticks}
      tick={tick}
      tickFormatter={formatClockTime}
      minTickGap={24}
    />
  )
}

/** A health-factor axis over [min, max]; values beyond it are drawn at its edge (the chart says so). */
export function healthFactorYAxis(min: number, max: number) {
  return (
    <YAxis
      interval={0}
      domain={[min, max]}
      allowDataOverflow
      tick={tick}
      tickFormatter={formatHealthFactorValue}
      width={40}
    />
  )
}

/**
 * 1.0 and the user's lines, each in its colour (dashed but 1.0), labelled at `position`; the same
 * elements until the lines change. A Recharts ReferenceLine that renders again removes and re-adds
 * itself in the chart's store (an effect without dependencies: two store updates, each re-running
 * the chart's selectors), so lines rebuilt for every data redraw cost a third of a redraw's store
 * work; unchanged elements are skipped by React.
 */
export function useThresholdReferenceLines(
  lines: readonly ThresholdLine[],
  position: 'insideBottomLeft' | 'insideTopLeft',
) {
  return useMemo(() => thresholdReferenceLines(lines, position), [lines, position])
}

function thresholdReferenceLines(lines: readonly ThresholdLine[], position: 'insideBottomLeft' | 'insideTopLeft') {
  return lines.map((l) => (
    <ReferenceLine
      key={l.name}
      y={l.value}
      stroke={LINE_COLOURS[l.name]}
      strokeDasharray={l.name === 'liquidation' ? undefined : '4 4'}
      label={{ value: l.label, position, fill: 'var(--muted)', fontSize: 11 }}
    />
  ))
}

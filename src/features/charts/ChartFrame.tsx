import { type ReactNode, useId } from 'react'
import { useChartSlotRef } from './ChartSlot'

export type ChartFrameProps = {
  testId: string
  title: string
  /** The text alternative: the current value and the trend, shown under the chart and read with it. */
  summary: string
  /** Nothing to draw (no debt, no history yet): the summary says why and takes the plot's place. */
  empty?: boolean
  /** The plots and tables; `summaryId` links a plot to the summary (aria-describedby). */
  children?: (summaryId: string) => ReactNode
  /** Spans the whole grid row (long time series, wide tables). */
  wide?: boolean
}

/**
 * One chart of the dashboard: a heading, the plot(s) and the text alternative as the figure's
 * caption. No recharts here, so the loading state can share the layout without pulling it in.
 */
export function ChartFrame({ testId, title, summary, empty = false, children, wide = false }: ChartFrameProps) {
  const id = useId()
  // Inside a ChartSlot: the slot watches this figure to update the chart only while it is on screen.
  const slotRef = useChartSlotRef()
  const titleId = `${id}-title`
  const summaryId = `${id}-summary`
  return (
    <figure
      ref={slotRef}
      className={wide ? 'chart-card chart-card-wide' : 'chart-card'}
      data-testid={testId}
      data-empty={empty}
      aria-labelledby={titleId}
    >
      <h3 id={titleId} className="chart-title">
        {title}
      </h3>
      {!empty && children?.(summaryId)}
      <figcaption id={summaryId} className={empty ? 'chart-summary chart-empty' : 'chart-summary'}>
        {summary}
      </figcaption>
    </figure>
  )
}

import { type ReactElement, type RefObject, useEffect, useRef } from 'react'
import { ResponsiveContainer } from 'recharts'
import { useQueuedValue } from './useQueuedValue'

/** Plot heights (px): fixed, so streaming updates never reflow the page. */
export const PLOT_HEIGHT = 240

/**
 * A Recharts plot as one image for assistive technology: its label names it and the figure's
 * caption (aria-describedby) gives the value and trend; the SVG's own parts are not read.
 */
export function ChartPlot({
  label,
  summaryId,
  height = PLOT_HEIGHT,
  children,
}: {
  label: string
  summaryId: string
  height?: number
  children: ReactElement
}) {
  const ref = useRef<HTMLDivElement>(null)
  useUntabbableLayers(ref)
  // Each plot is drawn in a task of its own, the first time too: a card with several plots (a bar
  // chart and a small multiple per asset) would otherwise redraw them all in one task, and the
  // charts chunk's arrival would mount every plot of the page in one.
  const plot = useQueuedValue<ReactElement | null>(children, { initial: null })
  return (
    <div ref={ref} className="chart-plot" role="img" aria-label={label} aria-describedby={summaryId} style={{ height }}>
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 320, height }}>
        {plot}
      </ResponsiveContainer>
    </div>
  )
}

const LAYER = 'g[class^="recharts-zIndex-layer_"]:not([tabindex])'

/**
 * Recharts 3 draws each z-index layer into a `<g>` that React uses as a portal container; React's
 * focus listeners on it make Chromium put every layer in the tab order (recharts PR #6687 added
 * tabIndex −1 for this, #7805 removed it again in 3.11). Four or five invisible tab stops per chart,
 * inside an element that is one image to assistive technology, fail "keyboard reachable, visible
 * focus"; tabIndex −1 takes them out of the tab order and leaves the mouse tooltips working. Layers
 * appear after the first commit, as the chart registers them, hence the observer.
 */
function useUntabbableLayers(ref: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const root = ref.current
    if (!root) return
    const fix = () => {
      for (const g of root.querySelectorAll(LAYER)) g.setAttribute('tabindex', '-1')
    }
    fix()
    const observer = new MutationObserver(fix)
    observer.observe(root, { childList: true, subtree: true })
    return () => observer.disconnect()
  }, [ref])
}

/** What Recharts passes a custom tick (the parts used here). */
type TickProps = {
  x?: number | string
  y?: number | string
  textAnchor?: 'start' | 'middle' | 'end' | 'inherit'
  verticalAnchor?: 'start' | 'middle' | 'end'
  className?: string
  index?: number
  payload?: { value?: unknown }
  tickFormatter?: (value: never, index: number) => string
}

/** Baseline shifts Recharts' own Text uses for its vertical anchors. */
const TICK_DY = { start: '0.71em', middle: '0.355em', end: '0' } as const

/**
 * Axis labels as plain SVG text in the theme's muted colour. Recharts' default tick is its Text
 * component, which measures every word in a hidden DOM span to wrap it (a forced layout of the page
 * on each new label, every streamed redraw); axis labels are single words and never wrap.
 */
export function tick(props: TickProps) {
  const { x, y, textAnchor, verticalAnchor = 'end', className, index = 0, payload, tickFormatter } = props
  const value = payload?.value
  const text = tickFormatter ? tickFormatter(value as never, index) : String(value ?? '')
  return (
    <text
      x={x}
      y={y}
      dy={TICK_DY[verticalAnchor]}
      textAnchor={textAnchor}
      className={className}
      fill="var(--muted)"
      fontSize={12}
    >
      {text}
    </text>
  )
}
export const tooltipStyle = {
  contentStyle: {
    background: 'var(--panel)',
    border: '1px solid var(--border)',
    borderRadius: '0.4rem',
    color: 'var(--fg)',
    fontSize: '0.85rem',
  },
  labelStyle: { color: 'var(--fg)' },
  itemStyle: { color: 'var(--fg)' },
}
export const gridProps = { stroke: 'var(--border)', strokeDasharray: '3 3' }

/** Series colours and dash patterns: the dash keeps lines apart where colour alone would not. */
export const SERIES = [
  { colour: 'var(--chart-1)', dash: undefined },
  { colour: 'var(--chart-2)', dash: '6 3' },
  { colour: 'var(--chart-3)', dash: '2 3' },
  { colour: 'var(--chart-4)', dash: '8 3 2 3' },
  { colour: 'var(--chart-5)', dash: '1 2' },
] as const
export const seriesStyle = (i: number) => SERIES[i % SERIES.length] as (typeof SERIES)[number]

/** Health-factor lines: 1.0 in the danger colour, the user's lines in their own. */
export const LINE_COLOURS: Record<string, string> = {
  liquidation: 'var(--bad)',
  warning: 'var(--warn)',
  target: 'var(--ok)',
  upper: 'var(--muted)',
}

import type { HistoryPoint } from '../../state/history/historyPoint'
import { formatDuration, formatHealthFactor, formatHealthFactorValue, formatRatio } from '../../ui/format'
import { lttb } from '../../ui/lttb'
import type { ChartThresholds } from './chartTypes'
import { clipToAxis, HEALTH_BAND_WORDS, type HealthAxis, healthAxis, healthBand, thresholdLines } from './healthBand'

/** DESIGN.md: charts downsample to at most 2,000 points. */
export const MAX_CHART_POINTS = 2_000

/**
 * At most `maxPoints` of the history for the chart: LTTB on (time, HF) over the unmarked budget, and
 * every point carrying a marker (where a protective transaction landed) kept on top of it; if there
 * are more markers than fit, the latest ones. Order is the history's.
 */
export function downsampleHistory(
  history: readonly HistoryPoint[],
  maxPoints = MAX_CHART_POINTS,
): readonly HistoryPoint[] {
  if (history.length <= maxPoints) return history
  const markers = history.filter((p) => p.marker !== undefined).slice(-(maxPoints - 2))
  const base = lttb(
    history,
    maxPoints - markers.length,
    (p) => p.time,
    (p) => p.healthFactor,
  )
  const kept = new Set<HistoryPoint>([...base, ...markers])
  return history.filter((p) => kept.has(p))
}

export type HealthHistoryDatum = {
  /** Epoch milliseconds (the time axis). */
  time: number
  /** HF as drawn: clipped to the axis top. */
  hf: number
  /** HF as it is (∞ without debt), for the tooltip. */
  actual: number
  block: string
  marker: boolean
}

export type HealthHistorySeries = {
  data: HealthHistoryDatum[]
  markers: HealthHistoryDatum[]
  axis: HealthAxis
  /** Some points are drawn at the top because they are higher (or ∞). */
  clipped: boolean
}

/**
 * Points drawn in the history chart: about one per 4 px of the widest card (1440 px page). More do
 * not show, and each one costs a Recharts redraw every second while blocks stream (DESIGN.md: no
 * main-thread task over 50 ms); LTTB keeps the peaks and troughs, markers are always kept.
 */
export const HISTORY_DISPLAY_POINTS = 300

export function healthHistorySeries(
  history: readonly HistoryPoint[],
  t: ChartThresholds,
  maxPoints = HISTORY_DISPLAY_POINTS,
): HealthHistorySeries {
  const points = downsampleHistory(history, maxPoints)
  const axis = healthAxis(
    points.map((p) => p.healthFactor),
    t,
  )
  let clipped = false
  const data = points.map((p): HealthHistoryDatum => {
    const hf = clipToAxis(p.healthFactor, axis)
    if (hf !== p.healthFactor) clipped = true
    return {
      time: p.time * 1_000,
      hf,
      actual: p.healthFactor,
      block: p.block.toString(),
      marker: p.marker !== undefined,
    }
  })
  return { data, markers: data.filter((d) => d.marker), axis, clipped }
}

/** The trend window of the text alternative. */
export const TREND_WINDOW_SECONDS = 3_600

/** ∞ counts as above every line; NaN as nowhere. */
const side = (hf: number, line: number) => (Number.isNaN(hf) ? 0 : hf < line ? -1 : 1)

/**
 * The text alternative of the health-factor chart: the value now and its band, the change over the
 * last hour (or the history's span when shorter), the lines crossed in that window with the
 * direction of the latest crossing, and the protective transactions that landed.
 * "Health factor 1.42, down 3.0% over the last hour; crosses no threshold."
 */
export function healthHistorySummary(
  history: readonly HistoryPoint[],
  t: ChartThresholds,
  windowSeconds = TREND_WINDOW_SECONDS,
): string {
  const last = history.at(-1)
  if (!last) return 'No history yet: collecting one point per block.'
  const band = healthBand(last.healthFactor, t)
  const now =
    band === 'no-debt'
      ? 'No debt: health factor ∞ (drawn at the top of the chart)'
      : `Health factor ${formatHealthFactor(last.healthFactorWad)} (${HEALTH_BAND_WORDS[band]})`
  const window = history.filter((p) => p.time >= last.time - windowSeconds)
  const first = window[0] as HistoryPoint
  const span = last.time - first.time
  if (window.length < 2 || span <= 0) return `${now}; collecting history for a trend.`

  const over = span >= windowSeconds ? 'over the last hour' : `over the last ${formatDuration(span)}`
  const parts = [`${now}, ${trendWords(first.healthFactor, last.healthFactor)} ${over}`]

  const crossed: string[] = []
  for (const line of thresholdLines(t)) {
    let direction = 0
    for (let i = 1; i < window.length; i++) {
      const a = side((window[i - 1] as HistoryPoint).healthFactor, line.value)
      const b = side((window[i] as HistoryPoint).healthFactor, line.value)
      if (a !== 0 && b !== 0 && a !== b) direction = b
    }
    if (direction !== 0)
      crossed.push(
        `${direction < 0 ? 'below' : 'above'} ${line.name === 'liquidation' ? '1' : `the ${line.name} line`} (${formatHealthFactorValue(line.value)})`,
      )
  }
  parts.push(crossed.length === 0 ? 'crosses no threshold' : `crossed ${crossed.join(', ')}`)

  const protections = window.filter((p) => p.marker !== undefined).length
  if (protections > 0) parts.push(`${protections} protective transaction${protections === 1 ? '' : 's'} landed`)
  return `${parts.join('; ')}.`
}

function trendWords(from: number, to: number): string {
  if (from === Number.POSITIVE_INFINITY && to === Number.POSITIVE_INFINITY) return 'unchanged'
  if (from === Number.POSITIVE_INFINITY) return 'debt taken on'
  if (to === Number.POSITIVE_INFINITY) return 'debt repaid in full'
  const change = from > 0 ? (to - from) / from : 0
  // Below 0.05 % the change rounds to 0.0 % and would read as noise.
  if (!Number.isFinite(change) || Math.abs(change) < 0.0005) return 'unchanged'
  return `${change < 0 ? 'down' : 'up'} ${formatRatio(Math.abs(change))}`
}

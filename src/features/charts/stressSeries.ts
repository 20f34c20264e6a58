import type { StressReport } from '../../engine/stress'
import { formatHealthFactorValue, formatRatio, formatShock } from '../../ui/format'
import type { ChartThresholds } from './chartTypes'
import { clipToAxis, type HealthAxis, healthAxis } from './healthBand'

export type StressLine = {
  /** Data key of the curve in the rows (`c0`, `c1`, …): symbols are not safe object keys for charts. */
  key: string
  /** "WETH", or "All together" for every volatile asset moving at once. */
  name: string
  /** The shock (fraction) where HF crosses 1 inside the grid, else null. */
  crossingShock: number | null
  /** The same wherever it lies, or null when no move of these prices liquidates. */
  boundaryShock: number | null
}

export type StressRow = { shock: number } & Record<string, number>

export type StressSeries = {
  rows: StressRow[]
  lines: StressLine[]
  axis: HealthAxis
  clipped: boolean
  /** Every curve is ∞: the account has no debt. */
  noDebt: boolean
}

const lineName = (label: string) => (label === 'all' ? 'All together' : label)

/**
 * Rows drawn per curve: about one per 5 px of a half-width card. The engine's 201-point grid drawn in
 * full costs a Recharts redraw four times the path work for no visible difference; the crossing of 1
 * is added as a row of its own, so the line still passes through its marker exactly.
 */
export const STRESS_DISPLAY_ROWS = 61

/** The grid indices to draw: evenly spread over the grid, both ends and the no-shock point always. */
function displayIndices(shocks: Float64Array, maxRows: number): number[] {
  const n = shocks.length
  if (n <= maxRows) return Array.from({ length: n }, (_, i) => i)
  const kept = new Set<number>()
  for (let k = 0; k < maxRows; k++) kept.add(Math.round((k * (n - 1)) / (maxRows - 1)))
  let zero = 0
  shocks.forEach((shock, i) => {
    if (Math.abs(shock) < Math.abs(shocks[zero] as number)) zero = i
  })
  kept.add(zero)
  return [...kept].sort((a, b) => a - b)
}

/** A curve's drawn value at `shock` between grid points: linear, as the full grid's line is drawn. */
function drawnAt(shocks: Float64Array, values: Float64Array, shock: number, axis: HealthAxis): number {
  let i = 1
  while (i < shocks.length - 1 && (shocks[i] as number) < shock) i++
  const x0 = shocks[i - 1] as number
  const x1 = shocks[i] as number
  const y0 = clipToAxis(values[i - 1] as number, axis)
  const y1 = clipToAxis(values[i] as number, axis)
  const f = x1 === x0 ? 0 : (shock - x0) / (x1 - x0)
  return y0 + (y1 - y0) * f
}

/**
 * The stress report as chart rows: one row per drawn shock (at most `maxRows` of the grid, plus one
 * at each crossing of 1), one column per curve, HF clipped to the axis.
 */
export function stressSeries(stress: StressReport, t: ChartThresholds, maxRows = STRESS_DISPLAY_ROWS): StressSeries {
  const lines: StressLine[] = stress.curves.map((c, i) => ({
    key: `c${i}`,
    name: lineName(c.label),
    crossingShock: c.crossingShock,
    boundaryShock: c.boundaryShock,
  }))
  const all: number[] = []
  for (const c of stress.curves) for (const hf of c.healthFactor) all.push(hf)
  const axis = healthAxis(all, t)
  const noDebt = all.length > 0 && all.every((hf) => hf === Number.POSITIVE_INFINITY)
  let clipped = false
  for (const hf of all) if (clipToAxis(hf, axis) !== hf) clipped = true
  const rows = displayIndices(stress.shocks, maxRows).map((g) => {
    const row: StressRow = { shock: stress.shocks[g] as number }
    stress.curves.forEach((c, i) => {
      row[`c${i}`] = clipToAxis(c.healthFactor[g] as number, axis)
    })
    return row
  })
  stress.curves.forEach((c, i) => {
    const at = c.crossingShock
    if (at === null || rows.some((r) => r.shock === at)) return
    const row: StressRow = { shock: at }
    stress.curves.forEach((other, j) => {
      row[`c${j}`] = j === i ? clipToAxis(1, axis) : drawnAt(stress.shocks, other.healthFactor, at, axis)
    })
    rows.push(row)
  })
  rows.sort((a, b) => a.shock - b.shock)
  return { rows, lines, axis, clipped, noDebt }
}

/**
 * The text alternative: for each curve the price move that takes HF to 1 (exact, from the
 * liquidation-price solver) and the HF at the grid's worst shock.
 * "WETH alone: HF 1 after a 27.3% fall (lowest HF 0.55 at -60%); …"
 */
export function stressSummary(stress: StressReport): string {
  if (stress.curves.length === 0) return 'No volatile price moves this account’s health factor: nothing to stress.'
  if (stress.curves.every((c) => c.healthFactor.every((hf) => hf === Number.POSITIVE_INFINITY)))
    return 'No debt: no price shock can liquidate this account.'
  const parts = stress.curves.map((c) => {
    const who = c.label === 'all' ? 'All volatile assets together' : `${c.label} alone`
    const boundary =
      c.boundaryShock === null
        ? 'no price move reaches HF 1'
        : `HF 1 after ${withArticle(formatRatio(Math.abs(c.boundaryShock)))} ${c.boundaryShock < 0 ? 'fall' : 'rise'}${c.crossingShock === null ? ' (beyond the chart)' : ''}`
    let worst = 0
    c.healthFactor.forEach((hf, i) => {
      if (hf < (c.healthFactor[worst] as number)) worst = i
    })
    const at = formatShock(stress.shocks[worst] ?? 0)
    return `${who}: ${boundary} (lowest HF ${formatHealthFactorValue(c.healthFactor[worst] as number)} at ${at})`
  })
  return `${parts.join('; ')}.`
}

/** "a 27.3%", "an 80%", "an 11%": the article English reads before a spoken number. */
export const withArticle = (figure: string) => `${/^(8|11(\D|$)|18(\D|$))/.test(figure) ? 'an' : 'a'} ${figure}`

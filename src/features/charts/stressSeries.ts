import type { StressReport } from '../../engine/stress'
import { formatRatio } from '../../ui/format'
import { formatHealthFactorValue, formatShock } from './chartFormat'
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

/** The stress report as chart rows: one row per shock, one column per curve, HF clipped to the axis. */
export function stressSeries(stress: StressReport, t: ChartThresholds): StressSeries {
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
  const rows = Array.from(stress.shocks, (shock, g) => {
    const row: StressRow = { shock }
    stress.curves.forEach((c, i) => {
      const hf = c.healthFactor[g] as number
      const drawn = clipToAxis(hf, axis)
      if (drawn !== hf) clipped = true
      row[`c${i}`] = drawn
    })
    return row
  })
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

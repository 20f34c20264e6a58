import type { ScenarioCell, ScenarioMatrix } from '../../engine/scenarioMatrix'
import { healthFactorFloat } from '../../state/history/historyPoint'
import { formatHealthFactor, formatShock, formatSignedUsd, formatVolatilityShift } from '../../ui/format'
import type { ChartThresholds } from './chartTypes'
import { HEALTH_BAND_WORDS, type HealthBand, healthBand } from './healthBand'

export type HeatCell = {
  key: string
  shock: string
  /** HF as printed in the cell (exact WAD, truncated); ∞ without debt. */
  healthFactor: string
  band: HealthBand
  pnl: string
}

export type HeatRow = { key: string; label: string; cells: HeatCell[] }

export type ScenarioHeatmap = {
  /** Column headings of the main grid (price shocks). */
  shocks: string[]
  /** One row per volatility move (down, today's, up). */
  rows: HeatRow[]
  /** The extreme moves at today's volatility, each with its own shock. */
  extended: HeatCell[]
}

function heatCell(c: ScenarioCell, t: ChartThresholds): HeatCell {
  return {
    key: `${c.priceShock}:${c.volatilityShift}`,
    shock: formatShock(c.priceShock),
    healthFactor: formatHealthFactor(c.healthFactorWad),
    band: healthBand(healthFactorFloat(c.healthFactorWad), t),
    pnl: formatSignedUsd(c.pnlUsd),
  }
}

/** The scenario matrix as table rows, each cell banded against the user's lines with its value printed. */
export function scenarioHeatmap(m: ScenarioMatrix, t: ChartThresholds): ScenarioHeatmap {
  return {
    shocks: m.priceShocks.map(formatShock),
    rows: m.cells.map((row, v) => {
      const shift = m.volatilityShifts[v] ?? 0
      return {
        key: String(shift),
        label: `Volatility ${formatVolatilityShift(shift)}`,
        cells: row.map((c) => heatCell(c, t)),
      }
    }),
    extended: m.extended.map((c) => heatCell(c, t)),
  }
}

/**
 * The text alternative: the worst cell of the ±16 % grid (HF, band, P&L) and the mildest move, up
 * or down, that takes HF below 1 across the grid and the extended row (today's volatility).
 */
export function scenarioSummary(m: ScenarioMatrix, t: ChartThresholds): string {
  const today = m.cells[m.volatilityShifts.indexOf(0)] ?? m.cells[0] ?? []
  const all = [...today, ...m.extended].sort((a, b) => a.priceShock - b.priceShock)
  if (all.length === 0) return 'No scenarios.'
  if (all.every((c) => healthFactorFloat(c.healthFactorWad) === Number.POSITIVE_INFINITY)) {
    const pnl = all.map((c) => c.pnlUsd)
    return `No debt: every scenario leaves the account safe (HF ∞); the book moves from ${formatSignedUsd(Math.min(...pnl))} to ${formatSignedUsd(Math.max(...pnl))}.`
  }
  const worst = today.reduce((a, b) => (b.healthFactorWad < a.healthFactorWad ? b : a))
  const band = HEALTH_BAND_WORDS[healthBand(healthFactorFloat(worst.healthFactorWad), t)]
  const parts = [
    `Worst of ±16% on every volatile price: ${formatShock(worst.priceShock)}, HF ${formatHealthFactor(worst.healthFactorWad)} (${band}), P&L ${formatSignedUsd(worst.pnlUsd)}`,
  ]
  const liquidating = all.filter((c) => healthFactorFloat(c.healthFactorWad) < 1)
  const fall = liquidating.filter((c) => c.priceShock < 0).at(-1)
  const rise = liquidating.find((c) => c.priceShock > 0)
  const at = liquidating.find((c) => c.priceShock === 0)
  if (at) parts.push('HF is below 1 already')
  else if (!fall && !rise)
    parts.push(
      `HF stays at or above 1 from ${formatShock(all[0]?.priceShock ?? 0)} to ${formatShock(all.at(-1)?.priceShock ?? 0)}`,
    )
  else {
    if (fall) parts.push(`HF below 1 from a ${formatShock(fall.priceShock)} move`)
    if (rise) parts.push(`HF below 1 from a ${formatShock(rise.priceShock)} move`)
  }
  return `${parts.join('; ')}.`
}

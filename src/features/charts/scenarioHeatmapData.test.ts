import { describe, expect, test } from 'vitest'
import type { ScenarioMatrix } from '../../engine/scenarioMatrix'
import { noDebtReport, report } from './chartTesting'
import { scenarioHeatmap, scenarioSummary } from './scenarioHeatmapData'

const t = { warning: 1.2, target: 1.5 }

describe('scenario heat map', () => {
  test('three volatility rows of nine shocks, and the extended row, each cell with its band and printed HF', () => {
    const h = scenarioHeatmap(report().scenarios, t)
    expect(h.shocks).toEqual(['-16%', '-12%', '-8%', '-4%', '0%', '+4%', '+8%', '+12%', '+16%'])
    expect(h.rows.map((r) => r.label)).toEqual(['Volatility -10 pts', 'Volatility today’s', 'Volatility +10 pts'])
    const today = h.rows[1]?.cells ?? []
    // HF 1.375 today; at −16 % 1.155 (warning band), at +16 % 1.595 (on target).
    expect(today[4]).toMatchObject({ healthFactor: '1.37', band: 'below-target', pnl: '$0' })
    expect(today[0]).toMatchObject({ healthFactor: '1.15', band: 'warning', pnl: '-$3,200' })
    expect(today[8]).toMatchObject({ healthFactor: '1.59', band: 'on-target', pnl: '+$3,200' })
    expect(h.extended.map((c) => c.shock)).toEqual([
      '-66%',
      '-50%',
      '-33%',
      '-25%',
      '+25%',
      '+33%',
      '+50%',
      '+75%',
      '+100%',
    ])
    expect(h.extended[0]).toMatchObject({ band: 'liquidatable' })
  })

  test('the text names the worst grid cell and the mildest move that liquidates', () => {
    expect(scenarioSummary(report().scenarios, t)).toBe(
      'Worst of ±16% on every volatile price: -16%, HF 1.15 (below the warning line), P&L -$3,200; HF below 1 from a -33% move.',
    )
  })

  test('no debt, and an account that is safe across every move, say so', () => {
    expect(scenarioSummary(noDebtReport().scenarios, t)).toBe(
      'No debt: every scenario leaves the account safe (HF ∞); the book moves from -$1,320 to +$2,000.',
    )
    const m = report().scenarios
    const safe: ScenarioMatrix = {
      ...m,
      extended: m.extended.map((c) => ({ ...c, healthFactorWad: 2n * 10n ** 18n })),
    }
    expect(scenarioSummary(safe, t)).toMatch(/HF stays at or above 1 from -66% to \+100%\.$/)
    const liquidatable: ScenarioMatrix = {
      ...m,
      cells: m.cells.map((row) => row.map((c) => ({ ...c, healthFactorWad: 9n * 10n ** 17n }))),
    }
    expect(scenarioSummary(liquidatable, t)).toMatch(/HF is below 1 already\.$/)
  })
})

import { describe, expect, test } from 'vitest'
import type { StressReport } from '../../engine/stress'
import { noDebtReport, report } from './chartTesting'
import { STRESS_DISPLAY_ROWS, stressSeries, stressSummary, withArticle } from './stressSeries'

const t = { warning: 1.2, target: 1.5 }

describe('stress series', () => {
  test('one row per shock and one column per curve (each asset, then all together)', () => {
    const r = report()
    const s = stressSeries(r.stress, t, 201)
    // Every grid shock, plus one row where each curve crosses 1.
    expect(s.rows.filter((row) => r.stress.shocks.includes(row.shock))).toHaveLength(201)
    expect(s.rows).toHaveLength(201 + s.lines.filter((l) => l.crossingShock !== null).length)
    expect(s.lines.map((l) => l.name)).toEqual(['WETH', 'All together'])
    const atZero = s.rows.find((row) => row.shock === 0)
    // At no shock both curves are today's HF, 10 · 2,000 · 0.825 / 12,000.
    expect(atZero?.c0).toBeCloseTo(1.375, 9)
    expect(atZero?.c1).toBeCloseTo(1.375, 9)
    expect(s.lines[0]?.crossingShock).toBeCloseTo(-0.2727, 3)
    expect(s.noDebt).toBe(false)
  })

  test('drawn with at most 61 grid rows plus a row at each crossing of 1, through the grid values', () => {
    const r = report()
    const full = stressSeries(r.stress, t, 201)
    const s = stressSeries(r.stress, t)
    const crossings = s.lines.filter((l) => l.crossingShock !== null).length
    expect(crossings).toBeGreaterThan(0)
    expect(s.rows.length).toBeGreaterThan(50)
    expect(s.rows.length).toBeLessThanOrEqual(STRESS_DISPLAY_ROWS + crossings)
    // Ordered by shock, both ends and the no-shock point kept.
    expect(s.rows.map((row) => row.shock)).toEqual([...s.rows.map((row) => row.shock)].sort((a, b) => a - b))
    expect(s.rows[0]).toEqual(full.rows[0])
    expect(s.rows.at(-1)).toEqual(full.rows.at(-1))
    expect(s.rows.find((row) => row.shock === 0)?.c0).toBeCloseTo(1.375, 9)
    // Grid rows carry the grid's values; the crossing row puts its curve exactly at 1.
    const byShock = new Map(full.rows.map((row) => [row.shock, row]))
    for (const row of s.rows) {
      const grid = byShock.get(row.shock)
      if (grid) expect(row).toEqual(grid)
    }
    for (const [i, line] of s.lines.entries()) {
      if (line.crossingShock === null) continue
      const row = s.rows.find((x) => x.shock === line.crossingShock)
      expect(row?.[`c${i}`]).toBe(1)
    }
  })

  test('values above the axis are clipped and flagged; ∞ everywhere means no debt', () => {
    const s = stressSeries(noDebtReport().stress, t)
    expect(s.noDebt).toBe(true)
    expect(s.clipped).toBe(true)
    expect(s.rows.every((row) => row.c0 === s.axis.max)).toBe(true)
  })

  test('the text names the exact price move to HF 1 and the lowest HF on the grid', () => {
    expect(stressSummary(report().stress)).toBe(
      'WETH alone: HF 1 after a 27.3% fall (lowest HF 0.55 at -60%); ' +
        'All volatile assets together: HF 1 after a 27.3% fall (lowest HF 0.55 at -60%).',
    )
  })

  test('the article before a figure follows how it is read', () => {
    expect(['27.3%', '80%', '8.5%', '11%', '18.2%', '110%', '1%'].map(withArticle)).toEqual([
      'a 27.3%',
      'an 80%',
      'an 8.5%',
      'an 11%',
      'an 18.2%',
      'a 110%',
      'a 1%',
    ])
  })

  test('a crossing beyond the grid is said to be beyond the chart; no curve, no debt and no crossing have words', () => {
    const curve = {
      label: 'WETH',
      assets: [],
      healthFactor: Float64Array.from([1.1, 1.2, 1.3]),
      crossingShock: null,
      boundaryShock: -0.8,
    }
    const stress: StressReport = { shocks: Float64Array.from([-0.6, 0, 0.6]), curves: [curve] }
    expect(stressSummary(stress)).toBe(
      'WETH alone: HF 1 after an 80% fall (beyond the chart) (lowest HF 1.10 at -60%).',
    )
    expect(stressSummary({ ...stress, curves: [{ ...curve, boundaryShock: null }] })).toMatch(
      /no price move reaches HF 1/,
    )
    expect(stressSummary({ ...stress, curves: [] })).toMatch(/nothing to stress/)
    expect(stressSummary(noDebtReport().stress)).toBe('No debt: no price shock can liquidate this account.')
  })
})

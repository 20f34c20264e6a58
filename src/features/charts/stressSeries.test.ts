import { describe, expect, test } from 'vitest'
import type { StressReport } from '../../engine/stress'
import { noDebtReport, report } from './chartTesting'
import { stressSeries, stressSummary, withArticle } from './stressSeries'

const t = { warning: 1.2, target: 1.5 }

describe('stress series', () => {
  test('one row per shock and one column per curve (each asset, then all together)', () => {
    const r = report()
    const s = stressSeries(r.stress, t)
    expect(s.rows).toHaveLength(201)
    expect(s.lines.map((l) => l.name)).toEqual(['WETH', 'All together'])
    expect(s.rows[100]?.shock).toBe(0)
    // At no shock both curves are today's HF, 10 · 2,000 · 0.825 / 12,000.
    expect(s.rows[100]?.c0).toBeCloseTo(1.375, 9)
    expect(s.rows[100]?.c1).toBeCloseTo(1.375, 9)
    expect(s.lines[0]?.crossingShock).toBeCloseTo(-0.2727, 3)
    expect(s.noDebt).toBe(false)
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

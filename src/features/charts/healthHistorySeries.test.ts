import { describe, expect, test } from 'vitest'
import { MAX_UINT256 } from '../../engine/wadRayMath'
import type { HistoryPoint } from '../../state/history/historyPoint'
import { pointAt } from '../../state/history/historyTesting'
import {
  downsampleHistory,
  HISTORY_DISPLAY_POINTS,
  healthHistorySeries,
  healthHistorySummary,
  MAX_CHART_POINTS,
} from './healthHistorySeries'

const t = { warning: 1.2, target: 1.5 }
const TX = `0x${'ab'.repeat(32)}` as const

/** Block n at 2 s per block with the given HF (float and WAD agree to 1e-18). */
const at = (n: number, hf: number, overrides: Partial<HistoryPoint> = {}) =>
  pointAt(n, {
    healthFactor: hf,
    healthFactorWad: hf === Number.POSITIVE_INFINITY ? MAX_UINT256 : BigInt(Math.round(hf * 1e6)) * 10n ** 12n,
    ...overrides,
  })
const noDebt = (n: number) => at(n, Number.POSITIVE_INFINITY)

describe('downsampleHistory', () => {
  test('a history within the budget is drawn as it is', () => {
    const history = Array.from({ length: 10 }, (_, i) => pointAt(i))
    expect(downsampleHistory(history)).toBe(history)
  })

  test('a long history is cut to at most 2,000 points and every protection marker is kept', () => {
    const history = Array.from({ length: 20_000 }, (_, i) =>
      at(i, 1.4 + 0.01 * Math.sin(i / 50), i % 997 === 5 ? { marker: { kind: 'protect', txHash: TX } } : {}),
    )
    const markers = history.filter((p) => p.marker)
    expect(markers.length).toBeGreaterThan(15)
    const out = downsampleHistory(history)
    expect(out.length).toBeLessThanOrEqual(MAX_CHART_POINTS)
    expect(out.length).toBeGreaterThan(MAX_CHART_POINTS - markers.length - 1)
    for (const m of markers) expect(out).toContain(m)
    expect(out[0]).toBe(history[0])
    expect(out.at(-1)).toBe(history.at(-1))
    for (let i = 1; i < out.length; i++)
      expect((out[i] as HistoryPoint).block).toBeGreaterThan((out[i - 1] as HistoryPoint).block)
  })

  test('more markers than the budget: the latest ones are kept and the cap still holds', () => {
    const history = Array.from({ length: 50 }, (_, i) => at(i, 1.4, { marker: { kind: 'protect', txHash: TX } }))
    const out = downsampleHistory(history, 10)
    expect(out.length).toBeLessThanOrEqual(10)
    expect(out.at(-1)).toBe(history.at(-1))
  })
})

describe('healthHistorySeries', () => {
  test('∞ (no debt) is clipped to the axis top and flagged; the tooltip keeps the real value', () => {
    const s = healthHistorySeries([at(1, 1.3), noDebt(2), at(3, 1.4, { marker: { kind: 'protect', txHash: TX } })], t)
    expect(s.clipped).toBe(true)
    expect(s.data[1]).toMatchObject({ hf: s.axis.max, actual: Number.POSITIVE_INFINITY, block: '2' })
    expect(s.data[0]?.time).toBe(pointAt(1).time * 1_000)
    expect(s.markers.map((m) => m.block)).toEqual(['3'])
  })

  test('the chart draws at most HISTORY_DISPLAY_POINTS, first, last and markers included', () => {
    const history = Array.from({ length: 3_000 }, (_, i) =>
      at(i, 1.4 + 0.01 * Math.sin(i / 20), i === 1_234 ? { marker: { kind: 'protect', txHash: TX } } : {}),
    )
    const s = healthHistorySeries(history, t)
    expect(s.data.length).toBe(HISTORY_DISPLAY_POINTS)
    expect(s.data[0]?.block).toBe('0')
    expect(s.data.at(-1)?.block).toBe('2999')
    expect(s.markers.map((m) => m.block)).toEqual(['1234'])
  })

  test('nothing clipped when every value fits', () => {
    expect(healthHistorySeries([at(1, 1.3), at(2, 1.35)], t).clipped).toBe(false)
  })
})

describe('healthHistorySummary', () => {
  test('empty and single-point histories say they are collecting', () => {
    expect(healthHistorySummary([], t)).toBe('No history yet: collecting one point per block.')
    expect(healthHistorySummary([at(1, 1.42)], t)).toBe(
      'Health factor 1.42 (below the target); collecting history for a trend.',
    )
  })

  test('value, band, fall over the last hour and no crossing', () => {
    // 1.5 → 1.455 is −3 %; only the last hour (1,800 blocks of 2 s) counts.
    const history = [at(0, 2.5), at(100, 1.5), at(1_900, 1.455)]
    expect(healthHistorySummary(history, t)).toBe(
      'Health factor 1.45 (below the target), down 3% over the last hour; crossed below the target line (1.50).',
    )
    const calm = [at(100, 1.6), at(1_900, 1.648)]
    expect(healthHistorySummary(calm, t)).toBe(
      'Health factor 1.64 (at or above the target), up 3% over the last hour; crosses no threshold.',
    )
  })

  test('a shorter history names its span; crossings say the latest direction; markers are counted', () => {
    const history = [at(0, 1.3), at(10, 1.1), at(20, 0.98), at(30, 1.25, { marker: { kind: 'protect', txHash: TX } })]
    expect(healthHistorySummary(history, t)).toBe(
      'Health factor 1.25 (below the target), down 3.8% over the last 1 min; crossed above 1 (1.00), above the warning line (1.20); 1 protective transaction landed.',
    )
  })

  test('no debt is said in words, and so is taking it on', () => {
    expect(healthHistorySummary([noDebt(0), noDebt(10)], t)).toBe(
      'No debt: health factor ∞ (drawn at the top of the chart), unchanged over the last 20 s; crosses no threshold.',
    )
    expect(healthHistorySummary([noDebt(0), at(10, 1.9)], t)).toBe(
      'Health factor 1.90 (at or above the target), debt taken on over the last 20 s; crosses no threshold.',
    )
  })
})

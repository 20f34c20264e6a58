import { describe, expect, test } from 'vitest'
import { timeTicks } from './timeTicks'

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0)

describe('timeTicks', () => {
  test('round, unique, ascending ticks inside the range, at most `count`', () => {
    const ticks = timeTicks(T0 + 3_400, T0 + 123_400, 5)
    expect(ticks).toEqual([T0 + 30_000, T0 + 60_000, T0 + 90_000, T0 + 120_000])
    for (const [min, max, count] of [
      [T0, T0 + 7, 4],
      [T0 + 1, T0 + 9_999_999, 6],
      [T0, T0 + 40 * 86_400_000, 5],
    ] as const) {
      const out = timeTicks(min, max, count)
      expect(out.length).toBeGreaterThan(0)
      expect(out.length).toBeLessThanOrEqual(count)
      expect(new Set(out).size).toBe(out.length)
      expect(out.every((t, i) => t >= min && t <= max && (i === 0 || t > (out[i - 1] as number)))).toBe(true)
    }
  })

  test('the same ticks while the window slides within a step', () => {
    expect(timeTicks(T0 + 1_000, T0 + 61_000, 3)).toEqual(timeTicks(T0 + 2_000, T0 + 62_000, 3).slice(0, 2))
  })

  test('one point: one tick; no range: none', () => {
    expect(timeTicks(T0, T0, 5)).toEqual([T0])
    expect(timeTicks(T0 + 1, T0, 5)).toEqual([])
    expect(timeTicks(Number.NaN, T0, 5)).toEqual([])
  })
})

import { describe, expect, test } from 'vitest'
import { clipToAxis, healthAxis, healthBand, thresholdLines } from './healthBand'

const t = { warning: 1.2, target: 1.5 }

describe('health bands and lines', () => {
  test('each band is bounded by the user lines, with 1 always the liquidation line', () => {
    expect(healthBand(0.99, t)).toBe('liquidatable')
    expect(healthBand(1, t)).toBe('warning')
    expect(healthBand(1.19, t)).toBe('warning')
    expect(healthBand(1.2, t)).toBe('below-target')
    expect(healthBand(1.5, t)).toBe('on-target')
    expect(healthBand(3, { ...t, upper: 2 })).toBe('above-upper')
    expect(healthBand(3, t)).toBe('on-target')
    expect(healthBand(Number.POSITIVE_INFINITY, t)).toBe('no-debt')
  })

  test('lines: 1.0, warning, target and upper when set, sorted and without duplicates or unusable values', () => {
    expect(thresholdLines(t).map((l) => l.value)).toEqual([1, 1.2, 1.5])
    expect(thresholdLines({ ...t, upper: 2 }).map((l) => l.name)).toEqual(['liquidation', 'warning', 'target', 'upper'])
    expect(thresholdLines({ warning: 1.5, target: 1.5, upper: null }).map((l) => l.value)).toEqual([1, 1.5])
    expect(thresholdLines({ warning: Number.NaN, target: 0.8 }).map((l) => l.value)).toEqual([1])
    expect(thresholdLines(t)[1]?.label).toBe('Warning 1.20')
  })

  test('the axis keeps 1 in view and clips outliers and ∞ at three times the highest line', () => {
    expect(healthAxis([1.4, 1.6], t)).toEqual({ min: 0.9, max: 1.9 })
    expect(healthAxis([0.7, 1.3], t)).toEqual({ min: 0.6, max: 1.9 })
    const wide = healthAxis([1.3, 40, Number.POSITIVE_INFINITY], t)
    expect(wide).toEqual({ min: 0.9, max: 4.5 })
    expect(clipToAxis(Number.POSITIVE_INFINITY, wide)).toBe(4.5)
    expect(clipToAxis(40, wide)).toBe(4.5)
    expect(clipToAxis(1.3, wide)).toBe(1.3)
    expect(healthAxis([], t)).toEqual({ min: 0.9, max: 1.9 })
  })
})

import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { horizonGrid } from './monteCarloGrid'

describe('horizonGrid', () => {
  test('24 steps over 1 h, 24 h and 7 d: 1 + 3 + 20 steps, each horizon on a step', () => {
    const g = horizonGrid([3_600, 86_400, 604_800], 24)
    expect([...g.horizonsSeconds]).toEqual([3_600, 86_400, 604_800])
    expect(g.stepSeconds[0]).toBe(3_600)
    expect(g.stepSeconds[1]).toBeCloseTo(82_800 / 3, 9)
    expect(g.stepSeconds[4]).toBeCloseTo(518_400 / 20, 9)
    expect([...g.horizonAtStepEnd].map((h, k) => (h >= 0 ? [k, h] : null)).filter(Boolean)).toEqual([
      [0, 0],
      [3, 1],
      [23, 2],
    ])
  })

  test('every horizon ends a step, step times add up, and there are exactly `steps` steps', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 100 }),
        (horizons, extra) => {
          const steps = horizons.length + extra
          const g = horizonGrid(horizons, steps)
          expect(g.stepSeconds.length).toBe(steps)
          let t = 0
          g.stepSeconds.forEach((dt, k) => {
            expect(dt).toBeGreaterThan(0)
            t += dt
            const h = g.horizonAtStepEnd[k] as number
            if (h >= 0) expect(t).toBeCloseTo(g.horizonsSeconds[h] as number, 3)
          })
          expect([...g.horizonAtStepEnd].filter((h) => h >= 0)).toEqual([...g.horizonsSeconds.keys()])
        },
      ),
    )
  })

  test('refuses fewer steps than horizons and horizons that are not positive', () => {
    expect(() => horizonGrid([3_600, 86_400], 1)).toThrow(RangeError)
    expect(() => horizonGrid([-1], 4)).toThrow(RangeError)
    expect(() => horizonGrid([], 4)).toThrow(RangeError)
  })
})

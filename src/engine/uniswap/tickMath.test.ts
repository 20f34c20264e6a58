import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { getSqrtRatioAtTick, getTickAtSqrtRatio, MAX_SQRT_RATIO, MAX_TICK, MIN_SQRT_RATIO, MIN_TICK } from './tickMath'

describe('TickMath', () => {
  test('matches the constants of TickMath.sol at the ends and at tick 0', () => {
    expect(getSqrtRatioAtTick(MIN_TICK)).toBe(MIN_SQRT_RATIO)
    expect(getSqrtRatioAtTick(MAX_TICK)).toBe(MAX_SQRT_RATIO)
    expect(getSqrtRatioAtTick(0)).toBe(1n << 96n)
    // Uniswap's own test vectors (v3-core test/TickMath.spec.ts snapshots).
    expect(getSqrtRatioAtTick(50)).toBe(79426470787362580746886972461n)
    expect(getSqrtRatioAtTick(-50)).toBe(79030349367926598376800521322n)
    expect(() => getSqrtRatioAtTick(MAX_TICK + 1)).toThrow()
  })

  test('getTickAtSqrtRatio is the greatest tick whose ratio does not exceed the price', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: MIN_TICK, max: MAX_TICK - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (t, f) => {
          const lo = getSqrtRatioAtTick(t)
          const hi = getSqrtRatioAtTick(t + 1)
          const p = lo + ((hi - lo - 1n) * BigInt(Math.floor(f * 1e6))) / 1_000_000n
          expect(getTickAtSqrtRatio(p)).toBe(t)
        },
      ),
      { numRuns: 300 },
    )
  })
})

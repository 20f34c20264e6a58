import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { lttb } from './lttb'

type P = { x: number; y: number }
const X = (p: P) => p.x
const Y = (p: P) => p.y
const series = (ys: readonly number[]): P[] => ys.map((y, x) => ({ x, y }))
const xsOf = (points: readonly P[]) => points.map((p) => p.x)

/** Strictly increasing x with any finite y, at least 3 points. */
const finiteSeries = fc
  .array(fc.tuple(fc.double({ min: 0.001, max: 100, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), {
    minLength: 3,
    maxLength: 400,
  })
  .map((steps) => {
    let x = 0
    return steps.map(([dx, y]) => {
      x += dx
      return { x, y }
    })
  })

describe('lttb', () => {
  test('one bucket keeps the point farthest from the line between its neighbours (worked by hand)', () => {
    // a = (0, 0), next average = (4, 0): twice the area is 4·|y|, largest for y = 2 at x = 1.
    expect(xsOf(lttb(series([0, 2, 0, 1, 0]), 3, X, Y))).toEqual([0, 1, 4])
  })

  test('two buckets: each choice is the anchor of the next (worked by hand)', () => {
    // Bucket {1, 2} against a = (0, 0) and the next bucket's average (3.5, −0.75): areas 4.25 and 12 → x = 2.
    // Bucket {3, 4} against a = (2, 3) and the last point (5, 0): areas 12 and 1.5 → x = 3.
    expect(xsOf(lttb(series([0, 1, 3, -2, 0.5, 0]), 4, X, Y))).toEqual([0, 2, 3, 5])
  })

  test('returns the input itself when it has no more points than the threshold', () => {
    const input = series([1, 2, 3])
    expect(lttb(input, 3, X, Y)).toBe(input)
    expect(lttb(input, 2000, X, Y)).toBe(input)
    expect(lttb([], 10, X, Y)).toEqual([])
  })

  test('threshold 2 keeps the first and last points; below 2 or fractional is an error', () => {
    expect(xsOf(lttb(series([5, 9, 1, 7]), 2, X, Y))).toEqual([0, 3])
    expect(() => lttb(series([1, 2, 3]), 1, X, Y)).toThrow(RangeError)
    expect(() => lttb(series([1, 2, 3]), 2.5, X, Y)).toThrow(RangeError)
  })

  test('a single spike in a long flat series survives downsampling', () => {
    const ys = Array.from({ length: 10_000 }, () => 1.5)
    ys[6_543] = 0.4
    const out = lttb(series(ys), 100, X, Y)
    expect(out).toHaveLength(100)
    expect(out.some((p) => p.x === 6_543)).toBe(true)
  })

  test('+Infinity ranks as the top of the finite range: a jump to "no debt" is kept, not NaN-blinded', () => {
    const ys = Array.from({ length: 1_000 }, (_, i) => 1.2 + (i % 7) / 1_000)
    ys[400] = Number.POSITIVE_INFINITY
    ys[800] = 3 // the finite top: Infinity ranks as 3, like a second spike
    const out = lttb(series(ys), 50, X, Y)
    expect(out).toHaveLength(50)
    const kept = new Set(xsOf(out))
    expect(kept.has(400)).toBe(true)
    expect(kept.has(800)).toBe(true)
    expect(out.find((p) => p.x === 400)?.y).toBe(Number.POSITIVE_INFINITY)
  })

  test('an all-infinite series downsamples to the threshold without NaN choices', () => {
    const out = lttb(series(Array.from({ length: 500 }, () => Number.POSITIVE_INFINITY)), 20, X, Y)
    expect(out).toHaveLength(20)
    const xs = xsOf(out)
    expect(xs[0]).toBe(0)
    expect(xs.at(-1)).toBe(499)
    expect(xs.every((x, i) => i === 0 || x > (xs[i - 1] as number))).toBe(true)
  })

  test('NaN points are not chosen while their bucket has a number', () => {
    const ys = Array.from({ length: 300 }, (_, i) => (i % 2 === 0 ? Number.NaN : Math.sin(i)))
    const out = lttb(series(ys), 30, X, Y)
    expect(out.slice(1, -1).every((p) => !Number.isNaN(p.y))).toBe(true)
  })

  test('property: output length is min(n, threshold), first and last kept, x order preserved', () => {
    fc.assert(
      fc.property(finiteSeries, fc.integer({ min: 2, max: 500 }), (points, threshold) => {
        const out = lttb(points, threshold, X, Y)
        expect(out).toHaveLength(Math.min(points.length, threshold))
        expect(out[0]).toBe(points[0])
        expect(out.at(-1)).toBe(points.at(-1))
        for (let i = 1; i < out.length; i++) expect((out[i] as P).x).toBeGreaterThan((out[i - 1] as P).x)
      }),
    )
  })

  test('property: every output point is an input point (no interpolation)', () => {
    fc.assert(
      fc.property(finiteSeries, fc.integer({ min: 3, max: 50 }), (points, threshold) => {
        const input = new Set(points)
        for (const p of lttb(points, threshold, X, Y)) expect(input.has(p)).toBe(true)
      }),
    )
  })

  test('property: the global extreme of a series with one dominant spike is always kept', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 2_000 }),
        fc.integer({ min: 3, max: 40 }),
        fc.nat(),
        fc.boolean(),
        (n, threshold, at, up) => {
          const ys = Array.from({ length: n }, (_, i) => Math.sin(i / 5) * 0.01)
          const spike = 1 + (at % (n - 2))
          ys[spike] = up ? 100 : -100
          const out = lttb(series(ys), threshold, X, Y)
          expect(out.some((p) => p.x === spike)).toBe(true)
        },
      ),
    )
  })

  test('property: with non-finite y mixed in, the output still has the threshold length and ordered x', () => {
    const y = fc.oneof(
      fc.double({ min: -10, max: 10, noNaN: true }),
      fc.constant(Number.POSITIVE_INFINITY),
      fc.constant(Number.NEGATIVE_INFINITY),
      fc.constant(Number.NaN),
    )
    fc.assert(
      fc.property(fc.array(y, { minLength: 3, maxLength: 300 }), fc.integer({ min: 2, max: 100 }), (ys, threshold) => {
        const out = lttb(series(ys), threshold, X, Y)
        expect(out).toHaveLength(Math.min(ys.length, threshold))
        const xs = xsOf(out)
        for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThan(xs[i - 1] as number)
      }),
    )
  })
})

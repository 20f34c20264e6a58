import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { LiquidationSide } from '../priceBoundary'
import { barrierDistanceSigmas, firstPassageProbability, type GbmBarrier, timeToProbability } from './firstPassage'
import { normalCdf } from './normalCdf'
import { gbmFirstPassageMonteCarlo } from './testing/gbmMonteCarlo'

const HOUR = 1 / (365 * 24)
const DAY = 1 / 365
const relativeError = (actual: number, expected: number): number => Math.abs(actual - expected) / Math.abs(expected)
const barrier = (side: LiquidationSide, barrierPrice: number, drift: number, volatility: number): GbmBarrier => ({
  spot: 100,
  barrier: barrierPrice,
  side,
  drift,
  volatility,
})

describe('firstPassageProbability', () => {
  test('matches the reflection formula evaluated at 60 digits (mpmath)', () => {
    const cases: [GbmBarrier, number, number][] = [
      [barrier('down', 80, 0.2, 0.8), 7 * DAY, 0.045866126339248345],
      [barrier('up', 125, -0.3, 0.9), 0.5, 0.5765267289968476],
      [{ spot: 1, barrier: 0.5, side: 'down', drift: 2, volatility: 0.3 }, 1, 8.354418526248611e-14],
      // (B/S₀)^{2ν/σ²} = 0.9^{−20000} overflows a double; the Mills-ratio form does not.
      [{ spot: 1, barrier: 0.9, side: 'down', drift: -1, volatility: 0.01 }, 0.1, 0.04663795327642935],
      [{ spot: 1, barrier: 0.9, side: 'down', drift: -1, volatility: 0.01 }, 0.11, 0.921624078579047],
    ]
    for (const [b, horizon, expected] of cases) {
      expect(relativeError(firstPassageProbability(b, horizon), expected), JSON.stringify(b)).toBeLessThan(1e-12)
    }
  })

  test('reduces to 2Φ(−d/(σ√T)) when ln S has no drift (μ = σ²/2)', () => {
    const b = barrier('down', 90, 0.5 ** 2 / 2, 0.5)
    const expected = 2 * normalCdf(-Math.log(100 / 90) / (0.5 * Math.sqrt(0.3)))
    expect(relativeError(firstPassageProbability(b, 0.3), expected)).toBeLessThan(1e-14)
  })

  test('handles the edges: past the barrier, T = 0, σ = 0, T = ∞', () => {
    expect(firstPassageProbability(barrier('down', 100, 0, 0.5), 1)).toBe(1)
    expect(firstPassageProbability(barrier('down', 120, 0, 0.5), 0)).toBe(1)
    expect(firstPassageProbability(barrier('up', 90, 0, 0.5), 1)).toBe(1)
    expect(firstPassageProbability(barrier('down', 80, 0, 0.5), 0)).toBe(0)
    // σ = 0: S_t = S₀e^{μt} reaches 80 at t = ln(100/80)/0.5 ≈ 0.446.
    expect(firstPassageProbability(barrier('down', 80, -0.5, 0), 0.44)).toBe(0)
    expect(firstPassageProbability(barrier('down', 80, -0.5, 0), 0.45)).toBe(1)
    expect(firstPassageProbability(barrier('up', 120, -0.5, 0), 100)).toBe(0)
    expect(firstPassageProbability(barrier('down', 80, -0.1, 0.5), Number.POSITIVE_INFINITY)).toBe(1)
    // Drift away (ν = 0.5 − 0.125 > 0): P(∞) = (B/S₀)^{2ν/σ²}, approached for long horizons.
    const away = barrier('down', 80, 0.5, 0.5)
    const limit = 0.8 ** ((2 * 0.375) / 0.25)
    expect(relativeError(firstPassageProbability(away, Number.POSITIVE_INFINITY), limit)).toBeLessThan(1e-14)
    expect(relativeError(firstPassageProbability(away, 1e4), limit)).toBeLessThan(1e-12)
    expect(() => firstPassageProbability(barrier('down', 80, 0, -1), 1)).toThrow(RangeError)
    expect(() => firstPassageProbability(barrier('down', 0, 0, 1), 1)).toThrow(RangeError)
    expect(() => firstPassageProbability(barrier('down', 80, 0, 1), -1)).toThrow(RangeError)
  })

  test('an upper barrier is the mirror of a lower one (1/S is a GBM with drift σ² − μ)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 2, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: 0.05, max: 2, noNaN: true }),
        fc.double({ min: 1e-4, max: 5, noNaN: true }),
        (d, mu, sigma, horizon) => {
          // S₀ = 1 → B = e^d above is 1/S₀ = e^d → 1/B = 1 below (the same log ratio, so no rounding in d).
          const b = Math.exp(d)
          const up = firstPassageProbability({ spot: 1, barrier: b, side: 'up', drift: mu, volatility: sigma }, horizon)
          const mirrored = { spot: b, barrier: 1, side: 'down' as const, drift: sigma * sigma - mu, volatility: sigma }
          const down = firstPassageProbability(mirrored, horizon)
          // ν' = σ² − μ − σ²/2 rounds differently from −ν; P is steep in ν in the far tail.
          expect(Math.abs(up - down)).toBeLessThanOrEqual(1e-9 * Math.max(up, down))
        },
      ),
    )
  })
})

describe('firstPassageProbability against a seeded Monte Carlo with Brownian-bridge crossings', () => {
  const PATHS = 20_000
  const STEPS = 32
  const cases: [name: string, b: GbmBarrier, horizon: number][] = [
    ['down −20 %, μ 0, σ 80 %, 7 d', barrier('down', 80, 0, 0.8), 7 * DAY],
    ['down −10 %, μ −50 %, σ 60 %, 3 m', barrier('down', 90, -0.5, 0.6), 0.25],
    ['down −30 %, μ +30 %, σ 100 %, 1 y', barrier('down', 70, 0.3, 1), 1],
    ['up +20 %, μ +10 %, σ 70 %, 0.1 y', barrier('up', 120, 0.1, 0.7), 0.1],
    ['up +50 %, μ −40 %, σ 90 %, 1 y', barrier('up', 150, -0.4, 0.9), 1],
    ['up +3 %, μ +50 %, σ 50 %, 24 h', barrier('up', 103, 0.5, 0.5), 24 * HOUR],
  ]
  // Its own seed per case, so the cases are independent draws rather than one set of normals reused.
  test.each(cases.map((c, i) => [...c, 20261125 + i] as const))(
    '%s: within 3 standard errors',
    (_n, b, horizon, seed) => {
      const closed = firstPassageProbability(b, horizon)
      const mc = gbmFirstPassageMonteCarlo(b, horizon, { paths: PATHS, steps: STEPS, seed })
      expect(closed).toBeGreaterThan(0.01) // the case must be informative, not a 0-vs-0 comparison
      expect(mc.standardError).toBeGreaterThan(0)
      expect(Math.abs(mc.probability - closed)).toBeLessThan(3 * mc.standardError)
    },
  )

  test('without the bridge correction a coarse grid misses crossings (the comparison has power)', () => {
    const [, b, horizon] = cases[2] as (typeof cases)[number]
    const closed = firstPassageProbability(b, horizon)
    const coarse = gbmFirstPassageMonteCarlo(b, horizon, { paths: PATHS, steps: 8, seed: 7, bridgeCorrection: false })
    expect(closed - coarse.probability).toBeGreaterThan(3 * coarse.standardError)
  })
})

// Properties over a 1-normalised spot; relative tolerance for rounding between the formula's branches.
const side = fc.constantFrom<LiquidationSide>('down', 'up')
const distance = fc.double({ min: 0.001, max: 2, noNaN: true })
const drift = fc.double({ min: -2, max: 2, noNaN: true })
const volatility = fc.double({ min: 0.01, max: 3, noNaN: true })
const horizon = fc.double({ min: 1e-4, max: 10, noNaN: true })
const atDistance = (s: LiquidationSide, d: number, mu: number, sigma: number): GbmBarrier => ({
  spot: 1,
  barrier: s === 'down' ? Math.exp(-d) : Math.exp(d),
  side: s,
  drift: mu,
  volatility: sigma,
})
const notAbove = (a: number, b: number): boolean => a <= b * (1 + 1e-9)

describe('firstPassageProbability properties', () => {
  test('is a probability and increases with the horizon', () => {
    fc.assert(
      fc.property(side, distance, drift, volatility, horizon, horizon, (s, d, mu, sigma, t1, t2) => {
        const b = atDistance(s, d, mu, sigma)
        const [short, long] = [
          firstPassageProbability(b, Math.min(t1, t2)),
          firstPassageProbability(b, Math.max(t1, t2)),
        ]
        expect(short).toBeGreaterThanOrEqual(0)
        expect(long).toBeLessThanOrEqual(1)
        expect(notAbove(short, long)).toBe(true)
      }),
    )
  })

  test('decreases as the barrier moves away', () => {
    fc.assert(
      fc.property(side, distance, distance, drift, volatility, horizon, (s, d1, d2, mu, sigma, t) => {
        const near = firstPassageProbability(atDistance(s, Math.min(d1, d2), mu, sigma), t)
        const far = firstPassageProbability(atDistance(s, Math.max(d1, d2), mu, sigma), t)
        expect(notAbove(far, near)).toBe(true)
      }),
    )
  })

  test('increases with the volatility when μ = 0 (a martingale: P depends on σ²T only)', () => {
    fc.assert(
      fc.property(side, distance, volatility, volatility, horizon, (s, d, v1, v2, t) => {
        const low = firstPassageProbability(atDistance(s, d, 0, Math.min(v1, v2)), t)
        const high = firstPassageProbability(atDistance(s, d, 0, Math.max(v1, v2)), t)
        expect(notAbove(low, high)).toBe(true)
      }),
    )
  })
})

describe('timeToProbability', () => {
  test('is the horizon where firstPassageProbability reaches p, or Infinity when P(∞) ≤ p', () => {
    fc.assert(
      fc.property(
        side,
        distance,
        drift,
        volatility,
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        (s, d, mu, sigma, p) => {
          const b = atDistance(s, d, mu, sigma)
          const t = timeToProbability(b, p)
          if (t === Number.POSITIVE_INFINITY) {
            expect(firstPassageProbability(b, Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(p)
            return
          }
          expect(t).toBeGreaterThan(0)
          expect(firstPassageProbability(b, t)).toBeGreaterThanOrEqual(p)
          expect(Math.abs(firstPassageProbability(b, t) - p)).toBeLessThan(1e-9)
          expect(firstPassageProbability(b, t * (1 - 1e-6))).toBeLessThan(p)
        },
      ),
    )
  })

  test('finds when a 5 % liquidation probability is reached, and says never when drift caps it', () => {
    const b = barrier('down', 80, 0, 0.8)
    const t5 = timeToProbability(b, 0.05)
    expect(relativeError(firstPassageProbability(b, t5), 0.05)).toBeLessThan(1e-10)
    expect(t5).toBeGreaterThan(7 * DAY)
    // ν = 1 − 0.02 away from a barrier 50 % below: P(∞) = 0.5^{2ν/σ²} ≈ 2.5e-15.
    const capped = barrier('down', 50, 1, 0.2)
    expect(firstPassageProbability(capped, Number.POSITIVE_INFINITY)).toBeLessThan(0.05)
    expect(timeToProbability(capped, 0.05)).toBe(Number.POSITIVE_INFINITY)
    expect(timeToProbability(barrier('down', 100, 1, 0.2), 0.05)).toBe(0)
    expect(timeToProbability(barrier('down', 80, -0.5, 0), 0.05)).toBeCloseTo(Math.log(100 / 80) / 0.5, 14)
    expect(timeToProbability(barrier('down', 80, 0.5, 0), 0.05)).toBe(Number.POSITIVE_INFINITY)
  })
})

describe('barrierDistanceSigmas', () => {
  test('is ln(S₀/B)/(σ√T) below, ln(B/S₀)/(σ√T) above, negative once past', () => {
    expect(barrierDistanceSigmas(barrier('down', 80, 0, 0.8), 0.25)).toBeCloseTo(Math.log(100 / 80) / 0.4, 14)
    expect(barrierDistanceSigmas(barrier('up', 125, 0, 0.8), 0.25)).toBeCloseTo(Math.log(125 / 100) / 0.4, 14)
    expect(barrierDistanceSigmas(barrier('down', 125, 0, 0.8), 0.25)).toBeLessThan(0)
    expect(barrierDistanceSigmas(barrier('down', 80, 0, 0.8), 0)).toBe(Number.POSITIVE_INFINITY)
    expect(barrierDistanceSigmas(barrier('up', 100, 0, 0), 1)).toBe(0)
  })
})

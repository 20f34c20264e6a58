import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { blackScholesPrice } from './blackScholes'
import {
  impliedVolatility,
  MIN_VOLATILITY,
  type SviSlice,
  shiftVolSmile,
  sviTotalVariance,
  type VolSmileInput,
  volSmileViolations,
} from './volSmile'

const FORWARD = 2000
const strikeAt = (k: number) => FORWARD * Math.exp(k)
// A typical crypto slice: downside skew, a month to expiry (w ≈ 0.6² · 30/365 at the money).
const SLICE: SviSlice = { kind: 'svi', a: 0.02, b: 0.12, rho: -0.3, m: 0.02, sigma: 0.15 }

describe('impliedVolatility', () => {
  test('a flat smile is the same volatility at every strike', () => {
    for (const k of [-2, -0.1, 0, 0.3, 3])
      expect(impliedVolatility({ kind: 'flat', volatility: 0.65 }, strikeAt(k), FORWARD, 0.1)).toBe(0.65)
  })

  test('a skew smile is atm + skew·k + curvature·k² in k = ln(K/F), floored at MIN_VOLATILITY', () => {
    const smile: VolSmileInput = { kind: 'skew', atmVolatility: 0.6, skew: -0.2, curvature: -0.5 }
    expect(impliedVolatility(smile, FORWARD, FORWARD, 0.1)).toBe(0.6)
    expect(impliedVolatility(smile, strikeAt(-0.5), FORWARD, 0.1)).toBeCloseTo(0.6 + 0.1 - 0.125, 14)
    expect(impliedVolatility(smile, strikeAt(0.4), FORWARD, 0.1)).toBeCloseTo(0.6 - 0.08 - 0.08, 14)
    // Far in the wings the negative curvature would take σ below zero: the floor holds it.
    expect(impliedVolatility(smile, strikeAt(2), FORWARD, 0.1)).toBe(MIN_VOLATILITY)
  })

  test('an SVI slice gives σ = √(w(k)/T) with raw SVI total variance', () => {
    const k = Math.log(2400 / FORWARD)
    const x = k - SLICE.m
    const w = SLICE.a + SLICE.b * (SLICE.rho * x + Math.sqrt(x * x + SLICE.sigma ** 2))
    expect(sviTotalVariance(SLICE, k)).toBe(w)
    expect(impliedVolatility(SLICE, 2400, FORWARD, 30 / 365)).toBeCloseTo(Math.sqrt(w / (30 / 365)), 15)
    expect(() => impliedVolatility(SLICE, 2400, FORWARD, 0)).toThrow(RangeError)
    expect(() => impliedVolatility(SLICE, 0, FORWARD, 0.1)).toThrow(RangeError)
  })

  test('an SVI slice with b = 0 is a flat smile and prices as flat Black–Scholes', () => {
    const t = 45 / 365
    const flatSvi: SviSlice = { kind: 'svi', a: 0.7 ** 2 * t, b: 0, rho: 0.2, m: 0.1, sigma: 0.3 }
    for (const strike of [1200, 1900, 2000, 2600]) {
      const volatility = impliedVolatility(flatSvi, strike, FORWARD, t)
      expect(volatility).toBeCloseTo(0.7, 14)
      const input = { right: 'put' as const, spot: FORWARD, strike, yearsToExpiry: t }
      const smilePrice = blackScholesPrice({ ...input, volatility })
      const flatPrice = blackScholesPrice({
        ...input,
        volatility: impliedVolatility({ kind: 'flat', volatility: 0.7 }, strike, FORWARD, t),
      })
      expect(Math.abs(smilePrice - flatPrice)).toBeLessThanOrEqual(1e-12 * flatPrice)
    }
  })
})

describe('volSmileViolations', () => {
  test('accepts usable smiles', () => {
    expect(volSmileViolations(SLICE)).toEqual([])
    expect(volSmileViolations({ kind: 'flat', volatility: 0.8 })).toEqual([])
    expect(volSmileViolations({ kind: 'skew', atmVolatility: 0.8, skew: -0.1, curvature: 0.3 })).toEqual([])
  })

  test('refuses SVI slices that break the no-arbitrage basics, saying which rule', () => {
    const cases: [Partial<SviSlice>, RegExp][] = [
      [{ b: -0.01 }, /b must be ≥ 0/],
      [{ rho: 1 }, /rho must be in \(−1, 1\)/],
      [{ rho: -1.2 }, /rho must be in \(−1, 1\)/],
      [{ sigma: 0 }, /sigma must be > 0/],
      // min w = a + bσ√(1 − ρ²) = −0.05 + 0.12·0.15·0.954 < 0: negative variance near the money.
      [{ a: -0.05 }, /minimum total variance/],
      // Lee: b(1 + |ρ|) = 1.8·1.3 > 2.
      [{ b: 1.8 }, /Lee's moment bound/],
      [{ m: Number.NaN }, /SVI m must be a finite number/],
    ]
    for (const [change, message] of cases) {
      const issues = volSmileViolations({ ...SLICE, ...change })
      expect(issues, JSON.stringify(change)).toHaveLength(1)
      expect(issues[0]).toMatch(message)
    }
  })

  test('refuses flat and skew volatilities that are not annual fractions', () => {
    expect(volSmileViolations({ kind: 'flat', volatility: 80 })[0]).toMatch(/annual fraction/)
    expect(volSmileViolations({ kind: 'flat', volatility: 0 })[0]).toMatch(/between/)
    expect(
      volSmileViolations({ kind: 'skew', atmVolatility: 0.5, skew: Number.POSITIVE_INFINITY, curvature: 0 }),
    ).toEqual(['skew must be a finite number, got Infinity'])
  })

  test('a + bσ√(1 − ρ²) is the minimum of w(k) over k, so its sign is the right test', () => {
    const slice = fc.record({
      a: fc.double({ min: -0.5, max: 0.5, noNaN: true }),
      b: fc.double({ min: 0, max: 1, noNaN: true }),
      rho: fc.double({ min: -0.99, max: 0.99, noNaN: true }),
      m: fc.double({ min: -1, max: 1, noNaN: true }),
      sigma: fc.double({ min: 1e-3, max: 2, noNaN: true }),
    })
    fc.assert(
      fc.property(slice, fc.double({ min: -5, max: 5, noNaN: true }), (p, k) => {
        const s: SviSlice = { kind: 'svi', ...p }
        const minimum = p.a + p.b * p.sigma * Math.sqrt(1 - p.rho * p.rho)
        // Attained at k* = m − ρσ/√(1 − ρ²).
        const kStar = p.m - (p.rho * p.sigma) / Math.sqrt(1 - p.rho * p.rho)
        expect(sviTotalVariance(s, k)).toBeGreaterThanOrEqual(minimum - 1e-12)
        expect(sviTotalVariance(s, kStar)).toBeCloseTo(minimum, 12)
      }),
      { numRuns: 1_000 },
    )
  })
})

describe('shiftVolSmile', () => {
  const smiles: VolSmileInput[] = [
    { kind: 'flat', volatility: 0.6 },
    { kind: 'skew', atmVolatility: 0.6, skew: -0.15, curvature: 0.4 },
    SLICE,
  ]

  test('moves every strike’s volatility by Δσ, for each kind of smile', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...smiles),
        fc.double({ min: -0.3, max: 0.5, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        (smile, shift, k) => {
          const before = impliedVolatility(smile, strikeAt(k), FORWARD, 30 / 365)
          const after = impliedVolatility(shiftVolSmile(smile, shift), strikeAt(k), FORWARD, 30 / 365)
          expect(after).toBeCloseTo(Math.max(before + shift, MIN_VOLATILITY), 14)
        },
      ),
    )
  })

  test('floors a shift below zero and gives the smile back when shifted back', () => {
    const flat: VolSmileInput = { kind: 'flat', volatility: 0.2 }
    const down = shiftVolSmile(flat, -0.5)
    expect(impliedVolatility(down, FORWARD, FORWARD, 0.1)).toBe(MIN_VOLATILITY)
    expect(impliedVolatility(shiftVolSmile(down, 0.5), FORWARD, FORWARD, 0.1)).toBeCloseTo(0.2, 15)
    expect(shiftVolSmile(SLICE, 0)).toBe(SLICE)
    expect(shiftVolSmile(shiftVolSmile(SLICE, 0.05), 0.02)).toEqual({ ...SLICE, volatilityShift: 0.07 })
    expect(() => shiftVolSmile(SLICE, Number.NaN)).toThrow(RangeError)
  })
})

import { describe, expect, test } from 'vitest'
import { SECONDS_PER_YEAR } from '../stats/timeBasis'
import { blackScholes } from './blackScholes'
import type { OptionPosition } from './externalPosition'
import { optionGreeks } from './optionGreeks'
import { firstDerivative, relativeError, secondDerivative } from './testing/centralDifference'
import type { VolSmileInput } from './volSmile'

const NOW = 1_750_000_000
const DAY = 86_400
const SPOT = 2_000
const SKEW: VolSmileInput = { kind: 'skew', atmVolatility: 0.65, skew: -0.25, curvature: 0.4 }

const option = (change: Partial<OptionPosition> = {}): OptionPosition => ({
  kind: 'option',
  id: 'deribit-eth-put',
  underlying: '0x00000000000000000000000000000000000000e1',
  right: 'put',
  strike: 1_800,
  expiry: NOW + 30 * DAY,
  quantity: 5,
  volatility: SKEW,
  riskFreeRate: 0.04,
  ...change,
})

describe('optionGreeks', () => {
  test('with a flat smile it is Black–Scholes times the quantity, in the units the report shows', () => {
    const position = option({ volatility: { kind: 'flat', volatility: 0.7 }, quantity: -3 })
    const g = optionGreeks(position, SPOT, NOW)
    const unit = blackScholes({
      right: 'put',
      spot: SPOT,
      strike: 1_800,
      yearsToExpiry: (30 * DAY) / SECONDS_PER_YEAR,
      volatility: 0.7,
      rate: 0.04,
    })
    expect(g.impliedVolatility).toBe(0.7)
    expect(g.unitPrice).toBe(unit.price)
    expect(g.value).toBe(-3 * unit.price)
    expect(g.deltaUnits).toBe(-3 * unit.delta)
    expect(g.deltaUsd).toBe(-3 * unit.delta * SPOT)
    expect(g.gamma).toBe(-3 * unit.gamma)
    expect(g.gammaUsdPerPercent).toBeCloseTo((-3 * unit.gamma * SPOT * SPOT) / 100, 12)
    expect(g.vegaUsdPerVolPoint).toBeCloseTo((-3 * unit.vega) / 100, 12)
    expect(g.thetaUsdPerDay).toBeCloseTo((-3 * unit.thetaPerYear) / 365, 12)
    expect(g.rhoUsdPerPercent).toBeCloseTo((-3 * unit.rho) / 100, 12)
  })

  test('sticky strike: delta and gamma are the derivatives of value with the smile anchored at the market', () => {
    for (const right of ['call', 'put'] as const) {
      const position = option({ right })
      const g = optionGreeks(position, SPOT, NOW)
      const value = (spot: number) => optionGreeks(position, spot, NOW, { smileAnchorSpot: SPOT }).value
      const h = 0.01 * SPOT * 0.65 * Math.sqrt(30 / 365)
      expect(relativeError(g.deltaUnits, firstDerivative(value, SPOT, h))).toBeLessThan(1e-6)
      expect(relativeError(g.gamma, secondDerivative(value, SPOT, h))).toBeLessThan(1e-6)
      // gammaUsdPerPercent: the change of deltaUnits over a 1 % move, valued at S.
      const delta = (spot: number) => optionGreeks(position, spot, NOW, { smileAnchorSpot: SPOT }).deltaUnits
      expect(relativeError(g.gammaUsdPerPercent, firstDerivative(delta, SPOT, h) * 0.01 * SPOT * SPOT)).toBeLessThan(
        1e-6,
      )
    }
  })

  test('sticky moneyness would add vega·∂σ/∂S = −vega·σ′(k)/S to delta (more delta under a downside skew)', () => {
    const position = option({ right: 'call', strike: 2_200 })
    const g = optionGreeks(position, SPOT, NOW)
    // The smile travels with the spot: its anchor is the spot itself.
    const travelling = (spot: number) => optionGreeks(position, spot, NOW).value
    const stickyMoneynessDelta = firstDerivative(travelling, SPOT, 0.5)
    const k = Math.log(2_200 / (SPOT * Math.exp(0.04 * g.yearsToExpiry)))
    const slope = -0.25 + 2 * 0.4 * k
    const vegaPerUnitVol = g.vegaUsdPerVolPoint * 100
    expect(relativeError(stickyMoneynessDelta, g.deltaUnits - (vegaPerUnitVol * slope) / SPOT)).toBeLessThan(1e-6)
    expect(stickyMoneynessDelta).toBeGreaterThan(g.deltaUnits)
  })

  test('vega is the value change for a parallel shift of the smile, per vol point', () => {
    for (const volatility of [SKEW, { kind: 'svi', a: 0.02, b: 0.12, rho: -0.3, m: 0.02, sigma: 0.15 } as const]) {
      const position = option({ volatility })
      const g = optionGreeks(position, SPOT, NOW)
      const value = (shift: number) => optionGreeks(position, SPOT, NOW, { volShift: shift }).value
      expect(relativeError(g.vegaUsdPerVolPoint, firstDerivative(value, 0, 0.005) / 100)).toBeLessThan(1e-6)
    }
  })

  test('theta is the value change per day as time passes at a fixed implied volatility', () => {
    const fitted: VolSmileInput = {
      kind: 'svi',
      a: 0.02,
      b: 0.12,
      rho: -0.3,
      m: 0.02,
      sigma: 0.15,
      fittedAt: NOW - DAY,
    }
    for (const volatility of [SKEW, fitted]) {
      // r = 0 keeps the forward that anchors k still as time passes (with r ≠ 0 it drifts by rS per year).
      const position = option({ volatility, riskFreeRate: 0 })
      const g = optionGreeks(position, SPOT, NOW)
      const value = (now: number) => optionGreeks(position, SPOT, now).value
      expect(relativeError(g.thetaUsdPerDay, firstDerivative(value, NOW, 0.01 * 30 * DAY) * DAY)).toBeLessThan(1e-6)
    }
    // An SVI slice without fittedAt is the variance still to come from `now`: with r = 0 the price
    // depends on T only through that fixed total variance, so the value does not decay at all.
    const unanchored = option({ volatility: { ...fitted, fittedAt: undefined }, riskFreeRate: 0 })
    const drift =
      firstDerivative((now: number) => optionGreeks(unanchored, SPOT, now).value, NOW, 0.01 * 30 * DAY) * DAY
    const theta = optionGreeks(unanchored, SPOT, NOW).thetaUsdPerDay
    expect(theta).toBeLessThan(-1)
    expect(Math.abs(drift)).toBeLessThan(1e-6 * Math.abs(theta))
  })

  test('an SVI slice with fittedAt keeps its implied volatility as time passes', () => {
    const position = option({
      volatility: { kind: 'svi', a: 0.02, b: 0.12, rho: -0.3, m: 0.02, sigma: 0.15, fittedAt: NOW },
    })
    const today = optionGreeks(position, SPOT, NOW).impliedVolatility
    const later = optionGreeks(position, SPOT, NOW + 10 * DAY, { smileAnchorSpot: SPOT }).impliedVolatility
    expect(later).toBeCloseTo(today as number, 2)
  })

  test('rho is the value change per percent of the risk-free rate', () => {
    const position = option({ volatility: { kind: 'flat', volatility: 0.7 }, right: 'call' })
    const g = optionGreeks(position, SPOT, NOW)
    const value = (rate: number) => optionGreeks({ ...position, riskFreeRate: rate }, SPOT, NOW).value
    expect(relativeError(g.rhoUsdPerPercent, firstDerivative(value, 0.04, 0.01) / 100)).toBeLessThan(1e-6)
  })

  test('a short position is the long one negated', () => {
    const long = optionGreeks(option(), SPOT, NOW)
    const short = optionGreeks(option({ quantity: -5 }), SPOT, NOW)
    for (const key of [
      'value',
      'deltaUnits',
      'deltaUsd',
      'gamma',
      'gammaUsdPerPercent',
      'vegaUsdPerVolPoint',
      'thetaUsdPerDay',
    ] as const)
      expect(short[key]).toBe(-long[key])
    expect(short.unitPrice).toBe(long.unitPrice)
  })

  test('past expiry: the payoff at the spot, a delta step, no volatility needed', () => {
    const g = optionGreeks(option({ expiry: NOW - DAY }), 1_700, NOW)
    expect(g.expired).toBe(true)
    expect(g.impliedVolatility).toBeNull()
    expect(g.value).toBe(5 * 100)
    expect(g.deltaUnits).toBe(-5)
    expect(g.gamma).toBe(0)
    expect(g.vegaUsdPerVolPoint).toBe(0)
    expect(optionGreeks(option({ expiry: NOW - DAY }), 1_900, NOW).value).toBe(0)
  })

  test('refuses a spot, time or anchor that is not a price', () => {
    expect(() => optionGreeks(option(), 0, NOW)).toThrow(RangeError)
    expect(() => optionGreeks(option(), SPOT, Number.NaN)).toThrow(RangeError)
    expect(() => optionGreeks(option(), SPOT, NOW, { smileAnchorSpot: -1 })).toThrow(RangeError)
  })
})

import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { type BlackScholesInput, blackScholes, blackScholesPrice } from './blackScholes'
import { firstDerivative, relativeError, secondDerivative } from './testing/centralDifference'

type Reference = [price: number, delta: number, gamma: number, vega: number, thetaPerYear: number, rho: number]

// mpmath at 50 digits: the closed-form price, and its derivatives by mpmath's own numerical differentiation
// (so the Greeks here do not share a formula with the code under test). Inputs are the doubles written.
const REFERENCE: [BlackScholesInput, Reference][] = [
  // Hull, Options, Futures and Other Derivatives, §19 (Greeks of a 20-week call): Δ 0.522, Γ 0.066, vega 12.1, Θ −4.31, ρ 8.91.
  [
    { right: 'call', spot: 49, strike: 50, yearsToExpiry: 0.3846, volatility: 0.2, rate: 0.05, carry: 0 },
    [
      2.4004610869656617, 0.5216016339715761, 0.06554537725247866, 12.105242754243843, -4.305389964546104,
      8.906574098800947,
    ],
  ],
  // Deep out of the money call with a carry.
  [
    { right: 'call', spot: 100, strike: 300, yearsToExpiry: 0.25, volatility: 0.5, rate: 0.03, carry: 0.01 },
    [
      5.449819488433042e-5, 1.0688088504712761e-5, 1.9084418825083327e-6, 0.0023855523531354163, -0.0024052935842983117,
      0.0002535776638967364,
    ],
  ],
  // Deep out of the money put and the deep in the money call on the same strike.
  [
    { right: 'put', spot: 100, strike: 20, yearsToExpiry: 1, volatility: 0.6, rate: 0.05, carry: 0 },
    [
      0.021496095950866913, -0.0010856970278276669, 6.051417853377091e-5, 0.36308507120262545, -0.10242223142410595,
      -0.1300657987336336,
    ],
  ],
  [
    { right: 'call', spot: 100, strike: 20, yearsToExpiry: 1, volatility: 0.6, rate: 0.05, carry: 0 },
    [
      80.99690760593658, 0.9989143029721723, 6.051417853377091e-5, 0.36308507120262545, -1.05365165592482,
      18.894522691280645,
    ],
  ],
  // One hour, 5 % out of the money: a price of 1e-10.
  [
    { right: 'call', spot: 2000, strike: 2100, yearsToExpiry: 1 / (365 * 24), volatility: 0.7, rate: 0.05, carry: 0 },
    [
      7.763781385225723e-11, 3.5369531882551233e-11, 1.576223353140175e-11, 5.0381568365211065e-9,
      -1.5450521932071275e-5, 8.066372825485184e-12,
    ],
  ],
  // One minute, at the money.
  [
    { right: 'put', spot: 2000, strike: 1999, yearsToExpiry: 60 / (365 * 86400), volatility: 0.8, rate: 0, carry: 0 },
    [
      0.4691145802099651, -0.32499385000938946, 0.1630811442199148, 0.9928836786600597, -208743.86460149096,
      -0.001237551017121364,
    ],
  ],
  // σ√T ≈ 9.5: the call is worth almost the spot.
  [
    { right: 'call', spot: 100, strike: 100, yearsToExpiry: 10, volatility: 3, rate: 0.02, carry: 0 },
    [
      99.99980989334462, 0.9999990533796262, 4.948230611050648e-9, 0.0014844691833151944, -0.00022457926985743512,
      0.000954446180077976,
    ],
  ],
  // d₂ ≈ −25.5: a price of 2e-145, still to full relative precision.
  [
    { right: 'call', spot: 1, strike: 5, yearsToExpiry: 0.1, volatility: 0.2, rate: 0, carry: 0 },
    [
      2.08600743941656e-145, 8.42948209823481e-143, 3.3926952129624668e-140, 6.785390425924934e-142,
      -6.785390425924934e-142, 8.408622023840645e-144,
    ],
  ],
  // A week, negative carry (the underlying lends above the rate).
  [
    { right: 'put', spot: 3000, strike: 2500, yearsToExpiry: 7 / 365, volatility: 0.65, rate: 0.04, carry: -0.02 },
    [
      1.8862758982990695, -0.018621662756920652, 0.00016874910209980408, 18.932262276676653, -317.40688003507483,
      -1.1075584909134992,
    ],
  ],
]

describe('blackScholes', () => {
  test("prices Hull's example: S 42, K 40, r 10 %, σ 20 %, six months → call 4.76, put 0.81", () => {
    const input = { spot: 42, strike: 40, yearsToExpiry: 0.5, volatility: 0.2, rate: 0.1 }
    const call = blackScholes({ ...input, right: 'call' })
    const put = blackScholes({ ...input, right: 'put' })
    expect(call.price).toBeCloseTo(4.76, 2)
    expect(put.price).toBeCloseTo(0.81, 2)
    // The same at 50 digits (mpmath).
    expect(relativeError(call.price, 4.759422392871533)).toBeLessThan(1e-14)
    expect(relativeError(put.price, 0.8085993729000936)).toBeLessThan(1e-14)
    // Hull's Greeks of a 20-week at-the-money call (S 49, K 50, r 5 %, σ 20 %).
    const hull = blackScholes({
      right: 'call',
      spot: 49,
      strike: 50,
      yearsToExpiry: 0.3846,
      volatility: 0.2,
      rate: 0.05,
    })
    expect(hull.delta).toBeCloseTo(0.522, 3)
    expect(hull.gamma).toBeCloseTo(0.066, 3)
    expect(hull.vega).toBeCloseTo(12.1, 1)
    expect(hull.thetaPerYear).toBeCloseTo(-4.31, 2)
    expect(hull.rho).toBeCloseTo(8.91, 2)
  })

  test('matches 50-digit prices and Greeks deep in and out of the money and from one minute to ten years', () => {
    for (const [input, expected] of REFERENCE) {
      const g = blackScholes(input)
      const actual = [g.price, g.delta, g.gamma, g.vega, g.thetaPerYear, g.rho]
      const names = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho']
      actual.forEach((value, i) => {
        expect(relativeError(value, expected[i] as number), `${names[i]} ${JSON.stringify(input)}`).toBeLessThan(1e-12)
      })
      expect(g.thetaPerDay).toBe(g.thetaPerYear / 365)
    }
  })

  const smoothCases: BlackScholesInput[] = [
    { right: 'call', spot: 100, strike: 100, yearsToExpiry: 0.5, volatility: 0.6, rate: 0.03, carry: 0.01 },
    { right: 'put', spot: 100, strike: 80, yearsToExpiry: 0.5, volatility: 0.6, rate: 0.03, carry: 0.01 },
    { right: 'call', spot: 100, strike: 80, yearsToExpiry: 0.5, volatility: 0.6, rate: 0.03, carry: 0 },
    { right: 'call', spot: 2000, strike: 2040, yearsToExpiry: 1 / 365, volatility: 0.8, rate: 0.05, carry: 0 },
    { right: 'put', spot: 2000, strike: 2600, yearsToExpiry: 2, volatility: 0.4, rate: 0.05, carry: 0.02 },
    { right: 'put', spot: 42, strike: 40, yearsToExpiry: 0.5, volatility: 0.2, rate: 0.1, carry: 0 },
  ]

  test('Greeks equal Richardson central differences of the price (relative error ≤ 1e-6)', () => {
    for (const input of smoothCases) {
      const g = blackScholes(input)
      const v = input.volatility * Math.sqrt(input.yearsToExpiry)
      const priceAt = (change: Partial<BlackScholesInput>) => (x: number) =>
        blackScholesPrice({ ...input, ...Object.fromEntries(Object.keys(change).map((key) => [key, x])) })
      const inSpot = priceAt({ spot: 0 })
      const hSpot = 0.01 * input.spot * v
      const r = input.rate ?? 0
      const checks: [string, number, number][] = [
        ['delta', g.delta, firstDerivative(inSpot, input.spot, hSpot)],
        ['gamma', g.gamma, secondDerivative(inSpot, input.spot, hSpot)],
        ['vega', g.vega, firstDerivative(priceAt({ volatility: 0 }), input.volatility, 0.01 * input.volatility)],
        // Theta is the change as calendar time passes: −∂/∂T.
        [
          'theta',
          g.thetaPerYear,
          -firstDerivative(priceAt({ yearsToExpiry: 0 }), input.yearsToExpiry, 0.01 * input.yearsToExpiry),
        ],
        ['rho', g.rho, firstDerivative(priceAt({ rate: 0 }), r, (0.01 * v) / input.yearsToExpiry)],
      ]
      for (const [name, analytic, numeric] of checks)
        expect(relativeError(analytic, numeric), `${name} ${JSON.stringify(input)}`).toBeLessThan(1e-6)
    }
  })

  const arbitraryInput = fc.record({
    right: fc.constantFrom('call' as const, 'put' as const),
    spot: fc.double({ min: 1e-2, max: 1e6, noNaN: true }),
    logStrike: fc.double({ min: -3, max: 3, noNaN: true }),
    yearsToExpiry: fc.double({ min: 1e-6, max: 10, noNaN: true }),
    volatility: fc.double({ min: 0.01, max: 3, noNaN: true }),
    rate: fc.double({ min: -0.05, max: 0.2, noNaN: true }),
    carry: fc.double({ min: -0.1, max: 0.1, noNaN: true }),
  })
  type Generated = Omit<BlackScholesInput, 'strike'> & { logStrike: number; rate: number; carry: number }
  const toInput = ({ logStrike, ...rest }: Generated) => ({ ...rest, strike: rest.spot * Math.exp(logStrike) })

  test('put–call parity C − P = S e^{−qT} − K e^{−rT} holds to 1e-10 of the larger price', () => {
    fc.assert(
      fc.property(arbitraryInput, (raw) => {
        const input = toInput(raw)
        const call = blackScholesPrice({ ...input, right: 'call' })
        const put = blackScholesPrice({ ...input, right: 'put' })
        const t = input.yearsToExpiry
        const forwardLeg = input.spot * Math.exp(-input.carry * t) - input.strike * Math.exp(-input.rate * t)
        // max(C, P) ≥ |C − P|, so this is the stricter of the natural scales.
        expect(Math.abs(call - put - forwardLeg)).toBeLessThanOrEqual(1e-10 * Math.max(call, put))
      }),
      { numRuns: 2_000 },
    )
  })

  test('call delta ∈ [0, e^{−qT}], put delta ∈ [−e^{−qT}, 0], gamma and vega ≥ 0, no-arbitrage price bounds', () => {
    fc.assert(
      fc.property(arbitraryInput, (raw) => {
        const input = toInput(raw)
        const g = blackScholes(input)
        const t = input.yearsToExpiry
        const carryDiscount = Math.exp(-input.carry * t)
        const forwardLeg = input.spot * carryDiscount - input.strike * Math.exp(-input.rate * t)
        const sign = input.right === 'call' ? 1 : -1
        expect(sign * g.delta).toBeGreaterThanOrEqual(0)
        expect(sign * g.delta).toBeLessThanOrEqual(carryDiscount * (1 + 1e-15))
        expect(g.gamma).toBeGreaterThanOrEqual(0)
        expect(g.vega).toBeGreaterThanOrEqual(0)
        // The discounted forward payoff ≤ price ≤ the spot (call) or the discounted strike (put).
        const ceiling = input.right === 'call' ? input.spot * carryDiscount : input.strike * Math.exp(-input.rate * t)
        expect(g.price).toBeGreaterThanOrEqual(Math.max(sign * forwardLeg, 0) * (1 - 1e-14))
        expect(g.price).toBeLessThanOrEqual(ceiling * (1 + 1e-14))
      }),
      { numRuns: 2_000 },
    )
  })

  test('the price rises with volatility', () => {
    fc.assert(
      fc.property(arbitraryInput, fc.double({ min: 1e-3, max: 1, noNaN: true }), (raw, bump) => {
        const input = toInput(raw)
        const low = blackScholesPrice(input)
        const high = blackScholesPrice({ ...input, volatility: input.volatility + bump })
        // Slack of a few ulps of the price: where both are the intrinsic value plus an underflowed time value.
        expect(high).toBeGreaterThanOrEqual(low * (1 - 1e-14))
        if (blackScholes(input).vega > 1e-8 * low) expect(high).toBeGreaterThan(low)
      }),
      { numRuns: 2_000 },
    )
  })

  test('at and past expiry: the payoff, a delta step (½ at the money), no gamma, vega or theta', () => {
    const base = { spot: 2000, yearsToExpiry: 0, volatility: 0.7, rate: 0.05 }
    expect(blackScholes({ ...base, right: 'call', strike: 1900 })).toEqual({
      price: 100,
      delta: 1,
      gamma: 0,
      vega: 0,
      thetaPerYear: 0,
      thetaPerDay: 0,
      rho: 0,
    })
    expect(blackScholes({ ...base, right: 'put', strike: 1900 }).price).toBe(0)
    expect(blackScholes({ ...base, right: 'put', strike: 1900 }).delta).toBe(0)
    expect(blackScholes({ ...base, right: 'put', strike: 2100, yearsToExpiry: -1 }).price).toBe(100)
    expect(blackScholes({ ...base, right: 'put', strike: 2100, yearsToExpiry: -1 }).delta).toBe(-1)
    expect(blackScholes({ ...base, right: 'call', strike: 2000 }).delta).toBe(0.5)
    expect(blackScholes({ ...base, right: 'put', strike: 2000 }).delta).toBe(-0.5)
  })

  test('converges to the payoff as T → 0 and σ → 0 without NaN', () => {
    for (const yearsToExpiry of [1e-9, 1e-12, 1e-300, Number.MIN_VALUE]) {
      const itm = blackScholes({ right: 'call', spot: 2000, strike: 1900, yearsToExpiry, volatility: 0.7, rate: 0.05 })
      expect(itm.price).toBeCloseTo(100, 3)
      expect(itm.delta).toBeCloseTo(1, 12)
      const otm = blackScholes({ right: 'put', spot: 2000, strike: 1900, yearsToExpiry, volatility: 0.7 })
      expect(otm.price).toBe(0)
      expect(Object.values(otm).every(Number.isFinite)).toBe(true)
      const atm = blackScholes({ right: 'call', spot: 2000, strike: 2000, yearsToExpiry, volatility: 0.7 })
      expect(Object.values(atm).every(Number.isFinite)).toBe(true)
      expect(atm.delta).toBeCloseTo(0.5, 3)
    }
    // σ = 0 with time left: the discounted forward payoff S e^{−qT} − K e^{−rT} and its theta and rho.
    const flat = blackScholes({
      right: 'call',
      spot: 100,
      strike: 90,
      yearsToExpiry: 1,
      volatility: 0,
      rate: 0.05,
      carry: 0.01,
    })
    expect(flat.price).toBeCloseTo(100 * Math.exp(-0.01) - 90 * Math.exp(-0.05), 12)
    expect(flat.delta).toBeCloseTo(Math.exp(-0.01), 15)
    expect(flat.thetaPerYear).toBeCloseTo(0.01 * 100 * Math.exp(-0.01) - 0.05 * 90 * Math.exp(-0.05), 12)
    expect(flat.rho).toBeCloseTo(90 * Math.exp(-0.05), 12)
  })

  test('refuses inputs that are not prices, times or volatilities', () => {
    const ok: BlackScholesInput = { right: 'call', spot: 100, strike: 100, yearsToExpiry: 1, volatility: 0.5 }
    for (const bad of [
      { spot: 0 },
      { spot: Number.NaN },
      { strike: -1 },
      { strike: Number.POSITIVE_INFINITY },
      { yearsToExpiry: Number.NaN },
      { yearsToExpiry: Number.POSITIVE_INFINITY },
      { volatility: -0.1 },
      { rate: Number.NaN },
      { carry: Number.NEGATIVE_INFINITY },
    ])
      expect(() => blackScholes({ ...ok, ...bad }), JSON.stringify(bad)).toThrow(RangeError)
  })
})

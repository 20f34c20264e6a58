import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { healthFactorTerms } from '../healthFactorTerms'
import { accountArbitrary } from '../testing/accountArbitrary'
import { snapshotFixture } from '../testing/snapshotFixture'
import { lendingGreeks, smoothHealthFactor, smoothHealthFactorInputs } from './lendingGreeks'

const relativeError = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300)

/** Central difference of the smooth HF in price i, extrapolated (Richardson). */
function finiteDifference(inputs: ReturnType<typeof smoothHealthFactorInputs>, i: number, order: 1 | 2): number {
  const p0 = inputs.price[i] as number
  const at = (dp: number) => {
    const price = Float64Array.from(inputs.price)
    price[i] = p0 + dp
    return smoothHealthFactor(inputs.weighted, inputs.debt, price)
  }
  const d = (h: number) => (order === 1 ? (at(h) - at(-h)) / (2 * h) : (at(h) - 2 * at(0) + at(-h)) / (h * h))
  // Two Richardson steps (error O(h⁶)) let h be large enough that rounding stays far below 1e-6.
  const h = p0 * (order === 1 ? 1e-2 : 5e-2)
  const r1 = (k: number) => (4 * d(k / 2) - d(k)) / 3
  return (16 * r1(h / 2) - r1(h)) / 15
}

describe('lendingGreeks', () => {
  const s = snapshotFixture({
    positions: {
      WETH: { supplied: 10 },
      WBTC: { supplied: 0.5, borrowed: 0.1 },
      USDC: { borrowed: 14_000 },
      LINK: { borrowed: 300 },
    },
    prices: { WETH: 2_000, WBTC: 60_000, LINK: 12 },
  })
  const t = healthFactorTerms(s)
  const greeks = lendingGreeks(t)

  test('delta is supplied − borrowed in units and at the price in USD', () => {
    const weth = greeks.find((g) => g.symbol === 'WETH')
    const wbtc = greeks.find((g) => g.symbol === 'WBTC')
    expect(weth?.deltaUnits).toBe(10)
    expect(weth?.deltaUsd).toBe(20_000)
    expect(wbtc?.deltaUnits).toBeCloseTo(0.4, 12)
    expect(greeks.find((g) => g.symbol === 'USDC')?.deltaUsd).toBeCloseTo(-14_000, 6)
  })

  test('the smooth HF agrees with the exact one to the LT truncation', () => {
    const { price, weighted, debt } = smoothHealthFactorInputs(t)
    const exact = Number(t.healthFactor) / 1e18
    expect(relativeError(smoothHealthFactor(weighted, debt, price), exact)).toBeLessThan(2e-4)
  })

  test('dHF/dp and d²HF/dp² equal finite differences (relative error ≤ 1e-6)', () => {
    const inputs = smoothHealthFactorInputs(t)
    greeks.forEach((g, i) => {
      expect(relativeError(g.healthFactorDelta as number, finiteDifference(inputs, i, 1)), g.symbol).toBeLessThan(1e-6)
      const second = g.healthFactorGamma as number
      if (second !== 0) expect(relativeError(second, finiteDifference(inputs, i, 2)), g.symbol).toBeLessThan(1e-6)
      else expect(Math.abs(finiteDifference(inputs, i, 2))).toBeLessThan(1e-12)
    })
  })

  test('collateral raises HF with its price, debt lowers it, and a pure collateral has gamma 0', () => {
    const weth = greeks.find((g) => g.symbol === 'WETH')
    const link = greeks.find((g) => g.symbol === 'LINK')
    expect(weth?.healthFactorDelta).toBeGreaterThan(0)
    expect(Math.abs(weth?.healthFactorGamma as number)).toBe(0)
    expect(link?.healthFactorDelta).toBeLessThan(0)
    // HF is convex in a debt price: −2d(wD − Wd)/D³ with w = 0 is positive.
    expect(link?.healthFactorGamma).toBeGreaterThan(0)
  })

  test('without debt there is no HF derivative', () => {
    const g = lendingGreeks(healthFactorTerms(snapshotFixture({ positions: { WETH: { supplied: 1 } } })))
    expect(g[0]?.healthFactorDelta).toBeNull()
    expect(g[0]?.deltaUnits).toBe(1)
  })

  test('property: the first-order HF change predicts a 0.1 % move of any price', () => {
    fc.assert(
      fc.property(accountArbitrary, (snapshot) => {
        const terms = healthFactorTerms(snapshot)
        const inputs = smoothHealthFactorInputs(terms)
        const hf = smoothHealthFactor(inputs.weighted, inputs.debt, inputs.price)
        if (!Number.isFinite(hf)) return
        lendingGreeks(terms).forEach((g, i) => {
          const price = Float64Array.from(inputs.price)
          const dp = (price[i] as number) * 1e-3
          price[i] = (price[i] as number) + dp
          const moved = smoothHealthFactor(inputs.weighted, inputs.debt, price)
          const predicted = hf + (g.healthFactorDelta as number) * dp + 0.5 * (g.healthFactorGamma as number) * dp * dp
          expect(Math.abs(moved - predicted)).toBeLessThanOrEqual(1e-6 * hf)
        })
      }),
      { numRuns: 200 },
    )
  })
})

import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { lpPrincipalAmounts } from '../uniswap/lpPosition'
import { getSqrtRatioAtTick } from '../uniswap/tickMath'
import { type LpPricing, type LpRange, lpAmountsFloat, lpGreeks, lpValueUsd } from './lpGreeks'

// WETH (18 decimals) / USDC (6) both ways round: which token is token0 depends on the addresses.
const wethUsdc = (ethUsd: number): LpPricing => ({ decimals0: 18, decimals1: 6, price0Usd: ethUsd, price1Usd: 1 })
const usdcWeth = (ethUsd: number): LpPricing => ({ decimals0: 6, decimals1: 18, price0Usd: 1, price1Usd: ethUsd })

/** The tick of a USD price of WETH in a pool where WETH is token0 (raw P = p · 10^-12) or token1. */
const tickFor = (ethUsd: number, wethIs0: boolean) =>
  Math.round(Math.log(wethIs0 ? ethUsd * 1e-12 : 1e12 / ethUsd) / Math.log(1.0001))
const rangeAround = (lo: number, hi: number, wethIs0: boolean, liquidity: bigint): LpRange => {
  const [a, b] = [tickFor(lo, wethIs0), tickFor(hi, wethIs0)].sort((x, y) => x - y) as [number, number]
  return { tickLower: a, tickUpper: b, liquidity }
}
// ≈ 5 WETH + 15,000 USDC at $3,000 within ±20 % (the devnet's LP position is of this size).
const ethIs0 = rangeAround(2400, 3600, true, 2_800_000_000_000_000n)
const ethIs1 = rangeAround(2400, 3600, false, 2_800_000_000_000_000n)

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300)

describe('LP value and amounts (float)', () => {
  test('at or below the lower edge the position is all token0, at or above the upper edge all token1', () => {
    const L = Number(ethIs0.liquidity)
    const sa = Number(getSqrtRatioAtTick(ethIs0.tickLower)) / 2 ** 96
    const sb = Number(getSqrtRatioAtTick(ethIs0.tickUpper)) / 2 ** 96
    const all0 = (L * (1 / sa - 1 / sb)) / 1e18
    const all1 = (L * (sb - sa)) / 1e6
    for (const p of [1000, 2000, 2399]) {
      const a = lpAmountsFloat(ethIs0, wethUsdc(p))
      expect(relErr(a.amount0, all0)).toBeLessThan(1e-12)
      expect(a.amount1).toBe(0)
      const g = lpGreeks(ethIs0, wethUsdc(p))
      expect(g.token0.gamma).toBe(0)
      expect(g.token0.delta).toBe(a.amount0)
    }
    for (const p of [3601, 5000, 1e6]) {
      const a = lpAmountsFloat(ethIs0, wethUsdc(p))
      expect(a.amount0).toBe(0)
      expect(relErr(a.amount1, all1)).toBeLessThan(1e-12)
      expect(lpGreeks(ethIs0, wethUsdc(p)).token1.gamma).toBe(0)
    }
    // The size the fixture claims: about 5 WETH and 15,000 USDC at $3,000.
    const mid = lpAmountsFloat(ethIs0, wethUsdc(3000))
    expect(mid.amount0).toBeGreaterThan(4)
    expect(mid.amount0).toBeLessThan(6)
    expect(mid.amount1).toBeGreaterThan(12_000)
    expect(mid.amount1).toBeLessThan(18_000)
  })

  test('the exact bigint amounts (Pool.burn) equal the float formula within rounding', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -400_000, max: 400_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: -120_000, max: 120_000 }),
        fc.bigInt({ min: 10n ** 9n, max: 1n << 110n }),
        fc.integer({ min: 0, max: 18 }),
        fc.integer({ min: 0, max: 18 }),
        (tickLower, width, offset, liquidity, decimals0, decimals1) => {
          const tickUpper = Math.min(tickLower + width, 887_272)
          const sqrtPriceX96 = getSqrtRatioAtTick(Math.max(Math.min(tickLower + offset, 887_000), -887_000)) + 1n
          const exact = lpPrincipalAmounts(sqrtPriceX96, tickLower, tickUpper, liquidity)
          // Prices that put the pool exactly at sqrtPriceX96: p0/p1 = P · 10^(d0 − d1).
          const s = Number(sqrtPriceX96) / 2 ** 96
          const pricing = { decimals0, decimals1, price0Usd: s * s * 10 ** (decimals0 - decimals1), price1Usd: 1 }
          const float = lpAmountsFloat({ tickLower, tickUpper, liquidity }, pricing)
          // Floor rounding loses < 1 unit; float64 keeps ~1e-9 relative through pow/sqrt at these magnitudes;
          // and √P and the range's bounds are each rounded once to 53 bits (δ ≈ 2^-53 relative), which moves
          // a0 by about L·δ/s and a1 by L·s·δ.
          const L = Number(liquidity)
          const delta = 4 * 2 ** -53
          const close = (bigint: bigint, f: number, d: number, priceSlack: number) => {
            const x = f * 10 ** d
            expect(Math.abs(Number(bigint) - x)).toBeLessThanOrEqual(1 + 1e-9 * Math.abs(x) + priceSlack)
          }
          close(exact.amount0, float.amount0, decimals0, (L * delta) / s)
          close(exact.amount1, float.amount1, decimals1, L * s * delta)
        },
      ),
      { numRuns: 500 },
    )
  })
})

describe('LP Greeks: delta and gamma are the derivatives of the value', () => {
  const central = (f: (x: number) => number, x: number, h: number) => (f(x + h) - f(x - h)) / (2 * h)
  const second = (f: (x: number) => number, x: number, h: number) => (f(x + h) - 2 * f(x) + f(x - h)) / (h * h)

  const cases: [string, LpRange, (p: number) => LpPricing][] = [
    ['WETH is token0', ethIs0, wethUsdc],
    ['WETH is token1', ethIs1, usdcWeth],
  ]
  for (const [name, range, pricing] of cases)
    test(`${name}: delta, gamma and the cross gamma equal central finite differences (≤ 1e-6) inside the range`, () => {
      for (const ethUsd of [2500, 2800, 3000, 3333, 3500]) {
        for (const stable of [1, 0.998]) {
          const base = pricing(ethUsd)
          const at = (p0: number, p1: number) => lpValueUsd(range, { ...base, price0Usd: p0, price1Usd: p1 })
          const p0 = base.price0Usd * (base.price0Usd === 1 ? stable : 1)
          const p1 = base.price1Usd * (base.price1Usd === 1 ? stable : 1)
          const g = lpGreeks(range, { ...base, price0Usd: p0, price1Usd: p1 })
          const [h0, h1] = [p0 * 1e-4, p1 * 1e-4]
          expect(
            relErr(
              g.token0.delta,
              central((x) => at(x, p1), p0, h0),
            ),
          ).toBeLessThan(1e-6)
          expect(
            relErr(
              g.token1.delta,
              central((x) => at(p0, x), p1, h1),
            ),
          ).toBeLessThan(1e-6)
          // Second differences lose digits to cancellation: a larger step, still far from the edges.
          const [k0, k1] = [p0 * 5e-4, p1 * 5e-4]
          expect(
            relErr(
              g.token0.gamma,
              second((x) => at(x, p1), p0, k0),
            ),
          ).toBeLessThan(1e-6)
          expect(
            relErr(
              g.token1.gamma,
              second((x) => at(p0, x), p1, k1),
            ),
          ).toBeLessThan(1e-6)
          const mixed =
            (at(p0 + k0, p1 + k1) - at(p0 + k0, p1 - k1) - at(p0 - k0, p1 + k1) + at(p0 - k0, p1 - k1)) / (4 * k0 * k1)
          expect(relErr(g.crossGamma, mixed)).toBeLessThan(1e-6)
          // Gamma as the derivative of the analytic delta too.
          const delta0 = (x: number) => lpGreeks(range, { ...base, price0Usd: x, price1Usd: p1 }).token0.delta
          expect(relErr(g.token0.gamma, central(delta0, p0, h0))).toBeLessThan(1e-6)
          expect(g.token0.gamma).toBeLessThan(0)
          expect(g.token1.gamma).toBeLessThan(0)
          expect(g.crossGamma).toBeGreaterThan(0)
        }
      }
    })

  test('the value expands as V + deltaUsd·r + ½·gammaUsd·r² for a small relative move of the volatile price', () => {
    const g = lpGreeks(ethIs0, wethUsdc(3000))
    const r = 0.001
    const moved = lpValueUsd(ethIs0, wethUsdc(3000 * (1 + r)))
    const predicted = g.principalUsd + g.token0.deltaUsd * r + 0.5 * g.token0.gammaUsd * r * r
    // The second-order term is about −4 cents on $30k; what remains is third order, well under a cent.
    expect(Math.abs(moved - predicted)).toBeLessThan(1e-4)
    expect(moved - (g.principalUsd + g.token0.deltaUsd * r)).toBeLessThan(-0.03)
  })

  test('uncollected fees add to the value and the deltas but not to gamma', () => {
    const fees = { amount0: 10n ** 17n, amount1: 250_000_000n }
    const bare = lpGreeks(ethIs0, wethUsdc(3000))
    const withFees = lpGreeks(ethIs0, wethUsdc(3000), fees)
    expect(withFees.feesUsd).toBeCloseTo(0.1 * 3000 + 250, 9)
    expect(withFees.valueUsd).toBeCloseTo(bare.valueUsd + 550, 6)
    expect(withFees.token0.delta - bare.token0.delta).toBeCloseTo(0.1, 12)
    expect(withFees.token1.delta - bare.token1.delta).toBeCloseTo(250, 9)
    expect(withFees.token0.gamma).toBe(bare.token0.gamma)
    expect(() => lpGreeks(ethIs0, wethUsdc(0))).toThrow(RangeError)
  })
})

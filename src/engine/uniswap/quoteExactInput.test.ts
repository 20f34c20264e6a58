import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { reserveOf, snapshotFixture } from '../testing/snapshotFixture'
import { poolFixture } from '../testing/uniswapPoolFixture'
import { amountAtSqrtPrice, poolAfterSwap, quoteExactInput } from './quoteExactInput'
import { getSqrtRatioAtTick } from './tickMath'

const s = snapshotFixture()
const WETH = reserveOf(s, 'WETH')
const USDC = reserveOf(s, 'USDC')
const $ = (usd: bigint) => usd * 10n ** 8n
const Q96 = 1n << 96n

describe('quoteExactInput', () => {
  const pool = poolFixture(WETH, USDC, { depthBase: $(15_000_000n) })

  test('a full-range swap follows x·y = L² with the 0.3 % fee taken from the input', () => {
    // WETH (…01) sorts before USDC (…05): WETH → USDC is zeroForOne.
    expect(pool.token0).toBe(WETH.asset)
    const amountIn = 10n * 10n ** 18n
    const q = quoteExactInput(pool, WETH.asset, USDC.asset, amountIn)
    const net = (amountIn * 997n) / 1000n
    const L = pool.liquidity
    const sqrtAfter = (L * Q96 * pool.sqrtPriceX96) / (L * Q96 + net * pool.sqrtPriceX96)
    const expected = (L * (pool.sqrtPriceX96 - sqrtAfter)) / Q96
    expect(q.amountIn).toBe(amountIn)
    expect(q.feeAmount).toBe(amountIn - net)
    expect(q.amountOut - expected).toBeGreaterThanOrEqual(-2n)
    expect(q.amountOut - expected).toBeLessThanOrEqual(2n)
    // ≈ 10 × $3000 less 0.3 % and about 0.2 % of price impact on a $15M side.
    expect(Number(q.amountOut) / 1e6).toBeGreaterThan(29_850)
    expect(Number(q.amountOut) / 1e6).toBeLessThan(29_910)
    expect(q.amountOutAtSpot).toBe(amountAtSqrtPrice(net, pool.sqrtPriceX96, true))
    expect(q.amountOutAtSpot).toBeGreaterThan(q.amountOut)
    expect(q.exhausted).toBe(false)
  })

  test('the other direction raises the price and swapping back costs the fee twice', () => {
    const usdcIn = 30_000n * 10n ** 6n
    const q = quoteExactInput(pool, USDC.asset, WETH.asset, usdcIn)
    expect(q.sqrtPriceX96After).toBeGreaterThan(pool.sqrtPriceX96)
    const back = quoteExactInput(poolAfterSwap(pool, q), WETH.asset, USDC.asset, q.amountOut)
    expect(back.amountOut).toBeLessThan(usdcIn)
    expect(Number(back.amountOut) / Number(usdcIn)).toBeCloseTo(0.997 * 0.997, 4)
  })

  test('crossing a concentrated position drops its liquidity at the tick', () => {
    const lower = Math.floor((pool.tick - 600) / 60) * 60
    const concentrated = poolFixture(WETH, USDC, {
      depthBase: $(15_000_000n),
      concentrated: { tickLower: lower, tickUpper: lower + 1200, liquidity: pool.liquidity },
    })
    expect(concentrated.liquidity).toBe(2n * pool.liquidity)
    // Enough WETH to push the price below `lower`.
    const q = quoteExactInput(concentrated, WETH.asset, USDC.asset, 2_000n * 10n ** 18n)
    expect(q.initializedTicksCrossed).toBe(1)
    expect(q.liquidityAfter).toBe(pool.liquidity)
    expect(q.tickAfter).toBeLessThan(lower)
    expect(q.sqrtPriceX96After).toBeLessThan(getSqrtRatioAtTick(lower))
  })

  test('output grows with input and never exceeds the input at the pre-swap price', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 5_000n * 10n ** 18n }), fc.bigInt({ min: 1n, max: 10n ** 18n }), (a, d) => {
        const q1 = quoteExactInput(pool, WETH.asset, USDC.asset, a)
        const q2 = quoteExactInput(pool, WETH.asset, USDC.asset, a + d)
        expect(q2.amountOut).toBeGreaterThanOrEqual(q1.amountOut)
        expect(q1.amountOut).toBeLessThanOrEqual(amountAtSqrtPrice(a, pool.sqrtPriceX96, true))
      }),
      { numRuns: 200 },
    )
  })

  test('rejects a pair the pool does not trade', () => {
    expect(() => quoteExactInput(pool, WETH.asset, reserveOf(s, 'DAI').asset, 1n)).toThrow()
  })
})

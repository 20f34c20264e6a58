import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { UniswapLpPositionSnapshot } from '../snapshot'
import { feeGrowthInside, lpFeesOwed, lpPositionAmounts, lpPrincipalAmounts } from './lpPosition'
import { getSqrtRatioAtTick, MAX_TICK, MIN_TICK } from './tickMath'

const Q96 = 1n << 96n
const Q128 = 1n << 128n
const MAX_UINT256 = (1n << 256n) - 1n
const MAX_UINT128 = Q128 - 1n

/** A position with no fee history, priced at `tick`'s sqrt ratio. */
function position(overrides: Partial<UniswapLpPositionSnapshot> = {}): UniswapLpPositionSnapshot {
  const tick = overrides.tick ?? 0
  return {
    tokenId: 1n,
    positionManager: '0x0000000000000000000000000000000000000001',
    pool: '0x0000000000000000000000000000000000000002',
    token0: '0x0000000000000000000000000000000000000003',
    token1: '0x0000000000000000000000000000000000000004',
    fee: 3000,
    tickLower: -600,
    tickUpper: 600,
    liquidity: 10n ** 18n,
    feeGrowthInside0LastX128: 0n,
    feeGrowthInside1LastX128: 0n,
    tokensOwed0: 0n,
    tokensOwed1: 0n,
    sqrtPriceX96: getSqrtRatioAtTick(tick),
    tick,
    feeGrowthGlobal0X128: 0n,
    feeGrowthGlobal1X128: 0n,
    lower: { feeGrowthOutside0X128: 0n, feeGrowthOutside1X128: 0n },
    upper: { feeGrowthOutside0X128: 0n, feeGrowthOutside1X128: 0n },
    ...overrides,
  }
}

const floorDiv = (a: bigint, b: bigint) => a / b

describe('principal amounts (Pool.burn rounding)', () => {
  const L = 123_456_789_012_345_678_901n
  const [lo, hi] = [-1200, 2400]
  const sqrtA = getSqrtRatioAtTick(lo)
  const sqrtB = getSqrtRatioAtTick(hi)
  // Closed forms in integers: L·2^96·(√Pb − √Pa)/√Pb/√Pa and L·(√Pb − √Pa)/2^96, each floored in turn.
  const all0 = floorDiv(floorDiv(L * Q96 * (sqrtB - sqrtA), sqrtB), sqrtA)
  const all1 = floorDiv(L * (sqrtB - sqrtA), Q96)

  test('at or below the lower tick the position is all token0, L·(1/√Pa − 1/√Pb)', () => {
    for (const sqrtP of [sqrtA, sqrtA - 1n, getSqrtRatioAtTick(lo - 1), getSqrtRatioAtTick(MIN_TICK)])
      expect(lpPrincipalAmounts(sqrtP, lo, hi, L)).toEqual({ amount0: all0, amount1: 0n })
  })

  test('at or above the upper tick the position is all token1, L·(√Pb − √Pa)', () => {
    for (const sqrtP of [sqrtB, sqrtB + 1n, getSqrtRatioAtTick(hi + 1), getSqrtRatioAtTick(MAX_TICK)])
      expect(lpPrincipalAmounts(sqrtP, lo, hi, L)).toEqual({ amount0: 0n, amount1: all1 })
  })

  test('inside the range: amount0 = ⌊L·(1/√P − 1/√Pb)⌋, amount1 = ⌊L·(√P − √Pa)⌋, and no liquidity holds nothing', () => {
    const sqrtP = getSqrtRatioAtTick(300) + 12_345n
    expect(lpPrincipalAmounts(sqrtP, lo, hi, L)).toEqual({
      amount0: floorDiv(floorDiv(L * Q96 * (sqrtB - sqrtP), sqrtB), sqrtP),
      amount1: floorDiv(L * (sqrtP - sqrtA), Q96),
    })
    expect(lpPrincipalAmounts(sqrtP, lo, hi, 0n)).toEqual({ amount0: 0n, amount1: 0n })
    expect(() => lpPrincipalAmounts(sqrtP, hi, lo, L)).toThrow(RangeError)
  })

  test('as the price rises token0 only falls and token1 only rises, between the two edge amounts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -50_000, max: 50_000 }),
        fc.integer({ min: 1, max: 20_000 }),
        fc.bigInt({ min: 1n, max: 1n << 100n }),
        fc.integer({ min: -80_000, max: 80_000 }),
        fc.integer({ min: 1, max: 5_000 }),
        (lower, width, liquidity, t, step) => {
          const upper = lower + width
          const a = lpPrincipalAmounts(getSqrtRatioAtTick(t), lower, upper, liquidity)
          const b = lpPrincipalAmounts(getSqrtRatioAtTick(t + step), lower, upper, liquidity)
          expect(b.amount0 <= a.amount0).toBe(true)
          expect(b.amount1 >= a.amount1).toBe(true)
          const edges0 = lpPrincipalAmounts(getSqrtRatioAtTick(lower), lower, upper, liquidity).amount0
          const edges1 = lpPrincipalAmounts(getSqrtRatioAtTick(upper), lower, upper, liquidity).amount1
          expect(a.amount0 <= edges0 && a.amount1 <= edges1).toBe(true)
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('fee growth inside (Tick.getFeeGrowthInside, uint256 wrap-around)', () => {
  const outside = (o0: bigint, o1: bigint) => ({ feeGrowthOutside0X128: o0, feeGrowthOutside1X128: o1 })

  test('inside the range: global − lower outside − upper outside, wrapping (v3-core Tick.spec vector: 16)', () => {
    const state = position({
      tickLower: -2,
      tickUpper: 2,
      tick: 0,
      feeGrowthGlobal0X128: 15n,
      feeGrowthGlobal1X128: 15n,
      lower: outside(MAX_UINT256 - 3n, MAX_UINT256 - 2n), // token1: 15 − (2^256 − 3) − 5 ≡ 13
      upper: outside(3n, 5n),
    })
    expect(feeGrowthInside(state)).toEqual({ inside0X128: 16n, inside1X128: 13n })
  })

  test('below the range: lower outside − upper outside; above: upper outside − lower outside, modulo 2^256', () => {
    const base = { tickLower: -2, tickUpper: 2, feeGrowthGlobal0X128: 15n, feeGrowthGlobal1X128: 15n }
    const below = position({ ...base, tick: -4, lower: outside(2n, 10n), upper: outside(3n, 1n) })
    expect(feeGrowthInside(below)).toEqual({ inside0X128: MAX_UINT256, inside1X128: 9n })
    const above = position({ ...base, tick: 2, lower: outside(2n, 10n), upper: outside(3n, 1n) })
    expect(feeGrowthInside(above)).toEqual({ inside0X128: 1n, inside1X128: MAX_UINT256 - 8n })
  })

  test('fees owed: tokensOwed + ⌊(inside − insideLast)·L / 2^128⌋, the difference taken modulo 2^256', () => {
    // The Tick.spec vector in units of 2^-128 per liquidity: inside growth 16·2^128 (wrapped), and the
    // position last saw 2^256 − 6·2^128, so 22 tokens per unit of liquidity accrued since.
    const p = position({
      tickLower: -2,
      tickUpper: 2,
      tick: 0,
      liquidity: 3n,
      feeGrowthGlobal0X128: 15n * Q128,
      feeGrowthGlobal1X128: 15n * Q128,
      lower: outside(MAX_UINT256 + 1n - 4n * Q128, 0n),
      upper: outside(3n * Q128, 0n),
      feeGrowthInside0LastX128: MAX_UINT256 + 1n - 6n * Q128,
      feeGrowthInside1LastX128: (14n << 128n) + 1n,
      tokensOwed0: 7n,
      tokensOwed1: 0n,
    })
    // token1: growth (1·2^128 − 1) · 3 / 2^128 = 2 (floored).
    expect(lpFeesOwed(p)).toEqual({ amount0: 7n + 22n * 3n, amount1: 2n })
  })

  test('the owed sum wraps at 2^128 as 0.7.6 adds it unchecked; no liquidity means only tokensOwed', () => {
    const p = position({
      liquidity: Q128,
      feeGrowthGlobal0X128: 5n,
      tokensOwed0: MAX_UINT128 - 1n,
    })
    expect(lpFeesOwed(p).amount0).toBe(3n)
    const idle = position({
      liquidity: 0n,
      feeGrowthGlobal0X128: 5n << 200n,
      feeGrowthInside0LastX128: 1n,
      tokensOwed0: 11n,
      tokensOwed1: 13n,
    })
    expect(lpFeesOwed(idle)).toEqual({ amount0: 11n, amount1: 13n })
  })

  test('fees do not depend on where the accumulators started: shifting every accumulator by K leaves them unchanged', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: MAX_UINT256 }),
        fc.bigInt({ min: 0n, max: 1n << 140n }),
        fc.bigInt({ min: 0n, max: 1n << 140n }),
        fc.bigInt({ min: 0n, max: 1n << 140n }),
        fc.bigInt({ min: 1n, max: 1n << 100n }),
        fc.integer({ min: -10, max: 10 }),
        (K, g, oL, oU, liquidity, tick) => {
          // A consistent history: outsides below the global, position last updated at the start (inside 0 then).
          const state = { tick, tickLower: -3, tickUpper: 3, liquidity }
          const plain = position({
            ...state,
            feeGrowthGlobal0X128: g + oL + oU,
            lower: outside(oL, 0n),
            upper: outside(oU, 0n),
          })
          const { inside0X128 } = feeGrowthInside(plain)
          const fresh = position({ ...plain, feeGrowthInside0LastX128: inside0X128 })
          expect(lpFeesOwed(fresh).amount0).toBe(0n)
          // Shift the global and both outsides by K (mod 2^256): inside shifts by the same K or −K in
          // every branch; moving insideLast with it leaves the owed fees exactly as before.
          const shift = (x: bigint) => (x + K) & MAX_UINT256
          const shifted = position({
            ...plain,
            feeGrowthGlobal0X128: shift(plain.feeGrowthGlobal0X128),
            lower: outside(shift(oL), 0n),
            upper: outside(shift(oU), 0n),
          })
          const delta = (feeGrowthInside(shifted).inside0X128 - inside0X128) & MAX_UINT256
          const last = (0n - 1000n) & MAX_UINT256 // growth of 1000 per unit since the last update
          const a = lpFeesOwed({ ...plain, feeGrowthInside0LastX128: (inside0X128 + last) & MAX_UINT256 })
          const b = lpFeesOwed({ ...shifted, feeGrowthInside0LastX128: (inside0X128 + delta + last) & MAX_UINT256 })
          expect(b.amount0).toBe(a.amount0)
          expect(a.amount0).toBe((1000n * liquidity) / Q128)
        },
      ),
      { numRuns: 200 },
    )
  })

  test('lpPositionAmounts bundles the principal at the pool price and the collectable fees', () => {
    const p = position({ tick: 60, sqrtPriceX96: getSqrtRatioAtTick(60), tokensOwed1: 9n })
    expect(lpPositionAmounts(p)).toEqual({
      principal: lpPrincipalAmounts(p.sqrtPriceX96, p.tickLower, p.tickUpper, p.liquidity),
      fees: { amount0: 0n, amount1: 9n },
    })
  })
})

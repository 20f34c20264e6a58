import type { UniswapLpPositionSnapshot } from '../snapshot'
import { mulDiv } from './fullMath'
import { getAmount0Delta, getAmount1Delta } from './sqrtPriceMath'
import { getSqrtRatioAtTick } from './tickMath'

/**
 * A Uniswap V3 position's worth in tokens, exact to the wei: the principal that
 * NonfungiblePositionManager.decreaseLiquidity(all liquidity) returns (Pool.burn), and the fees
 * that collect(max, max) pays out. Solidity 0.7.6 arithmetic is unchecked, so fee growth
 * differences wrap modulo 2^256 and owed amounts modulo 2^128, exactly as on chain.
 */

const Q128 = 1n << 128n
const MASK_128 = Q128 - 1n
const MASK_256 = (1n << 256n) - 1n

export type TokenAmounts = { amount0: bigint; amount1: bigint }

/**
 * The principal of `liquidity` between two ticks at a pool price, as Pool._modifyPosition computes
 * it for a burn (SqrtPriceMath.getAmount{0,1}Delta rounded down, in the pool's favour):
 * below the range all token0, L·(1/√P_a − 1/√P_b); above it all token1, L·(√P_b − √P_a); inside
 * amount0 = L·(1/√P − 1/√P_b), amount1 = L·(√P − √P_a).
 *
 * The pool branches on slot0.tick; comparing √P with the range's bounds gives the same amounts
 * (a price resting exactly on a boundary makes the empty side 0 either way), so this also prices
 * a position at any hypothetical √P (stress).
 */
export function lpPrincipalAmounts(
  sqrtPriceX96: bigint,
  tickLower: number,
  tickUpper: number,
  liquidity: bigint,
): TokenAmounts {
  if (tickLower >= tickUpper) throw new RangeError(`tickLower ${tickLower} must be below tickUpper ${tickUpper}`)
  const sqrtA = getSqrtRatioAtTick(tickLower)
  const sqrtB = getSqrtRatioAtTick(tickUpper)
  if (liquidity === 0n) return { amount0: 0n, amount1: 0n }
  if (sqrtPriceX96 <= sqrtA) return { amount0: getAmount0Delta(sqrtA, sqrtB, liquidity, false), amount1: 0n }
  if (sqrtPriceX96 >= sqrtB) return { amount0: 0n, amount1: getAmount1Delta(sqrtA, sqrtB, liquidity, false) }
  return {
    amount0: getAmount0Delta(sqrtPriceX96, sqrtB, liquidity, false),
    amount1: getAmount1Delta(sqrtA, sqrtPriceX96, liquidity, false),
  }
}

type FeeGrowthState = Pick<
  UniswapLpPositionSnapshot,
  'tick' | 'tickLower' | 'tickUpper' | 'feeGrowthGlobal0X128' | 'feeGrowthGlobal1X128' | 'lower' | 'upper'
>

/**
 * Tick.getFeeGrowthInside: fees per unit of liquidity earned inside [tickLower, tickUpper) since
 * the ticks were initialized, f_in = f_global − f_below − f_above, where a tick's "outside" value
 * counts as below (or above) when the current tick is on its far side and f_global − f_outside
 * otherwise. Every subtraction wraps modulo 2^256: only differences of f_in are meaningful.
 */
export function feeGrowthInside(state: FeeGrowthState): { inside0X128: bigint; inside1X128: bigint } {
  const { tick, tickLower, tickUpper, feeGrowthGlobal0X128: g0, feeGrowthGlobal1X128: g1, lower, upper } = state
  const below0 = tick >= tickLower ? lower.feeGrowthOutside0X128 : g0 - lower.feeGrowthOutside0X128
  const below1 = tick >= tickLower ? lower.feeGrowthOutside1X128 : g1 - lower.feeGrowthOutside1X128
  const above0 = tick < tickUpper ? upper.feeGrowthOutside0X128 : g0 - upper.feeGrowthOutside0X128
  const above1 = tick < tickUpper ? upper.feeGrowthOutside1X128 : g1 - upper.feeGrowthOutside1X128
  return { inside0X128: (g0 - below0 - above0) & MASK_256, inside1X128: (g1 - below1 - above1) & MASK_256 }
}

/**
 * What NonfungiblePositionManager.collect(tokenId, max, max) pays out now: tokensOwed plus, when
 * the position has liquidity (collect pokes the pool with a burn of 0 first), the fees accrued
 * since its last update, ⌊(f_in − f_in,last) · L / 2^128⌋ per token (Position.update /
 * NonfungiblePositionManager with FullMath.mulDiv, the difference modulo 2^256, the uint128 cast
 * and the unchecked uint128 sum of 0.7.6).
 */
export function lpFeesOwed(position: UniswapLpPositionSnapshot): TokenAmounts {
  if (position.liquidity === 0n) return { amount0: position.tokensOwed0, amount1: position.tokensOwed1 }
  const { inside0X128, inside1X128 } = feeGrowthInside(position)
  const accrued = (inside: bigint, last: bigint) =>
    mulDiv((inside - last) & MASK_256, position.liquidity, Q128) & MASK_128
  return {
    amount0: (position.tokensOwed0 + accrued(inside0X128, position.feeGrowthInside0LastX128)) & MASK_128,
    amount1: (position.tokensOwed1 + accrued(inside1X128, position.feeGrowthInside1LastX128)) & MASK_128,
  }
}

/** A position's principal at the pool's price and its collectable fees (both exact, in token units). */
export function lpPositionAmounts(position: UniswapLpPositionSnapshot): {
  principal: TokenAmounts
  fees: TokenAmounts
} {
  return {
    principal: lpPrincipalAmounts(position.sqrtPriceX96, position.tickLower, position.tickUpper, position.liquidity),
    fees: lpFeesOwed(position),
  }
}

import type { Hex, UniswapPoolSnapshot } from '../snapshot'
import { computeSwapStep } from './swapStep'
import { nextInitializedTickWithinOneWord, sortedTicks } from './tickBitmap'
import { getSqrtRatioAtTick, getTickAtSqrtRatio, MAX_SQRT_RATIO, MAX_TICK, MIN_SQRT_RATIO, MIN_TICK } from './tickMath'

export type SwapQuote = {
  tokenIn: Hex
  tokenOut: Hex
  /** Input the pool takes (equals the requested amount unless the price limit was hit). */
  amountIn: bigint
  amountOut: bigint
  /** LP fee paid, in the input token (part of amountIn). */
  feeAmount: bigint
  /** Output at the pool's price before the swap for the input net of fee: amountOut + price impact. */
  amountOutAtSpot: bigint
  sqrtPriceX96After: bigint
  tickAfter: number
  liquidityAfter: bigint
  initializedTicksCrossed: number
  /** True when the pool ran out of liquidity before the whole input was spent. */
  exhausted: boolean
}

/** Whether the pool holds the pair, and the swap's direction (token0 → token1 is zeroForOne). */
export function swapDirection(pool: UniswapPoolSnapshot, tokenIn: Hex, tokenOut: Hex): boolean | undefined {
  const a = tokenIn.toLowerCase()
  const b = tokenOut.toLowerCase()
  const t0 = pool.token0.toLowerCase()
  const t1 = pool.token1.toLowerCase()
  if (a === t0 && b === t1) return true
  if (a === t1 && b === t0) return false
  return undefined
}

/** Output of `amount` at the price √P (no fee, no impact): Δx·P or Δy/P with P = (√P / 2^96)². */
export function amountAtSqrtPrice(amount: bigint, sqrtPriceX96: bigint, zeroForOne: boolean): bigint {
  const priceX192 = sqrtPriceX96 * sqrtPriceX96
  return zeroForOne ? (amount * priceX192) >> 192n : (amount << 192n) / priceX192
}

/**
 * UniswapV3Pool.swap for an exact input with no price limit (as SwapRouter.exactInputSingle and
 * QuoterV2.quoteExactInputSingle with sqrtPriceLimitX96 = 0): step through the ranges between
 * initialized ticks (and bitmap-word edges) with computeSwapStep, adding liquidityNet at every
 * initialized tick crossed (negated when moving left). Exact to the wei when `pool.ticks` holds
 * every initialized tick the price passes.
 */
export function quoteExactInput(pool: UniswapPoolSnapshot, tokenIn: Hex, tokenOut: Hex, amountIn: bigint): SwapQuote {
  const zeroForOne = swapDirection(pool, tokenIn, tokenOut)
  if (zeroForOne === undefined) throw new Error(`pool ${pool.address} does not trade ${tokenIn} for ${tokenOut}`)
  if (amountIn < 0n) throw new RangeError('amountIn must be ≥ 0')
  const ticks = sortedTicks(pool.ticks)
  const limit = zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n
  let remaining = amountIn
  let amountOut = 0n
  let feeAmount = 0n
  let sqrtPrice = pool.sqrtPriceX96
  let tick = pool.tick
  let liquidity = pool.liquidity
  let crossed = 0
  while (remaining !== 0n && sqrtPrice !== limit) {
    const start = sqrtPrice
    const step = nextInitializedTickWithinOneWord(ticks, tick, pool.tickSpacing, zeroForOne)
    const next = Math.min(Math.max(step.next, MIN_TICK), MAX_TICK)
    const sqrtNext = getSqrtRatioAtTick(next)
    const target = zeroForOne ? (sqrtNext < limit ? limit : sqrtNext) : sqrtNext > limit ? limit : sqrtNext
    const s = computeSwapStep(sqrtPrice, target, liquidity, remaining, pool.fee)
    sqrtPrice = s.sqrtPriceNextX96
    remaining -= s.amountIn + s.feeAmount
    amountOut += s.amountOut
    feeAmount += s.feeAmount
    if (sqrtPrice === sqrtNext) {
      if (step.initialized && next === step.next) {
        liquidity += zeroForOne ? -step.liquidityNet : step.liquidityNet
        crossed++
      }
      tick = zeroForOne ? next - 1 : next
    } else if (sqrtPrice !== start) {
      tick = getTickAtSqrtRatio(sqrtPrice)
    }
  }
  const spent = amountIn - remaining
  return {
    tokenIn,
    tokenOut,
    amountIn: spent,
    amountOut,
    feeAmount,
    amountOutAtSpot: amountAtSqrtPrice(spent - feeAmount, pool.sqrtPriceX96, zeroForOne),
    sqrtPriceX96After: sqrtPrice,
    tickAfter: tick,
    liquidityAfter: liquidity,
    initializedTicksCrossed: crossed,
    exhausted: remaining !== 0n,
  }
}

/** The pool's state after a quoted swap (price, tick and active liquidity move; the tick list does not). */
export function poolAfterSwap(pool: UniswapPoolSnapshot, quote: SwapQuote): UniswapPoolSnapshot {
  return { ...pool, sqrtPriceX96: quote.sqrtPriceX96After, tick: quote.tickAfter, liquidity: quote.liquidityAfter }
}

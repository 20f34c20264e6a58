import { mulDiv, mulDivRoundingUp } from './fullMath'
import { getAmount0Delta, getAmount1Delta, getNextSqrtPriceFromInput } from './sqrtPriceMath'

export type SwapStep = { sqrtPriceNextX96: bigint; amountIn: bigint; amountOut: bigint; feeAmount: bigint }

/**
 * SwapMath.computeSwapStep for an exact input: within one range of constant liquidity, spend
 * up to `amountRemaining` (fee included) moving the price toward `sqrtTarget`.
 * amountIn excludes the fee; fee = amountRemaining − amountIn when the target is not reached,
 * else ⌈amountIn · fee / (10^6 − fee)⌉ (feePips: 3000 = 0.3 %).
 */
export function computeSwapStep(
  sqrtCurrent: bigint,
  sqrtTarget: bigint,
  liquidity: bigint,
  amountRemaining: bigint,
  feePips: number,
): SwapStep {
  const fee = BigInt(feePips)
  const zeroForOne = sqrtCurrent >= sqrtTarget
  const amountRemainingLessFee = mulDiv(amountRemaining, 1_000_000n - fee, 1_000_000n)
  const amountInToTarget = zeroForOne
    ? getAmount0Delta(sqrtTarget, sqrtCurrent, liquidity, true)
    : getAmount1Delta(sqrtCurrent, sqrtTarget, liquidity, true)
  const sqrtNext =
    amountRemainingLessFee >= amountInToTarget
      ? sqrtTarget
      : getNextSqrtPriceFromInput(sqrtCurrent, liquidity, amountRemainingLessFee, zeroForOne)
  const reachedTarget = sqrtNext === sqrtTarget
  const amountIn = reachedTarget
    ? amountInToTarget
    : zeroForOne
      ? getAmount0Delta(sqrtNext, sqrtCurrent, liquidity, true)
      : getAmount1Delta(sqrtCurrent, sqrtNext, liquidity, true)
  const amountOut = zeroForOne
    ? getAmount1Delta(sqrtNext, sqrtCurrent, liquidity, false)
    : getAmount0Delta(sqrtCurrent, sqrtNext, liquidity, false)
  const feeAmount = reachedTarget ? mulDivRoundingUp(amountIn, fee, 1_000_000n - fee) : amountRemaining - amountIn
  return { sqrtPriceNextX96: sqrtNext, amountIn, amountOut, feeAmount }
}

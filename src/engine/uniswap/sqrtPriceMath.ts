import { divRoundingUp, MAX_UINT160, MAX_UINT256, mulDiv, mulDivRoundingUp, Q96 } from './fullMath'

/**
 * Uniswap V3's SqrtPriceMath for exact-input swaps, with the chain's rounding (always in the
 * pool's favour) and its overflow branches, so amounts match the pool to the wei.
 * Within one tick range of liquidity L: Δx = L · (√P_b − √P_a) / (√P_a · √P_b), Δy = L · (√P_b − √P_a).
 */

/** SqrtPriceMath.getAmount0Delta: L·2^96·(√P_b − √P_a) / √P_b / √P_a, rounded up or down. */
export function getAmount0Delta(sqrtA: bigint, sqrtB: bigint, liquidity: bigint, roundUp: boolean): bigint {
  const [lo, hi] = sqrtA > sqrtB ? [sqrtB, sqrtA] : [sqrtA, sqrtB]
  const numerator1 = liquidity << 96n
  const numerator2 = hi - lo
  if (lo <= 0n) throw new RangeError('sqrt price must be positive')
  return roundUp
    ? divRoundingUp(mulDivRoundingUp(numerator1, numerator2, hi), lo)
    : mulDiv(numerator1, numerator2, hi) / lo
}

/** SqrtPriceMath.getAmount1Delta: L·(√P_b − √P_a) / 2^96, rounded up or down. */
export function getAmount1Delta(sqrtA: bigint, sqrtB: bigint, liquidity: bigint, roundUp: boolean): bigint {
  const [lo, hi] = sqrtA > sqrtB ? [sqrtB, sqrtA] : [sqrtA, sqrtB]
  return roundUp ? mulDivRoundingUp(liquidity, hi - lo, Q96) : mulDiv(liquidity, hi - lo, Q96)
}

/**
 * SqrtPriceMath.getNextSqrtPriceFromAmount0RoundingUp (adding token0): √P' = L·2^96·√P / (L·2^96 + Δx·√P),
 * or, when Δx·√P overflows 256 bits, ⌈L·2^96 / (L·2^96/√P + Δx)⌉.
 */
function nextSqrtPriceFromAmount0In(sqrtP: bigint, liquidity: bigint, amount: bigint): bigint {
  if (amount === 0n) return sqrtP
  const numerator1 = liquidity << 96n
  const product = amount * sqrtP
  if (product <= MAX_UINT256 && numerator1 + product <= MAX_UINT256)
    return mulDivRoundingUp(numerator1, sqrtP, numerator1 + product)
  return divRoundingUp(numerator1, numerator1 / sqrtP + amount)
}

/** SqrtPriceMath.getNextSqrtPriceFromAmount1RoundingDown (adding token1): √P' = √P + ⌊Δy·2^96 / L⌋. */
function nextSqrtPriceFromAmount1In(sqrtP: bigint, liquidity: bigint, amount: bigint): bigint {
  const next = sqrtP + (amount * Q96) / liquidity
  if (next > MAX_UINT160) throw new RangeError('sqrt price overflows uint160')
  return next
}

/** SqrtPriceMath.getNextSqrtPriceFromInput: the price after adding `amountIn` of the input token. */
export function getNextSqrtPriceFromInput(
  sqrtP: bigint,
  liquidity: bigint,
  amountIn: bigint,
  zeroForOne: boolean,
): bigint {
  if (sqrtP <= 0n || liquidity <= 0n) throw new RangeError('price and liquidity must be positive')
  return zeroForOne
    ? nextSqrtPriceFromAmount0In(sqrtP, liquidity, amountIn)
    : nextSqrtPriceFromAmount1In(sqrtP, liquidity, amountIn)
}

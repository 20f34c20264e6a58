/**
 * Uniswap V3's FullMath and UnsafeMath in bigint: 512-bit intermediates are free here, so
 * mulDiv is an exact floor and mulDivRoundingUp an exact ceiling, as on chain (where both
 * revert if the result exceeds 256 bits; amounts in a swap never do).
 */

export const Q96 = 1n << 96n
export const MAX_UINT160 = (1n << 160n) - 1n
export const MAX_UINT256 = (1n << 256n) - 1n

/** FullMath.mulDiv: ⌊a · b / denominator⌋. */
export function mulDiv(a: bigint, b: bigint, denominator: bigint): bigint {
  return (a * b) / denominator
}

/** FullMath.mulDivRoundingUp: ⌈a · b / denominator⌉. */
export function mulDivRoundingUp(a: bigint, b: bigint, denominator: bigint): bigint {
  const product = a * b
  const result = product / denominator
  return product % denominator === 0n ? result : result + 1n
}

/** UnsafeMath.divRoundingUp: ⌈x / y⌉. */
export function divRoundingUp(x: bigint, y: bigint): bigint {
  return x / y + (x % y === 0n ? 0n : 1n)
}

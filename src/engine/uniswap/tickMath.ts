import { MAX_UINT256 } from './fullMath'

/**
 * Uniswap V3's TickMath (v3-core libraries/TickMath.sol): price = 1.0001^tick and
 * sqrtPriceX96 = √price · 2^96, computed with the same 128-bit fixed-point constants so the
 * results equal the chain's bit for bit.
 */

export const MIN_TICK = -887272
export const MAX_TICK = 887272
export const MIN_SQRT_RATIO = 4295128739n
export const MAX_SQRT_RATIO = 1461446703485210103287273052203988822378723970342n

// √(1.0001^-(2^i)) in Q128.128, for i = 1…19 (bit 0 seeds `ratio`).
const FACTORS: readonly bigint[] = [
  0xfff97272373d413259a46990580e213an,
  0xfff2e50f5f656932ef12357cf3c7fdccn,
  0xffe5caca7e10e4e61c3624eaa0941cd0n,
  0xffcb9843d60f6159c9db58835c926644n,
  0xff973b41fa98c081472e6896dfb254c0n,
  0xff2ea16466c96a3843ec78b326b52861n,
  0xfe5dee046a99a2a811c461f1969c3053n,
  0xfcbe86c7900a88aedcffc83b479aa3a4n,
  0xf987a7253ac413176f2b074cf7815e54n,
  0xf3392b0822b70005940c7a398e4b70f3n,
  0xe7159475a2c29b7443b29c7fa6e889d9n,
  0xd097f3bdfd2022b8845ad8f792aa5825n,
  0xa9f746462d870fdf8a65dc1f90e061e5n,
  0x70d869a156d2a1b890bb3df62baf32f7n,
  0x31be135f97d08fd981231505542fcfa6n,
  0x9aa508b5b7a84e1c677de54f3e99bc9n,
  0x5d6af8dedb81196699c329225ee604n,
  0x2216e584f5fa1ea926041bedfe98n,
  0x48a170391f7dc42444e8fa2n,
]

/**
 * TickMath.getSqrtRatioAtTick: sqrtPriceX96 = √(1.0001^tick) · 2^96, built from the product of
 * √(1.0001^-(2^i)) over the set bits of |tick| (Q128.128), inverted for positive ticks and
 * rounded up from Q128.128 to Q64.96.
 */
export function getSqrtRatioAtTick(tick: number): bigint {
  const absTick = Math.abs(tick)
  if (!Number.isInteger(tick) || absTick > MAX_TICK) throw new RangeError(`tick ${tick} out of range`)
  let ratio = (absTick & 1) !== 0 ? 0xfffcb933bd6fad37aa2d162d1a594001n : 1n << 128n
  for (let i = 0; i < FACTORS.length; i++)
    if ((absTick & (2 << i)) !== 0) ratio = (ratio * (FACTORS[i] as bigint)) >> 128n
  if (tick > 0) ratio = MAX_UINT256 / ratio
  return (ratio >> 32n) + (ratio % (1n << 32n) === 0n ? 0n : 1n)
}

/**
 * TickMath.getTickAtSqrtRatio: the greatest tick t with getSqrtRatioAtTick(t) ≤ sqrtPriceX96.
 * A float64 log estimate (good to a tick or two) corrected against getSqrtRatioAtTick itself,
 * which is exact by definition.
 */
export function getTickAtSqrtRatio(sqrtPriceX96: bigint): number {
  if (sqrtPriceX96 < MIN_SQRT_RATIO || sqrtPriceX96 >= MAX_SQRT_RATIO)
    throw new RangeError(`sqrtPriceX96 ${sqrtPriceX96} out of range`)
  // log_1.0001(P) = 2·log2(√P) / log2(1.0001), with √P = sqrtPriceX96 / 2^96.
  const bits = sqrtPriceX96.toString(2).length
  const shift = Math.max(bits - 53, 0)
  const log2 = Math.log2(Number(sqrtPriceX96 >> BigInt(shift))) + shift - 96
  let tick = Math.min(Math.max(Math.floor((2 * log2) / Math.log2(1.0001)), MIN_TICK), MAX_TICK)
  while (tick > MIN_TICK && getSqrtRatioAtTick(tick) > sqrtPriceX96) tick--
  while (tick < MAX_TICK && getSqrtRatioAtTick(tick + 1) <= sqrtPriceX96) tick++
  return tick
}

/**
 * Aave's fixed-point arithmetic (WadRayMath.sol, PercentageMath.sol), in bigint with
 * the same half-up rounding so results match the chain to the wei.
 */

export const WAD = 10n ** 18n
export const HALF_WAD = WAD / 2n
export const RAY = 10n ** 27n
export const HALF_RAY = RAY / 2n
export const PERCENTAGE_FACTOR = 10_000n
const HALF_PERCENTAGE_FACTOR = PERCENTAGE_FACTOR / 2n
export const MAX_UINT256 = 2n ** 256n - 1n
export const SECONDS_PER_YEAR = 365n * 24n * 3600n

/** a · b / WAD, rounded half up (WadRayMath.wadMul). */
export const wadMul = (a: bigint, b: bigint) => (a * b + HALF_WAD) / WAD
/** a · WAD / b, rounded half up (WadRayMath.wadDiv). */
export const wadDiv = (a: bigint, b: bigint) => (a * WAD + b / 2n) / b
/**
 * ⌊x / RAY⌋ for x ≥ 0 as ⌊⌊x / 2^27⌋ / 5^27⌋ (equal: nested floors of positive divisors): 5^27 fits
 * one 64-bit digit, and V8 divides by one digit far faster than by RAY's two (rayMul 132 → 84 ns).
 * Negative x takes the plain division, which truncates toward zero where a shift would floor
 * (x < 0 never happens here; kept exact all the same).
 */
const FIVE_POW_27 = 5n ** 27n
const divRay = (x: bigint) => (x >= 0n ? (x >> 27n) / FIVE_POW_27 : x / RAY)

/** a · b / RAY, rounded half up (WadRayMath.rayMul). */
export const rayMul = (a: bigint, b: bigint) => divRay(a * b + HALF_RAY)
/** a · RAY / b, rounded half up (WadRayMath.rayDiv). */
export const rayDiv = (a: bigint, b: bigint) => (a * RAY + b / 2n) / b
/** value · bps / 10000, rounded half up (PercentageMath.percentMul). */
export const percentMul = (value: bigint, bps: bigint) => (value * bps + HALF_PERCENTAGE_FACTOR) / PERCENTAGE_FACTOR
/** a · b / RAY rounded down (WadRayMath.rayMulFloor, v3.5+: aToken balances). */
export const rayMulFloor = (a: bigint, b: bigint) => divRay(a * b)
/** a · b / RAY rounded up (WadRayMath.rayMulCeil, v3.5+: variable debt balances). */
export const rayMulCeil = (a: bigint, b: bigint) => {
  const p = a * b
  return p / RAY + (p % RAY === 0n ? 0n : 1n)
}
/** value · bps / 10000 rounded down (PercentageMath.percentMulFloor, v3.5+). */
export const percentMulFloor = (value: bigint, bps: bigint) => (value * bps) / PERCENTAGE_FACTOR
/** ⌈a · b / c⌉ (MathUtils.mulDivCeil, v3.5+: debt valued in base currency). */
export const mulDivCeil = (a: bigint, b: bigint, c: bigint) => {
  const p = a * b
  return p / c + (p % c === 0n ? 0n : 1n)
}
/** value · 10000 / bps, rounded half up (PercentageMath.percentDiv). */
export const percentDiv = (value: bigint, bps: bigint) => (value * PERCENTAGE_FACTOR + bps / 2n) / bps

/** MathUtils.calculateLinearInterest: RAY + rate · Δt / year (rate in ray). */
export function linearInterest(rate: bigint, lastUpdate: number, now: number): bigint {
  return RAY + (rate * BigInt(now - lastUpdate)) / SECONDS_PER_YEAR
}

const SECONDS_PER_YEAR_SQUARED = SECONDS_PER_YEAR * SECONDS_PER_YEAR

/**
 * MathUtils.calculateCompoundedInterest up to v3.3: the binomial approximation Aave uses,
 * 1 + x·n + n(n−1)/2·x² + n(n−1)(n−2)/6·x³ with x = rate per second, truncated as on chain.
 */
export function compoundedInterest(rate: bigint, lastUpdate: number, now: number): bigint {
  const exp = BigInt(now - lastUpdate)
  if (exp === 0n) return RAY
  const expMinusOne = exp - 1n
  const expMinusTwo = exp > 2n ? exp - 2n : 0n
  const basePowerTwo = rayMul(rate, rate) / SECONDS_PER_YEAR_SQUARED
  const basePowerThree = rayMul(basePowerTwo, rate) / SECONDS_PER_YEAR
  const secondTerm = (exp * expMinusOne * basePowerTwo) / 2n
  const thirdTerm = (exp * expMinusOne * expMinusTwo * basePowerThree) / 6n
  return RAY + (rate * exp) / SECONDS_PER_YEAR + secondTerm + thirdTerm
}

/**
 * MathUtils.calculateCompoundedInterest from v3.4 (aave-v3-origin): the same cubic Taylor
 * polynomial, multiplying by Δt before dividing by the year so fewer digits are lost:
 * x = rate · Δt / year, result = RAY + x + rayMul(x, x/2 + rayMul(x, x/6)).
 */
export function compoundedInterestV34(rate: bigint, lastUpdate: number, now: number): bigint {
  const exp = BigInt(now - lastUpdate)
  if (exp === 0n) return RAY
  const x = (rate * exp) / SECONDS_PER_YEAR
  return RAY + x + rayMul(x, x / 2n + rayMul(x, x / 6n))
}

/** 10^0 … 10^77 (every uint256 decimals count), so a token's unit is a lookup, not a bigint power per call. */
const POW10: readonly bigint[] = Array.from({ length: 78 }, (_, d) => 10n ** BigInt(d))

/** 10^decimals: one unit of a token in its smallest denomination. */
export const tokenUnit = (decimals: number): bigint => POW10[decimals] ?? 10n ** BigInt(decimals)

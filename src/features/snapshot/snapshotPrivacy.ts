import { maxUint256 } from 'viem'

/**
 * Rounding for the 'ratios' privacy level. Scaling hides the size, but exact account-specific
 * figures are a fingerprint: the health factor to 18 decimals, or a liquidation price to the
 * oracle unit, at a named block would let anyone scan the market's borrowers for the one account
 * that matches. So at that level the health factor is truncated to 4 decimals (the page shows 2,
 * truncated: a value below 1 never reads 1) and the account's amounts and liquidation prices keep
 * 5 significant digits, still far finer than anything the page shows. Market prices are public
 * and stay exact. (Rounding also makes the link shorter.)
 */

const KEPT_DIGITS = 5
const HEALTH_FACTOR_STEP = 10n ** 14n

/** x to `digits` significant digits as a float64 (0, ±Infinity and NaN pass through). */
export function significant(x: number, digits: number): number {
  return Number.isFinite(x) && x !== 0 ? Number(x.toPrecision(digits)) : x
}

/** round(x · num / den) kept to 5 significant digits (half away from zero). */
export function scaleBigint(x: bigint, num: bigint, den: bigint): bigint {
  const negative = x < 0n
  const scaled = ((negative ? -x : x) * num * 2n + den) / (2n * den)
  const length = scaled.toString().length
  if (length <= KEPT_DIGITS) return negative ? -scaled : scaled
  const unit = 10n ** BigInt(length - KEPT_DIGITS)
  const rounded = ((scaled + unit / 2n) / unit) * unit
  return negative ? -rounded : rounded
}

/** WAD health factor truncated to 4 decimals; "no debt" (MAX_UINT256) stays as it is. */
export function truncateHealthFactor(healthFactorWad: bigint): bigint {
  return healthFactorWad === maxUint256 ? healthFactorWad : healthFactorWad - (healthFactorWad % HEALTH_FACTOR_STEP)
}

import type { UniswapLpPositionSnapshot } from '../snapshot'
import { getSqrtRatioAtTick } from '../uniswap/tickMath'

/**
 * Value and Greeks of a Uniswap V3 LP position in float64 (statistics, not settlement amounts:
 * engine/uniswap/lpPosition.ts has the exact bigint amounts).
 *
 * With token USD prices p0, p1 the pool price (raw token1 per raw token0) is
 * P = (p0 / p1) · 10^(d1 − d0), s = √P, and the range is [s_a, s_b] = [1.0001^(tickLower/2),
 * 1.0001^(tickUpper/2)] (TickMath's ratios). In raw units, clamping s to the range,
 *   a0 = L · (1/s − 1/s_b),   a1 = L · (s − s_a),
 * so below the range everything is token0 and above it everything is token1.
 * V = A0·p0 + A1·p1 with A_i = a_i / 10^d_i. Because da1 = −s² da0 (the pool trades at its own
 * price), ∂V/∂p0 = A0 and ∂V/∂p1 = A1: a position's delta to each token's price is simply the
 * amount of that token it holds. Inside the range
 *   Γ00 = ∂A0/∂p0 = −L / (2 s p0 10^d0),   Γ11 = ∂A1/∂p1 = −L s / (2 p1 10^d1),
 *   Γ01 = ∂A0/∂p1 = ∂A1/∂p0 = L / (2 s p1 10^d0),
 * and all are 0 outside it (the Greeks jump at the range's edges). Either token may be a
 * stablecoin (its delta is then cash, and the other token's Greeks are the interesting ones);
 * both may be volatile. Uncollected fees are a fixed amount of each token: they add to the value
 * and to the deltas, never to gamma.
 */

export type LpRange = Pick<UniswapLpPositionSnapshot, 'tickLower' | 'tickUpper' | 'liquidity'>

/** USD prices (float) and decimals of the pool's two tokens. */
export type LpPricing = { decimals0: number; decimals1: number; price0Usd: number; price1Usd: number }

/** Sensitivity of the position's USD value to one token's USD price (the other held fixed). */
export type LpTokenGreeks = {
  /** ∂V/∂p: token units (whole tokens) — the amount held, fees included. */
  delta: number
  /** delta · p: USD gained per 1 (= 100 %) relative rise of the price, to first order. */
  deltaUsd: number
  /** ∂²V/∂p²: whole tokens per USD of price (≤ 0: an LP is short gamma). */
  gamma: number
  /** gamma · p²: V(p·(1+r)) ≈ V + deltaUsd·r + ½·gammaUsd·r². */
  gammaUsd: number
}

export type LpGreeks = {
  /** Principal amounts in whole tokens (float). */
  amount0: number
  amount1: number
  principalUsd: number
  feesUsd: number
  /** principal + uncollected fees. */
  valueUsd: number
  token0: LpTokenGreeks
  token1: LpTokenGreeks
  /** ∂²V/∂p0∂p1 (≥ 0), for two volatile tokens. */
  crossGamma: number
}

const Q96 = 2 ** 96
// TickMath's exact ratio, rounded once to float64: 1.0001 ** (tick / 2) would amplify the rounding of
// 1.0001 itself by |tick|/2 (≈ 5e-11 relative at the widest ranges).
const sqrtRatioAtTick = (tick: number) => Number(getSqrtRatioAtTick(tick)) / Q96

function rawState(range: LpRange, { decimals0, decimals1, price0Usd, price1Usd }: LpPricing) {
  if (!(price0Usd > 0 && price1Usd > 0)) throw new RangeError('token prices must be positive')
  const L = Number(range.liquidity)
  const sa = sqrtRatioAtTick(range.tickLower)
  const sb = sqrtRatioAtTick(range.tickUpper)
  const s = Math.sqrt((price0Usd / price1Usd) * 10 ** (decimals1 - decimals0))
  const sc = Math.min(Math.max(s, sa), sb)
  return { L, s, sa, sb, sc, inside: s > sa && s < sb }
}

/**
 * The principal of a position in whole tokens at USD prices p0, p1 (float):
 * A0 = L·(1/s − 1/s_b) / 10^d0 and A1 = L·(s − s_a) / 10^d1 with s = √P clamped to the range.
 */
export function lpAmountsFloat(range: LpRange, pricing: LpPricing): { amount0: number; amount1: number } {
  const { L, sa, sb, sc } = rawState(range, pricing)
  return {
    amount0: (L * (1 / sc - 1 / sb)) / 10 ** pricing.decimals0,
    amount1: (L * (sc - sa)) / 10 ** pricing.decimals1,
  }
}

/** The principal's USD value, V = A0·p0 + A1·p1 (float). */
export function lpValueUsd(range: LpRange, pricing: LpPricing): number {
  const { amount0, amount1 } = lpAmountsFloat(range, pricing)
  return amount0 * pricing.price0Usd + amount1 * pricing.price1Usd
}

/**
 * Value, delta and gamma of an LP position to each token's USD price (see the module comment for
 * the formulas). `fees` are the uncollected amounts (lpFeesOwed), in the tokens' smallest units.
 */
export function lpGreeks(
  range: LpRange,
  pricing: LpPricing,
  fees: { amount0: bigint; amount1: bigint } = { amount0: 0n, amount1: 0n },
): LpGreeks {
  const { decimals0, decimals1, price0Usd: p0, price1Usd: p1 } = pricing
  const { L, s, inside } = rawState(range, pricing)
  const { amount0, amount1 } = lpAmountsFloat(range, pricing)
  const fees0 = Number(fees.amount0) / 10 ** decimals0
  const fees1 = Number(fees.amount1) / 10 ** decimals1
  const principalUsd = amount0 * p0 + amount1 * p1
  const feesUsd = fees0 * p0 + fees1 * p1
  const gamma0 = inside ? -L / (2 * s * p0 * 10 ** decimals0) : 0
  const gamma1 = inside ? (-L * s) / (2 * p1 * 10 ** decimals1) : 0
  const greeks = (delta: number, gamma: number, p: number): LpTokenGreeks => ({
    delta,
    deltaUsd: delta * p,
    gamma,
    gammaUsd: gamma * p * p,
  })
  return {
    amount0,
    amount1,
    principalUsd,
    feesUsd,
    valueUsd: principalUsd + feesUsd,
    token0: greeks(amount0 + fees0, gamma0, p0),
    token1: greeks(amount1 + fees1, gamma1, p1),
    crossGamma: inside ? L / (2 * s * p1 * 10 ** decimals0) : 0,
  }
}

import type { Hex, PortfolioSnapshot, ReserveSnapshot, UniswapPoolSnapshot } from '../snapshot'
import { getSqrtRatioAtTick, getTickAtSqrtRatio } from '../uniswap/tickMath'

/**
 * Synthetic Uniswap V3 pools for unit tests, shaped like the devnet's: 0.3 % fee, tick spacing 60,
 * full-range liquidity (ticks ±887,220), priced at the snapshot's oracle prices, optionally with a
 * concentrated position on top.
 */

export const FULL_RANGE_TICK = 887_220
const Q192 = 1n << 192n

/** ⌊√n⌋ by Newton's method. */
export function sqrtBigInt(n: bigint): bigint {
  if (n < 2n) return n
  let x = BigInt(Math.floor(Math.sqrt(Number(n))))
  for (;;) {
    const y = (x + n / x) >> 1n
    if (y >= x && y - x <= 1n) {
      while (x * x > n) x -= 1n
      while ((x + 1n) * (x + 1n) <= n) x += 1n
      return x
    }
    x = y
  }
}

export type PoolFixtureOptions = {
  /** Value of each side of the full-range position, in base units (8 decimals). */
  depthBase: bigint
  /** An extra position: [tickLower, tickUpper] (multiples of 60) and its liquidity. */
  concentrated?: { tickLower: number; tickUpper: number; liquidity: bigint }
  fee?: number
}

/**
 * A pool of `a` against `b` at their oracle prices: raw price token1/token0 =
 * (p0 / 10^d0) / (p1 / 10^d1), L = √(x · y) for x, y raw amounts worth `depthBase` each.
 */
export function poolFixture(a: ReserveSnapshot, b: ReserveSnapshot, options: PoolFixtureOptions): UniswapPoolSnapshot {
  const [t0, t1] = a.asset.toLowerCase() < b.asset.toLowerCase() ? [a, b] : [b, a]
  const u0 = 10n ** BigInt(t0.decimals)
  const u1 = 10n ** BigInt(t1.decimals)
  const sqrtPriceX96 = sqrtBigInt((t0.priceBase * u1 * Q192) / (t1.priceBase * u0))
  const x = (options.depthBase * u0) / t0.priceBase
  const y = (options.depthBase * u1) / t1.priceBase
  const full = sqrtBigInt(x * y)
  const tick = getTickAtSqrtRatio(sqrtPriceX96)
  const ticks = [
    { index: -FULL_RANGE_TICK, liquidityNet: full },
    { index: FULL_RANGE_TICK, liquidityNet: -full },
  ]
  let liquidity = full
  const c = options.concentrated
  if (c) {
    ticks.push({ index: c.tickLower, liquidityNet: c.liquidity }, { index: c.tickUpper, liquidityNet: -c.liquidity })
    if (getSqrtRatioAtTick(c.tickLower) <= sqrtPriceX96 && sqrtPriceX96 < getSqrtRatioAtTick(c.tickUpper))
      liquidity += c.liquidity
  }
  return {
    address: `0x${'c0'.repeat(19)}${t0.id.toString(16).padStart(2, '0')}` as Hex,
    token0: t0.asset,
    token1: t1.asset,
    fee: options.fee ?? 3000,
    tickSpacing: 60,
    sqrtPriceX96,
    tick,
    liquidity,
    ticks: ticks.sort((p, q) => p.index - q.index),
  }
}

/** The snapshot with a pool of each listed volatile asset against `quote`, keyed by the volatile asset. */
export function withPools(
  snapshot: PortfolioSnapshot,
  quote: string,
  volatile: readonly string[],
  depthBase: bigint,
): PortfolioSnapshot {
  const q = snapshot.reserves.find((r) => r.symbol === quote)
  if (!q) throw new Error(`no ${quote} reserve`)
  const pools: Record<Hex, UniswapPoolSnapshot> = { ...snapshot.pools }
  for (const symbol of volatile) {
    const r = snapshot.reserves.find((x) => x.symbol === symbol)
    if (r) pools[r.asset] = poolFixture(r, q, { depthBase })
  }
  return { ...snapshot, pools }
}

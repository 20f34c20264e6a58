import type { Hex, PortfolioSnapshot, UniswapLpPositionSnapshot, UniswapPoolSnapshot } from '../../engine/snapshot'
import { getTickAtSqrtRatio, MAX_SQRT_RATIO, MIN_SQRT_RATIO } from '../../engine/uniswap/tickMath'
import { PERCENTAGE_FACTOR } from '../../engine/wadRayMath'

/**
 * What-if price shocks: a copy of a snapshot whose oracle prices are moved by a relative shock per
 * asset, in basis points (−2000 = 20 % lower), in bigint so the engine's exact account math runs on
 * the hypothetical state as it does on the live one: p' = ⌊p · (10⁴ + shock) / 10⁴⌋.
 *
 * The DEX pools the proposals swap through (and the pools of the user's LP positions) move with the
 * oracle, as an arbitrageur would leave them: otherwise a deleverage in a −30 % world would sell
 * collateral at the pre-shock DEX price and look far cheaper than it could be.
 *
 * Left as they are: e-mode source prices (v3.0–v3.1 categories with their own oracle; the engine
 * already reports such assets as "priced by the e-mode source"), the oracle history (volatility is
 * estimated from what happened, not from the hypothesis) and interest indexes.
 */

/** Shocks by asset (any address case), basis points; an asset not listed keeps its price. */
export type PriceShocksBps = ReadonlyMap<Hex, bigint>

const Q96 = 1n << 96n

/** One shock after another: (1 + a)(1 + b) − 1, in basis points (floored). */
export function combineShocksBps(a: bigint, b: bigint): bigint {
  return ((PERCENTAGE_FACTOR + a) * (PERCENTAGE_FACTOR + b)) / PERCENTAGE_FACTOR - PERCENTAGE_FACTOR
}

/** The snapshot with every listed asset's oracle price shocked; the same object when no shock moves anything. */
export function shockSnapshot(snapshot: PortfolioSnapshot, shocks: PriceShocksBps): PortfolioSnapshot {
  const byAsset = new Map<string, bigint>()
  for (const [asset, bps] of shocks) {
    if (bps <= -PERCENTAGE_FACTOR) throw new RangeError(`a shock of ${bps} bps would take ${asset}'s price to zero`)
    if (bps !== 0n) byAsset.set(asset.toLowerCase(), bps)
  }
  if (byAsset.size === 0) return snapshot
  const factor = (asset: Hex) => PERCENTAGE_FACTOR + (byAsset.get(asset.toLowerCase()) ?? 0n)

  const reserves = snapshot.reserves.map((r) => {
    const f = factor(r.asset)
    return f === PERCENTAGE_FACTOR ? r : { ...r, priceBase: (r.priceBase * f) / PERCENTAGE_FACTOR }
  })
  const pools: Record<Hex, UniswapPoolSnapshot> = {}
  for (const [key, pool] of Object.entries(snapshot.pools))
    pools[key as Hex] = shiftPool(pool, factor(pool.token0), factor(pool.token1))
  const { chainAccountData: _chainFigure, ...rest } = snapshot
  return {
    ...rest,
    reserves,
    pools,
    // The chain's own getUserAccountData describes the live prices, not these: dropped, as for any derived snapshot.
    ...(snapshot.lpPositions
      ? { lpPositions: snapshot.lpPositions.map((p) => shiftLpPosition(p, factor(p.token0), factor(p.token1))) }
      : {}),
  }
}

/**
 * √P' = √P · √(f₀ / f₁): the pool's price is token1 per token0, so it moves by token0's factor over
 * token1's. Computed as √P · ⌊√(f₀ · 2¹⁹² / f₁)⌋ / 2⁹⁶, clamped to the pool's price range.
 */
function shiftedSqrtPrice(sqrtPriceX96: bigint, f0: bigint, f1: bigint): bigint {
  const next = (sqrtPriceX96 * sqrtBigInt((f0 << 192n) / f1)) / Q96
  if (next < MIN_SQRT_RATIO) return MIN_SQRT_RATIO
  return next >= MAX_SQRT_RATIO ? MAX_SQRT_RATIO - 1n : next
}

/**
 * The pool after its price moved from tick t to t′, with the liquidity of the ticks crossed on the
 * way applied as UniswapV3Pool.swap does: up, every initialized tick in (t, t′] adds its liquidityNet;
 * down, every one in (t′, t] subtracts it. Ticks outside the snapshot's list are unknown and not applied.
 */
export function shiftPool(pool: UniswapPoolSnapshot, f0: bigint, f1: bigint): UniswapPoolSnapshot {
  if (f0 === f1) return pool
  const sqrtPriceX96 = shiftedSqrtPrice(pool.sqrtPriceX96, f0, f1)
  const tick = getTickAtSqrtRatio(sqrtPriceX96)
  let liquidity = pool.liquidity
  for (const t of pool.ticks) {
    if (tick > pool.tick && t.index > pool.tick && t.index <= tick) liquidity += t.liquidityNet
    if (tick < pool.tick && t.index > tick && t.index <= pool.tick) liquidity -= t.liquidityNet
  }
  return { ...pool, sqrtPriceX96, tick, liquidity }
}

function shiftLpPosition(p: UniswapLpPositionSnapshot, f0: bigint, f1: bigint): UniswapLpPositionSnapshot {
  if (f0 === f1) return p
  const sqrtPriceX96 = shiftedSqrtPrice(p.sqrtPriceX96, f0, f1)
  return { ...p, sqrtPriceX96, tick: getTickAtSqrtRatio(sqrtPriceX96) }
}

/** ⌊√n⌋ (Newton's method from the float64 estimate). */
function sqrtBigInt(n: bigint): bigint {
  if (n < 2n) return n
  let x = BigInt(Math.floor(Math.sqrt(Number(n))))
  for (;;) {
    const y = (x + n / x) >> 1n
    if (y >= x && y - x <= 1n) break
    x = y
  }
  while (x * x > n) x -= 1n
  while ((x + 1n) * (x + 1n) <= n) x += 1n
  return x
}

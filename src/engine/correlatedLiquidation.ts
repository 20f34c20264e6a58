import { collateralValue, debtValue, type HealthFactorTerms } from './healthFactorTerms'
import { boundaryPrice, type LiquidationSide } from './priceBoundary'
import type { Hex } from './snapshot'
import { PERCENTAGE_FACTOR, WAD } from './wadRayMath'

/**
 * The correlated liquidation price: every volatile asset (assetClass.ts) moves by one common
 * factor f, p_i → ⌊p_i · f / FACTOR_ONE⌋, stablecoins and e-mode-priced assets stay put. HF = 1 is
 * linear in f (Σ_fixed c·LT + f · Σ_volatile c·LT = Σ_fixed d + f · Σ_volatile d, with LT in
 * fractions), so the closed form gives the start and the exact bigint HF finishes it (priceBoundary.ts).
 */

/** The factor's unit: f = FACTOR_ONE is "no move"; one factor step is a 1e-12 relative move. */
export const FACTOR_ONE = 10n ** 12n

export type CorrelatedLiquidation =
  | {
      /** The common factor at HF = 1 (FACTOR_ONE = today's prices). */
      factor: bigint
      /** 'down' when the account is liquidated by volatile prices falling together, 'up' when rising. */
      direction: LiquidationSide
      /** factor − 1 as a float64 fraction: −0.3 = every volatile price 30 % lower. */
      shock: number
      /** Each moving asset's price at that factor (base currency), in positions order. */
      prices: { asset: Hex; symbol: string; priceBase: bigint }[]
    }
  | { factor: null; reason: CorrelatedNoPriceReason }

export type CorrelatedNoPriceReason =
  | 'no-debt'
  | 'no-volatile-exposure'
  | 'cannot-liquidate-by-volatile-move'
  | 'liquidatable-at-any-price'
  | 'no-boundary-found'

/** The positions a correlated move shifts: volatile, priced by their own feed, and in HF. */
export function movingPositions(t: HealthFactorTerms): number[] {
  const out: number[] = []
  for (let i = 0; i < t.assets.length; i++)
    if (
      t.volatile[i] &&
      t.followsOracle[i] &&
      ((t.collateralAmount[i] as bigint) > 0n || (t.debtAmount[i] as bigint) > 0n)
    )
      out.push(i)
  return out
}

/** The price of position i after the common factor f: ⌊p · f / FACTOR_ONE⌋. */
export const scaledPrice = (t: HealthFactorTerms, i: number, factor: bigint) =>
  ((t.price[i] as bigint) * factor) / FACTOR_ONE

/**
 * The common factor f at which HF = 1, with the neighbours one factor step away on opposite sides
 * of 1 by the exact HF (on the liquidating side HF < 1). Guess: f₀ = (10⁴·D_f − W_f) / (W_v − 10⁴·D_v),
 * refined once with the truncated average LT̄: f₁ = (10⁴·D_f − LT̄·C_f) / (LT̄·C_v − 10⁴·D_v), where
 * C, W = Σ c·LT, D are the collateral, weighted collateral and debt of the fixed (f) and moving (v) positions.
 */
export function correlatedLiquidation(t: HealthFactorTerms): CorrelatedLiquidation {
  if (t.totalDebt === 0n) return { factor: null, reason: 'no-debt' }
  const moving = movingPositions(t)
  if (moving.length === 0) return { factor: null, reason: 'no-volatile-exposure' }
  let cFixed = t.totalCollateral
  let wFixed = t.weightedLt
  let dFixed = t.totalDebt
  let cMoving = 0n
  let wMoving = 0n
  let dMoving = 0n
  for (const i of moving) {
    const c = t.collateralBase[i] as bigint
    const lt = t.liquidationThreshold[i] as bigint
    cFixed -= c
    wFixed -= c * lt
    dFixed -= t.debtBase[i] as bigint
    cMoving += c
    wMoving += c * lt
    dMoving += t.debtBase[i] as bigint
  }
  const liquidatable = (factor: bigint) => {
    let c = cFixed
    let w = wFixed
    let d = dFixed
    for (const i of moving) {
      const price = scaledPrice(t, i, factor)
      const unit = t.unit[i] as bigint
      const value = collateralValue(t, t.collateralAmount[i] as bigint, price, unit)
      c += value
      w += value * (t.liquidationThreshold[i] as bigint)
      d += debtValue(t, t.debtAmount[i] as bigint, price, unit)
    }
    return t.math.healthFactor(c, w, d) < WAD
  }
  const exposure = wMoving - PERCENTAGE_FACTOR * dMoving
  if (exposure === 0n)
    return liquidatable(FACTOR_ONE)
      ? { factor: null, reason: 'liquidatable-at-any-price' }
      : { factor: null, reason: 'cannot-liquidate-by-volatile-move' }
  const direction: LiquidationSide = exposure > 0n ? 'down' : 'up'
  if (direction === 'down' && !liquidatable(0n)) return { factor: null, reason: 'cannot-liquidate-by-volatile-move' }
  if (direction === 'up' && liquidatable(0n)) return { factor: null, reason: 'liquidatable-at-any-price' }

  let guess = (FACTOR_ONE * (PERCENTAGE_FACTOR * dFixed - wFixed)) / exposure
  if (guess > 0n) {
    const c = cFixed + (cMoving * guess) / FACTOR_ONE
    const lt = c === 0n ? 0n : (wFixed + (wMoving * guess) / FACTOR_ONE) / c
    const den = lt * cMoving - PERCENTAGE_FACTOR * dMoving
    const refined = den === 0n ? 0n : (FACTOR_ONE * (PERCENTAGE_FACTOR * dFixed - lt * cFixed)) / den
    if (refined > 0n && den > 0n === exposure > 0n) guess = refined
  } else guess = 1n
  const factor = boundaryPrice(liquidatable, direction, guess, 1n)
  if (factor === null) return { factor: null, reason: 'no-boundary-found' }
  return {
    factor,
    direction,
    shock: Number(factor - FACTOR_ONE) / Number(FACTOR_ONE),
    prices: moving.map((i) => ({
      asset: t.assets[i] as Hex,
      symbol: t.symbols[i] as string,
      priceBase: scaledPrice(t, i, factor),
    })),
  }
}

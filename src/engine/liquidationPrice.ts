import type { AssetClassOverrides } from './assetClass'
import { type CorrelatedLiquidation, correlatedLiquidation, scaledPrice } from './correlatedLiquidation'
import { collateralValue, debtValue, type HealthFactorTerms, healthFactorTerms, priceStep } from './healthFactorTerms'
import type { Position } from './positions'
import { boundaryPrice, type LiquidationSide } from './priceBoundary'
import type { Hex, PortfolioSnapshot } from './snapshot'
import { PERCENTAGE_FACTOR, WAD } from './wadRayMath'

/**
 * Liquidation prices: for each asset the account supplies or borrows, the oracle price (base
 * currency) at which HF = 1 with every other price fixed, and the correlated version (all volatile
 * assets moving together, correlatedLiquidation.ts).
 */

export type NoLiquidationPriceReason =
  /** No debt: HF is infinite whatever the prices. */
  | 'no-debt'
  /** Supplied without counting as collateral (flag off or LT 0) and not borrowed: its price does not enter HF. */
  | 'not-collateral'
  /** Its price can go to zero (net collateral) or to any height (net debt) without HF falling below 1. */
  | 'cannot-liquidate-by-this-asset'
  /** HF is below 1 whatever this price (the rest of the account is under water on its own). */
  | 'liquidatable-at-any-price'
  /** v3.0–v3.1: the user's e-mode category has a price source that prices this asset instead of its feed. */
  | 'priced-by-emode-source'
  /** The exact search found no boundary (pathological input). */
  | 'no-boundary-found'

export type AssetLiquidationPrice = {
  asset: Hex
  symbol: string
  /** The price the account math uses now (base currency). */
  priceBase: bigint
  /** One price step (priceStep in healthFactorTerms.ts): the resolution of the answer. */
  step: bigint
  /** This asset's price when all volatile assets sit at the correlated liquidation point, if it moves with them. */
  correlatedPriceBase: bigint | null
} & (
  | {
      /**
       * The liquidation price: one step past it on the liquidating side HF < 1, one step on the other
       * side HF ≥ 1 (exact bigint HF, GenericLogic's rounding).
       */
      liquidationPriceBase: bigint
      /** 'down': liquidated when this price falls (net collateral); 'up': when it rises (net debt). */
      direction: LiquidationSide
      /** (liquidation price − price) / price as a float64 fraction: −0.25 = 25 % below today's price. */
      distanceFraction: number
    }
  | { liquidationPriceBase: null; reason: NoLiquidationPriceReason }
)

export type LiquidationPriceReport = {
  /** HF at the snapshot's prices (WAD). */
  healthFactor: bigint
  /** HF is already below 1: the account can be liquidated now, and each price says where it would recover. */
  liquidatableNow: boolean
  /** One row per position, in reserve-id order. */
  assets: AssetLiquidationPrice[]
  correlated: CorrelatedLiquidation
  terms: HealthFactorTerms
}

/**
 * Liquidation prices of every asset of the account. For asset k with counted supply s, debt b,
 * unit U = 10^decimals and threshold LT_k, the others' collateral C_o, weighted collateral
 * W_o = Σ c_i·LT_i and debt D_o fixed, HF = 1 is linear in the price x:
 *   W_o + (s·x/U)·LT_k = 10⁴·(D_o + b·x/U)   ⇒   x₀ = U·(10⁴·D_o − W_o) / (s·LT_k − 10⁴·b),
 * refined with the truncated average LT̄ at x₀ (x₁ = U·(10⁴·D_o − LT̄·C_o) / (s·LT̄ − 10⁴·b)) and then
 * finished on the exact bigint HF (priceBoundary.ts). The sign of s·LT_k − 10⁴·b (the asset's net
 * exposure) says whether a fall or a rise liquidates, so an asset both supplied and borrowed is one
 * position with one direction.
 */
export function liquidationPrices(
  snapshot: PortfolioSnapshot,
  options: { positions?: Position[]; classes?: AssetClassOverrides; terms?: HealthFactorTerms } = {},
): LiquidationPriceReport {
  const t = options.terms ?? healthFactorTerms(snapshot, options.positions, options.classes)
  const correlated = correlatedLiquidation(t)
  const correlatedFactor = correlated.factor
  const assets: AssetLiquidationPrice[] = []
  for (let k = 0; k < t.assets.length; k++) {
    const moves = correlatedFactor !== null && correlated.prices.some((p) => p.asset === t.assets[k])
    assets.push({
      asset: t.assets[k] as Hex,
      symbol: t.symbols[k] as string,
      priceBase: t.price[k] as bigint,
      step: priceStep(t, k),
      correlatedPriceBase: moves ? scaledPrice(t, k, correlatedFactor) : null,
      ...assetLiquidationPrice(t, k),
    })
  }
  return { healthFactor: t.healthFactor, liquidatableNow: t.healthFactor < WAD, assets, correlated, terms: t }
}

type PriceOrReason =
  | { liquidationPriceBase: bigint; direction: LiquidationSide; distanceFraction: number }
  | { liquidationPriceBase: null; reason: NoLiquidationPriceReason }

const none = (reason: NoLiquidationPriceReason): PriceOrReason => ({ liquidationPriceBase: null, reason })

/** The liquidation price of position k of the terms (see liquidationPrices). */
export function assetLiquidationPrice(t: HealthFactorTerms, k: number): PriceOrReason {
  const s = t.collateralAmount[k] as bigint
  const b = t.debtAmount[k] as bigint
  const unit = t.unit[k] as bigint
  const lt = t.liquidationThreshold[k] as bigint
  const price = t.price[k] as bigint
  if (t.totalDebt === 0n) return none('no-debt')
  if (s === 0n && b === 0n) return none('not-collateral')
  if (!t.followsOracle[k]) return none('priced-by-emode-source')

  const ownCollateral = t.collateralBase[k] as bigint
  const cOthers = t.totalCollateral - ownCollateral
  const wOthers = t.weightedLt - ownCollateral * lt
  const dOthers = t.totalDebt - (t.debtBase[k] as bigint)
  const liquidatable = (x: bigint) => {
    const c = collateralValue(t, s, x, unit)
    return t.math.healthFactor(cOthers + c, wOthers + c * lt, dOthers + debtValue(t, b, x, unit)) < WAD
  }
  // Net exposure in HF terms (token units × bps): > 0 behaves as collateral, < 0 as debt.
  const exposure = s * lt - PERCENTAGE_FACTOR * b
  if (exposure === 0n)
    return liquidatable(price) ? none('liquidatable-at-any-price') : none('cannot-liquidate-by-this-asset')
  const direction: LiquidationSide = exposure > 0n ? 'down' : 'up'
  if (direction === 'down' && !liquidatable(0n)) return none('cannot-liquidate-by-this-asset')
  if (direction === 'up' && liquidatable(0n)) return none('liquidatable-at-any-price')

  let guess = (unit * (PERCENTAGE_FACTOR * dOthers - wOthers)) / exposure
  if (guess > 0n) {
    const c = cOthers + collateralValue(t, s, guess, unit)
    const average = c === 0n ? 0n : (wOthers + collateralValue(t, s, guess, unit) * lt) / c
    const den = s * average - PERCENTAGE_FACTOR * b
    const refined = den === 0n ? 0n : (unit * (PERCENTAGE_FACTOR * dOthers - average * cOthers)) / den
    if (refined > 0n && den > 0n === exposure > 0n) guess = refined
  } else guess = 1n
  const x = boundaryPrice(liquidatable, direction, guess, priceStep(t, k))
  if (x === null) return none('no-boundary-found')
  return {
    liquidationPriceBase: x,
    direction,
    distanceFraction: price === 0n ? Number.POSITIVE_INFINITY : Number(x - price) / Number(price),
  }
}

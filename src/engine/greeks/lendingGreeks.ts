import type { HealthFactorTerms } from '../healthFactorTerms'
import type { Hex } from '../snapshot'

/**
 * Greeks of the Aave book (issue 5, point 3, lending): per asset, the exposure in units and USD
 * (supplied − borrowed) and the health factor's first and second derivative in the asset's price.
 *
 * With w_j = collateral_j · LT_j (units × bps/10⁴) and d_j = debt_j (units), prices p in USD:
 *
 *   HF(p) = Σ w_j p_j / Σ d_j p_j = W / D,
 *   ∂HF/∂p_i = (w_i D − W d_i) / D²,
 *   ∂²HF/∂p_i² = −2 d_i (w_i D − W d_i) / D³.
 *
 * This is the smooth HF (float64 statistics): the chain floors each value and, up to v3.4,
 * truncates the average LT to whole basis points, so the exact HF moves in steps around it; the
 * exact HF at any price is healthFactorTerms' job. A position priced by a v3.0–v3.1 e-mode source
 * does not move with its own oracle: its derivatives are 0 and it says so.
 */

export type LendingGreeks = {
  asset: Hex
  symbol: string
  /** The price the account math uses, in USD. */
  priceUsd: number
  /** supplied − borrowed, underlying units (float64). */
  deltaUnits: number
  /** deltaUnits × price: the USD change of the book's net worth for a 100 % move, to first order (P&L ≈ deltaUnits·Δp). */
  deltaUsd: number
  /** ∂HF/∂p per 1 USD of this asset's price; null without debt (HF infinite). */
  healthFactorDelta: number | null
  /** ∂²HF/∂p² per USD²; null without debt. */
  healthFactorGamma: number | null
  /** p·∂HF/∂p / 100: the HF change for a 1 % rise of the price (first order); null without debt. */
  healthFactorPerPercent: number | null
  /** false where an e-mode price source prices the asset (its oracle does not move HF). */
  followsOracle: boolean
}

/** Float64 view of the HF terms, in USD and whole units. */
export function smoothHealthFactorInputs(t: HealthFactorTerms) {
  const s = t.snapshot
  const usdPerBase = Number(s.baseCurrency.priceUsd) / 1e8 / Number(s.baseCurrency.unit)
  const n = t.assets.length
  const price = new Float64Array(n)
  const weighted = new Float64Array(n)
  const debt = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const unit = Number(t.unit[i] as bigint)
    price[i] = Number(t.price[i] as bigint) * usdPerBase
    weighted[i] = (Number(t.collateralAmount[i] as bigint) / unit) * (Number(t.liquidationThreshold[i] as bigint) / 1e4)
    debt[i] = Number(t.debtAmount[i] as bigint) / unit
  }
  return { price, weighted, debt, usdPerBase }
}

/** The smooth HF W/D at USD prices (Infinity without debt). */
export function smoothHealthFactor(weighted: Float64Array, debt: Float64Array, price: Float64Array): number {
  let w = 0
  let d = 0
  for (let i = 0; i < price.length; i++) {
    w += (weighted[i] as number) * (price[i] as number)
    d += (debt[i] as number) * (price[i] as number)
  }
  return d > 0 ? w / d : Number.POSITIVE_INFINITY
}

export function lendingGreeks(t: HealthFactorTerms): LendingGreeks[] {
  const { price, weighted, debt } = smoothHealthFactorInputs(t)
  let W = 0
  let D = 0
  for (let i = 0; i < price.length; i++) {
    W += (weighted[i] as number) * (price[i] as number)
    D += (debt[i] as number) * (price[i] as number)
  }
  return t.positions.map((p, i) => {
    const unit = Number(t.unit[i] as bigint)
    const deltaUnits = (Number(p.supplied) - Number(p.borrowed)) / unit
    const pi = price[i] as number
    const follows = t.followsOracle[i] === true
    const wi = follows ? (weighted[i] as number) : 0
    const di = follows ? (debt[i] as number) : 0
    const slope = D > 0 ? (wi * D - W * di) / (D * D) : null
    return {
      asset: t.assets[i] as Hex,
      symbol: t.symbols[i] ?? p.reserve.symbol,
      priceUsd: pi,
      deltaUnits,
      deltaUsd: deltaUnits * pi,
      healthFactorDelta: slope,
      healthFactorGamma: D > 0 ? (-2 * di * (wi * D - W * di)) / (D * D * D) : null,
      healthFactorPerPercent: slope === null ? null : (slope * pi) / 100,
      followsOracle: follows,
    }
  })
}

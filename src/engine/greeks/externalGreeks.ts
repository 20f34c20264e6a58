import type { Hex } from '../snapshot'
import type { ExternalPosition } from './externalPosition'
import { type OptionGreeks, optionGreeks } from './optionGreeks'
import { type PerpGreeks, perpGreeks } from './perpGreeks'

/**
 * Greeks of the positions the user holds on other venues (issue 5, point 3), per position and
 * summed per underlying so they add to the Aave book's own exposure to the same oracle price. All
 * float64 statistics in USD and underlying units. A position whose underlying has no usable price
 * (or that fails to evaluate) is reported with the reason, never dropped.
 */

export type ExternalGreeksOptions = {
  /** Δσ added to every option's smile (scenario vol up/down), annual fraction. */
  volShift?: number
  /**
   * Scenario price shock per underlying: positions are valued at priceOf(u) × multiplier(u). Option
   * smiles stay anchored at the unshocked price (sticky strike, see optionGreeks.ts).
   */
  priceMultiplier?: (underlying: Hex) => number
}

type RowBase = { id: string; underlying: Hex; venue?: string }

export type ExternalPositionRow =
  | (RowBase & { status: 'priced'; kind: 'option'; spot: number; greeks: OptionGreeks })
  | (RowBase & { status: 'priced'; kind: 'perp'; spot: number; greeks: PerpGreeks })
  | (RowBase & { status: 'unpriced'; kind: ExternalPosition['kind']; reason: string })

/** Sums over the priced positions on one underlying (float64; options and perps together). */
export type UnderlyingExternalGreeks = {
  underlying: Hex
  /** The (shocked) price the positions were valued at, USD. */
  spot: number
  /** Mark value: options' value plus perps' unrealised PnL, USD. */
  value: number
  deltaUnits: number
  deltaUsd: number
  /** Underlying units per USD of price (options only: perps are linear). */
  gamma: number
  /** Σ gamma·S²/100: the change of deltaUnits for a 1 % rise, valued at S (USD per 1 %). */
  gammaUsdPerPercent: number
  vegaUsdPerVolPoint: number
  /** Options' time decay, USD per day. */
  thetaUsdPerDay: number
  /** Perps' funding received, USD per day (negative: paid). */
  fundingUsdPerDay: number
  /** How many priced positions were summed. */
  positions: number
}

export type ExternalGreeksReport = {
  /** One row per input position, in input order. */
  rows: ExternalPositionRow[]
  /** One entry per underlying with at least one priced position, in order of first appearance. */
  byUnderlying: UnderlyingExternalGreeks[]
}

/** Why a price cannot be used, or null when it can. */
function priceProblem(underlying: Hex, price: number | undefined, multiplier: number): string | null {
  if (price === undefined) return `no oracle price for underlying ${underlying}`
  if (!(price > 0 && Number.isFinite(price))) return `the price of ${underlying} is not a positive number (${price})`
  if (!(multiplier > 0 && Number.isFinite(multiplier)))
    return `the scenario multiplier for ${underlying} is not a positive number (${multiplier})`
  return null
}

function emptySums(underlying: Hex, spot: number): UnderlyingExternalGreeks {
  return {
    underlying,
    spot,
    value: 0,
    deltaUnits: 0,
    deltaUsd: 0,
    gamma: 0,
    gammaUsdPerPercent: 0,
    vegaUsdPerVolPoint: 0,
    thetaUsdPerDay: 0,
    fundingUsdPerDay: 0,
    positions: 0,
  }
}

/**
 * Values every position at S_u = priceOf(u) × priceMultiplier(u) and time `now` (unix seconds),
 * options by optionGreeks (sticky strike at priceOf(u), smile shifted by volShift) and perps by
 * perpGreeks, and sums per underlying (addresses compared case-insensitively):
 * value = Σ option value + Σ perp PnL, Δ = Σ Δ_i, Γ = Σ Γ_i, vega = Σ vega_i, θ = Σ θ_i, funding = Σ f_i.
 * Since every position on u is valued at the same S_u, Σ Γ_i·S_u²/100 is the sum's gamma per 1 %.
 */
export function externalPositionGreeks(
  positions: readonly ExternalPosition[],
  priceOf: (underlying: Hex) => number | undefined,
  now: number,
  options: ExternalGreeksOptions = {},
): ExternalGreeksReport {
  const rows: ExternalPositionRow[] = []
  const sums = new Map<string, UnderlyingExternalGreeks>()
  for (const position of positions) {
    const { id, underlying, kind } = position
    const base: RowBase = position.venue === undefined ? { id, underlying } : { id, underlying, venue: position.venue }
    const anchor = priceOf(underlying)
    const multiplier = options.priceMultiplier?.(underlying) ?? 1
    const problem = priceProblem(underlying, anchor, multiplier)
    if (problem !== null || anchor === undefined) {
      rows.push({ ...base, status: 'unpriced', kind, reason: problem ?? 'no price' })
      continue
    }
    const spot = anchor * multiplier
    let row: ExternalPositionRow
    try {
      row =
        position.kind === 'option'
          ? {
              ...base,
              status: 'priced',
              kind: 'option',
              spot,
              greeks: optionGreeks(position, spot, now, { volShift: options.volShift ?? 0, smileAnchorSpot: anchor }),
            }
          : { ...base, status: 'priced', kind: 'perp', spot, greeks: perpGreeks(position, spot) }
    } catch (error) {
      const reason = `cannot evaluate: ${error instanceof Error ? error.message : String(error)}`
      rows.push({ ...base, status: 'unpriced', kind, reason })
      continue
    }
    rows.push(row)
    const key = underlying.toLowerCase()
    const sum = sums.get(key) ?? emptySums(underlying, spot)
    sums.set(key, sum)
    const g = row.greeks
    sum.value += g.value
    sum.deltaUnits += g.deltaUnits
    sum.deltaUsd += g.deltaUsd
    sum.gamma += g.gamma
    if (row.kind === 'option') {
      sum.gammaUsdPerPercent += row.greeks.gammaUsdPerPercent
      sum.vegaUsdPerVolPoint += row.greeks.vegaUsdPerVolPoint
      sum.thetaUsdPerDay += row.greeks.thetaUsdPerDay
    } else {
      sum.fundingUsdPerDay += row.greeks.fundingUsdPerDay
    }
    sum.positions++
  }
  return { rows, byUnderlying: [...sums.values()] }
}

import { type HealthFactorTerms, healthFactorAt } from './healthFactorTerms'
import { PERCENTAGE_FACTOR } from './wadRayMath'

/**
 * The scenario matrix of a portfolio-margin risk view (issue 5, point 4): every volatile price
 * shocked together by 9 buckets from −16 % to +16 %, crossed with volatility down / same / up, plus
 * an extended row from −66 % to +100 % at today's volatility. Each cell holds the book's P&L (lending
 * net worth, LP and external positions, float64 USD) and the health factor (exact bigint, as the
 * chain would compute it at those prices). Volatility moves option values only: the health factor
 * and Aave balances do not depend on it.
 */

/** −16 % … +16 % in 4-point steps (basis points). */
export const SCENARIO_PRICE_SHOCKS_BPS = [-1600, -1200, -800, -400, 0, 400, 800, 1200, 1600] as const
/** Extreme moves past the grid (basis points): a −66 % crash up to a doubling. */
export const EXTENDED_PRICE_SHOCKS_BPS = [-6600, -5000, -3300, -2500, 2500, 3300, 5000, 7500, 10000] as const
/** Volatility moves in absolute points: −10, unchanged, +10 (every option smile shifted in parallel). */
export const SCENARIO_VOLATILITY_SHIFTS = [-0.1, 0, 0.1] as const

export type ScenarioCell = {
  /** Price move of every volatile asset, as a float64 fraction (−0.16 = −16 %). */
  priceShock: number
  /** Volatility move in absolute points as a fraction (0.1 = every implied volatility + 10 points). */
  volatilityShift: number
  /** Change of the whole book's value from today, USD (float64). */
  pnlUsd: number
  /** HF at the shocked prices, WAD, exact (MAX_UINT256 without debt). */
  healthFactorWad: bigint
}

export type ScenarioMatrix = {
  priceShocks: number[]
  volatilityShifts: number[]
  /** cells[v][p]: volatility shift v, price shock p. */
  cells: ScenarioCell[][]
  extended: ScenarioCell[]
}

/**
 * The book besides Aave: its value change (USD) when every volatile price is multiplied by
 * `priceMultiplier` and every implied volatility moves by `volatilityShift` (absolute). 0 when there is nothing else.
 */
export type OtherBookPnl = (priceMultiplier: number, volatilityShift: number) => number

export function scenarioMatrix(t: HealthFactorTerms, otherPnl: OtherBookPnl = () => 0): ScenarioMatrix {
  const lendingPnl = lendingPnlAt(t)
  const cell = (shockBps: number, volatilityShift: number): ScenarioCell => {
    const num = PERCENTAGE_FACTOR + BigInt(shockBps)
    const healthFactorWad = healthFactorAt(t, (i) =>
      moves(t, i) ? ((t.price[i] as bigint) * num) / PERCENTAGE_FACTOR : undefined,
    )
    const multiplier = 1 + shockBps / 10_000
    return {
      priceShock: shockBps / 10_000,
      volatilityShift,
      pnlUsd: lendingPnl(multiplier) + otherPnl(multiplier, volatilityShift),
      healthFactorWad,
    }
  }
  return {
    priceShocks: SCENARIO_PRICE_SHOCKS_BPS.map((b) => b / 10_000),
    volatilityShifts: [...SCENARIO_VOLATILITY_SHIFTS],
    cells: SCENARIO_VOLATILITY_SHIFTS.map((v) => SCENARIO_PRICE_SHOCKS_BPS.map((b) => cell(b, v))),
    extended: EXTENDED_PRICE_SHOCKS_BPS.map((b) => cell(b, 0)),
  }
}

/** A position whose price the scenario moves: volatile and priced by its own oracle. */
const moves = (t: HealthFactorTerms, i: number) => t.volatile[i] === true && t.followsOracle[i] === true

/**
 * The Aave book's net worth change, USD: Σ (supplied − borrowed)·p·(m − 1) over the moving
 * positions (every supplied balance counts toward net worth, collateral or not).
 */
function lendingPnlAt(t: HealthFactorTerms): (multiplier: number) => number {
  const s = t.snapshot
  const usdPerBase = Number(s.baseCurrency.priceUsd) / 1e8 / Number(s.baseCurrency.unit)
  let exposureUsd = 0
  t.positions.forEach((p, i) => {
    if (!moves(t, i)) return
    const units = (Number(p.supplied) - Number(p.borrowed)) / Number(t.unit[i] as bigint)
    exposureUsd += units * Number(t.price[i] as bigint) * usdPerBase
  })
  return (m) => exposureUsd * (m - 1)
}

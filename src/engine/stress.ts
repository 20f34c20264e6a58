import type { AssetClassOverrides } from './assetClass'
import { movingPositions } from './correlatedLiquidation'
import { type HealthFactorTerms, healthFactorAt, healthFactorTerms } from './healthFactorTerms'
import { type LiquidationPriceReport, liquidationPrices } from './liquidationPrice'
import type { Position } from './positions'
import type { Hex, PortfolioSnapshot } from './snapshot'
import { MAX_UINT256, PERCENTAGE_FACTOR } from './wadRayMath'

/**
 * Stress curves: HF over a grid of price shocks (−60 % … +60 % in 201 points by default) for each
 * volatile asset alone and for all of them together, and where each curve crosses 1.
 *
 * This runs on every block, so a curve is float64 arithmetic over per-position terms with no
 * allocation per point: at shock multiplier m the shocked positions' prices are ⌊p · m⌋ and
 *   C = Σ c_i,  LT̄ = ⌊LT_min + Σ c_i·(LT_i − LT_min) / C⌋,  HF = C · LT̄ / 10⁴ / D
 * (from v3.5 GenericLogic no longer truncates LT̄: HF = Σ c_i·LT_i / 10⁴ / D).
 * Writing the average as LT_min plus a spread keeps it exact when every collateral has one LT.
 * Float64 loses the per-position floors (≤ 1 base unit each), so HF agrees with the exact bigint
 * HF to about (n + 2) / min(C, D) relatively — except where the average LT is within that error
 * of a whole basis point, where the truncation could go either way: there the point is computed
 * exactly in bigint (healthFactorAt). Tests hold the curve to the exact HF at every grid point.
 * The crossing shocks are exact: they come from the liquidation-price solver, not interpolation.
 */

export type StressCurve = {
  /** The asset's symbol, or 'all' for every volatile asset moving together. */
  label: string
  assets: Hex[]
  /** HF at each shock (float64; Infinity without debt). */
  healthFactor: Float64Array
  /** The shock at which HF crosses 1, when it lies within the grid (float64 fraction), else null. */
  crossingShock: number | null
  /** The same shock wherever it lies (exact liquidation price / correlated factor), or null when there is none. */
  boundaryShock: number | null
}

export type StressReport = {
  /** Shocks as float64 fractions (−0.6 … +0.6). */
  shocks: Float64Array
  curves: StressCurve[]
}

/** The grid: shock i multiplies prices by num[i] / den exactly (bigint), shocks[i] = num[i] / den − 1. */
export type StressGrid = { shocks: Float64Array; multipliers: Float64Array; num: bigint[]; den: bigint }

/** 2·maxShockBps / (points − 1) apart, centred on 0: multiplier_i = 1 + (−M + 2M·i/(P−1)) / 10⁴. */
export function stressGrid(maxShockBps = 6_000n, points = 201): StressGrid {
  const intervals = BigInt(points - 1)
  const den = intervals * PERCENTAGE_FACTOR
  const shocks = new Float64Array(points)
  const multipliers = new Float64Array(points)
  const num: bigint[] = []
  for (let i = 0; i < points; i++) {
    const n = den - maxShockBps * intervals + 2n * maxShockBps * BigInt(i)
    num.push(n)
    multipliers[i] = Number(n) / Number(den)
    shocks[i] = Number(n - den) / Number(den)
  }
  return { shocks, multipliers, num, den }
}

export type StressOptions = {
  maxShockBps?: bigint
  points?: number
  positions?: Position[]
  classes?: AssetClassOverrides
  /** Reuse an evaluation's liquidation prices (their terms and exact crossings). */
  liquidationPrices?: LiquidationPriceReport
}

/** Stress curves of the account (see the module comment). */
export function stressTest(snapshot: PortfolioSnapshot, options: StressOptions = {}): StressReport {
  const report =
    options.liquidationPrices ??
    liquidationPrices(snapshot, { terms: healthFactorTerms(snapshot, options.positions, options.classes) })
  const t = report.terms
  const grid = stressGrid(options.maxShockBps, options.points)
  const maxShock = Number(options.maxShockBps ?? 6_000n) / 1e4
  const within = (shock: number | null) => (shock !== null && Math.abs(shock) <= maxShock ? shock : null)
  const moving = movingPositions(t)
  const curves: StressCurve[] = []
  for (const k of moving) {
    const row = report.assets[k]
    const boundary = row && row.liquidationPriceBase !== null ? row.distanceFraction : null
    curves.push({
      label: t.symbols[k] as string,
      assets: [t.assets[k] as Hex],
      healthFactor: stressCurve(t, [k], grid),
      crossingShock: within(boundary),
      boundaryShock: boundary,
    })
  }
  if (moving.length > 0) {
    const boundary = report.correlated.factor === null ? null : report.correlated.shock
    curves.push({
      label: 'all',
      assets: moving.map((i) => t.assets[i] as Hex),
      healthFactor: stressCurve(t, moving, grid),
      crossingShock: within(boundary),
      boundaryShock: boundary,
    })
  }
  return { shocks: grid.shocks, curves }
}

/** HF at every grid point with the prices of positions `shocked` multiplied (see the module comment). */
export function stressCurve(t: HealthFactorTerms, shocked: readonly number[], grid: StressGrid): Float64Array {
  const points = grid.multipliers.length
  const out = new Float64Array(points)
  if (t.totalDebt === 0n) return out.fill(Number.POSITIVE_INFINITY)
  const n = t.assets.length
  let ltMin = Number.POSITIVE_INFINITY
  for (let i = 0; i < n; i++)
    if ((t.collateralAmount[i] as bigint) > 0n) ltMin = Math.min(ltMin, Number(t.liquidationThreshold[i]))
  if (ltMin === Number.POSITIVE_INFINITY) ltMin = 0
  // Fixed part (exact integers while below 2^53) and per-token coefficients of the shocked part.
  let cFixed = 0
  let wFixed = 0
  let dFixed = 0
  let error = n + 2
  const isShocked = new Uint8Array(n)
  for (const i of shocked) isShocked[i] = 1
  const m = shocked.length
  const price = new Float64Array(m)
  const perCollateral = new Float64Array(m)
  const perDebt = new Float64Array(m)
  const spread = new Float64Array(m)
  for (let i = 0; i < n; i++) {
    if (isShocked[i]) continue
    const c = Number(t.collateralBase[i])
    cFixed += c
    wFixed += c * (Number(t.liquidationThreshold[i]) - ltMin)
    dFixed += Number(t.debtBase[i])
  }
  for (let j = 0; j < m; j++) {
    const i = shocked[j] as number
    const unit = Number(t.unit[i])
    const collateralPerPrice = Number(t.collateralAmount[i]) / unit
    const debtPerPrice = Number(t.debtAmount[i]) / unit
    price[j] = Number(t.price[i])
    perCollateral[j] = collateralPerPrice
    perDebt[j] = debtPerPrice
    spread[j] = Number(t.liquidationThreshold[i]) - ltMin
    // A price floor that float64 gets wrong near an integer moves a value by up to amount / unit base units.
    error += collateralPerPrice + debtPerPrice
  }
  for (let g = 0; g < points; g++) {
    const multiplier = grid.multipliers[g] as number
    let c = cFixed
    let w = wFixed
    let d = dFixed
    for (let j = 0; j < m; j++) {
      const p = Math.floor((price[j] as number) * multiplier)
      const value = (perCollateral[j] as number) * p
      c += value
      w += value * (spread[j] as number)
      d += (perDebt[j] as number) * p
    }
    if (c <= 0) {
      out[g] = 0
      continue
    }
    const ratio = ltMin + w / c
    if (!t.averageLtTruncated) {
      // v3.5+: HF = wadDiv(Σ c·LT, D) / 10⁴, no truncated average to straddle.
      out[g] = (c * ratio) / 1e4 / d
      continue
    }
    const lt = Math.floor(ratio)
    const tolerance = (2e4 * error) / c + 1e-9
    if (ratio - lt < tolerance || lt + 1 - ratio < tolerance) out[g] = exactPoint(t, isShocked, grid, g)
    else out[g] = (c * lt) / 1e4 / d
  }
  return out
}

/** The exact bigint HF at grid point g (prices ⌊p · num / den⌋), as float64. */
function exactPoint(t: HealthFactorTerms, isShocked: Uint8Array, grid: StressGrid, g: number): number {
  const num = grid.num[g] as bigint
  const hf = healthFactorAt(t, (i) => (isShocked[i] ? ((t.price[i] as bigint) * num) / grid.den : undefined))
  return hf === MAX_UINT256 ? Number.POSITIVE_INFINITY : Number(hf) / 1e18
}

import type { AssetClassOverrides } from '../assetClass'
import { isVolatile } from '../assetClass'
import type { HealthFactorTerms } from '../healthFactorTerms'
import type { Hex, PortfolioSnapshot, ReserveSnapshot, UniswapLpPositionSnapshot } from '../snapshot'
import { lpPositionAmounts, type TokenAmounts } from '../uniswap/lpPosition'
import { type ExternalGreeksReport, externalPositionGreeks } from './externalGreeks'
import type { ExternalPosition } from './externalPosition'
import { type LendingGreeks, lendingGreeks } from './lendingGreeks'
import { type LpGreeks, lpGreeks, lpValueUsd } from './lpGreeks'

/**
 * The whole book's Greeks per underlying (issue 5, point 3): the Aave positions, the account's
 * Uniswap V3 LP positions and the options and perps the user entered, each priced at the oracle
 * price of the matching reserve, summed per asset and kept per position. All float64 statistics in
 * USD; "gamma per 1 %" is Γ·S²/100 everywhere (the change of delta, valued at S, for a 1 % rise).
 */

export type LpPositionRow = {
  tokenId: bigint
  pool: Hex
  token0: Hex
  token1: Hex
  symbols: [string, string]
  tickLower: number
  tickUpper: number
  inRange: boolean
  /** Exact amounts at the pool's own price (what decreaseLiquidity + collect would pay), smallest units. */
  principal: TokenAmounts
  fees: TokenAmounts
  /** Value and Greeks at the oracle prices; null when a token is not a reserve of the market (no price). */
  greeks: LpGreeks | null
}

export type ExposureSums = {
  deltaUnits: number
  deltaUsd: number
  /** Γ·S²/100, USD of delta per 1 % rise. */
  gammaUsdPerPercent: number
  vegaUsdPerVolPoint: number
  thetaUsdPerDay: number
}

export type UnderlyingGreeks = {
  asset: Hex
  symbol: string
  priceUsd: number
  volatile: boolean
  lending: ExposureSums
  lp: ExposureSums
  /** Options and perps entered by the user. */
  external: ExposureSums
  total: ExposureSums
}

export type GreeksReport = {
  /** One row per asset the book is exposed to, in reserve order. */
  byUnderlying: UnderlyingGreeks[]
  lending: LendingGreeks[]
  lp: LpPositionRow[]
  external: ExternalGreeksReport
  /** Σ total delta USD over the volatile assets: the book's net directional exposure. */
  netVolatileDeltaUsd: number
}

const zero = (): ExposureSums => ({
  deltaUnits: 0,
  deltaUsd: 0,
  gammaUsdPerPercent: 0,
  vegaUsdPerVolPoint: 0,
  thetaUsdPerDay: 0,
})

/** USD per base-currency unit of the snapshot's market. */
export const usdPerBaseUnit = (s: PortfolioSnapshot) =>
  Number(s.baseCurrency.priceUsd) / 1e8 / Number(s.baseCurrency.unit)

/** A reserve's oracle price in USD (float), by asset address (any case). */
export function oraclePriceUsd(s: PortfolioSnapshot): (asset: Hex) => number | undefined {
  const usd = usdPerBaseUnit(s)
  const prices = new Map(s.reserves.map((r) => [r.asset.toLowerCase(), Number(r.priceBase) * usd]))
  return (asset) => prices.get(asset.toLowerCase())
}

export type BookGreeksOptions = {
  now: number
  external?: readonly ExternalPosition[]
  assetClass?: AssetClassOverrides
}

export function bookGreeks(t: HealthFactorTerms, { now, external = [], assetClass }: BookGreeksOptions): GreeksReport {
  const s = t.snapshot
  const priceOf = oraclePriceUsd(s)
  const reserveOf = new Map(s.reserves.map((r) => [r.asset.toLowerCase(), r]))
  const rows = new Map<string, UnderlyingGreeks>()
  const row = (asset: Hex): UnderlyingGreeks | undefined => {
    const key = asset.toLowerCase()
    const reserve = reserveOf.get(key)
    if (!reserve) return undefined
    let r = rows.get(key)
    if (!r) {
      r = {
        asset: reserve.asset,
        symbol: reserve.symbol,
        priceUsd: priceOf(reserve.asset) as number,
        volatile: isVolatile(s, reserve, assetClass),
        lending: zero(),
        lp: zero(),
        external: zero(),
        total: zero(),
      }
      rows.set(key, r)
    }
    return r
  }

  const lending = lendingGreeks(t)
  for (const g of lending) {
    const r = row(g.asset)
    if (!r) continue
    r.lending.deltaUnits += g.deltaUnits
    r.lending.deltaUsd += g.deltaUsd
  }

  const lp = (s.lpPositions ?? []).map((p) => lpRow(p, reserveOf, priceOf))
  for (const p of lp) {
    if (!p.greeks) continue
    for (const [token, g] of [
      [p.token0, p.greeks.token0],
      [p.token1, p.greeks.token1],
    ] as const) {
      const r = row(token)
      if (!r) continue
      r.lp.deltaUnits += g.delta
      r.lp.deltaUsd += g.deltaUsd
      r.lp.gammaUsdPerPercent += g.gammaUsd / 100
    }
  }

  const externalReport = externalPositionGreeks(external, priceOf, now)
  for (const u of externalReport.byUnderlying) {
    const r = row(u.underlying)
    if (!r) continue
    r.external.deltaUnits += u.deltaUnits
    r.external.deltaUsd += u.deltaUsd
    r.external.gammaUsdPerPercent += u.gammaUsdPerPercent
    r.external.vegaUsdPerVolPoint += u.vegaUsdPerVolPoint
    r.external.thetaUsdPerDay += u.thetaUsdPerDay
  }

  const order = new Map(s.reserves.map((r, i) => [r.asset.toLowerCase(), i]))
  const byUnderlying = [...rows.values()].sort(
    (a, b) => (order.get(a.asset.toLowerCase()) ?? 0) - (order.get(b.asset.toLowerCase()) ?? 0),
  )
  let netVolatileDeltaUsd = 0
  for (const r of byUnderlying) {
    for (const part of [r.lending, r.lp, r.external]) {
      r.total.deltaUnits += part.deltaUnits
      r.total.deltaUsd += part.deltaUsd
      r.total.gammaUsdPerPercent += part.gammaUsdPerPercent
      r.total.vegaUsdPerVolPoint += part.vegaUsdPerVolPoint
      r.total.thetaUsdPerDay += part.thetaUsdPerDay
    }
    if (r.volatile) netVolatileDeltaUsd += r.total.deltaUsd
  }
  return { byUnderlying, lending, lp, external: externalReport, netVolatileDeltaUsd }
}

function lpRow(
  p: UniswapLpPositionSnapshot,
  reserveOf: ReadonlyMap<string, ReserveSnapshot>,
  priceOf: (asset: Hex) => number | undefined,
): LpPositionRow {
  const r0 = reserveOf.get(p.token0.toLowerCase())
  const r1 = reserveOf.get(p.token1.toLowerCase())
  const { principal, fees } = lpPositionAmounts(p)
  const p0 = priceOf(p.token0)
  const p1 = priceOf(p.token1)
  return {
    tokenId: p.tokenId,
    pool: p.pool,
    token0: p.token0,
    token1: p.token1,
    symbols: [r0?.symbol ?? p.token0, r1?.symbol ?? p.token1],
    tickLower: p.tickLower,
    tickUpper: p.tickUpper,
    inRange: p.tickLower <= p.tick && p.tick < p.tickUpper,
    principal,
    fees,
    greeks:
      r0 && r1 && p0 && p1 && p0 > 0 && p1 > 0
        ? lpGreeks(p, { decimals0: r0.decimals, decimals1: r1.decimals, price0Usd: p0, price1Usd: p1 }, fees)
        : null,
  }
}

/**
 * The LP and external book's value change (USD) when every volatile price is multiplied by `m` and
 * every implied volatility moves by `volShift`: the scenario matrix's "rest of the book".
 */
export function otherBookPnl(
  t: HealthFactorTerms,
  greeks: GreeksReport,
  { now, external = [], assetClass }: BookGreeksOptions,
): (m: number, volShift: number) => number {
  const s = t.snapshot
  const priceOf = oraclePriceUsd(s)
  const reserveOf = new Map(s.reserves.map((r) => [r.asset.toLowerCase(), r]))
  const multiplierOf = (asset: Hex, m: number) => {
    const r = reserveOf.get(asset.toLowerCase())
    return r && isVolatile(s, r, assetClass) ? m : 1
  }
  const externalToday = greeks.external.byUnderlying.reduce((sum, u) => sum + u.value, 0)
  const lpToday = greeks.lp.reduce((sum, p) => sum + (p.greeks?.valueUsd ?? 0), 0)
  return (m, volShift) => {
    let lp = 0
    for (const p of greeks.lp) {
      if (!p.greeks) continue
      const r0 = reserveOf.get(p.token0.toLowerCase()) as ReserveSnapshot
      const r1 = reserveOf.get(p.token1.toLowerCase()) as ReserveSnapshot
      const p0 = (priceOf(p.token0) as number) * multiplierOf(p.token0, m)
      const p1 = (priceOf(p.token1) as number) * multiplierOf(p.token1, m)
      const range = { tickLower: p.tickLower, tickUpper: p.tickUpper, liquidity: liquidityOf(s, p.tokenId) }
      lp +=
        lpValueUsd(range, { decimals0: r0.decimals, decimals1: r1.decimals, price0Usd: p0, price1Usd: p1 }) +
        (Number(p.fees.amount0) / 10 ** r0.decimals) * p0 +
        (Number(p.fees.amount1) / 10 ** r1.decimals) * p1
    }
    const ext =
      external.length === 0
        ? 0
        : externalPositionGreeks(external, priceOf, now, {
            volShift,
            priceMultiplier: (u) => multiplierOf(u, m),
          }).byUnderlying.reduce((sum, u) => sum + u.value, 0)
    return lp - lpToday + ext - externalToday
  }
}

const liquidityOf = (s: PortfolioSnapshot, tokenId: bigint) =>
  s.lpPositions?.find((p) => p.tokenId === tokenId)?.liquidity ?? 0n

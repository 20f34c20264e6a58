import type { NoLiquidationPriceReason } from '../../engine/liquidationPrice'
import type { AssetRow, RiskReport } from '../../engine/riskReport'
import type { Hex } from '../../engine/snapshot'
import type { HistoryPoint } from '../../state/history/historyPoint'
import { formatDuration, formatRatio, formatUsd } from '../../ui/format'
import { lttb } from '../../ui/lttb'
import { MAX_CHART_POINTS } from './healthHistorySeries'

/** Aave V3's base currency: USD with 8 decimals (format.ts formatUsd assumes the same). */
const BASE_UNIT = 1e8
export const baseToUsd = (base: bigint) => Number(base) / BASE_UNIT

export const NO_LIQUIDATION_PRICE_WORDS: Record<NoLiquidationPriceReason, string> = {
  'no-debt': 'no debt',
  'not-collateral': 'not collateral: its price does not move the health factor',
  'cannot-liquidate-by-this-asset': 'no move of its price alone can liquidate',
  'liquidatable-at-any-price': 'liquidatable at any price of it',
  'priced-by-emode-source': 'priced by the e-mode price source',
  'no-boundary-found': 'no liquidation price found',
}

export type LiquidationPriceDatum = {
  asset: Hex
  symbol: string
  priceUsd: number
  liquidationPriceUsd: number
  direction: 'down' | 'up'
  /** (liquidation − price) / price: −0.25 = liquidated 25 % lower. */
  distanceFraction: number
  /** The same as a signed percentage, for the bars. */
  distancePercent: number
}

/** The assets that have a liquidation price (the others held fixed), in the report's order. */
export function liquidationPriceData(report: RiskReport): LiquidationPriceDatum[] {
  const out: LiquidationPriceDatum[] = []
  for (const a of report.assets) {
    const l = a.liquidation
    if (l.priceBase === null) continue
    out.push({
      asset: a.address,
      symbol: a.symbol,
      priceUsd: baseToUsd(a.priceBase),
      liquidationPriceUsd: baseToUsd(l.priceBase),
      direction: l.direction,
      distanceFraction: l.distanceFraction,
      distancePercent: l.distanceFraction * 100,
    })
  }
  return out
}

export type PricePoint = { time: number; priceUsd: number }

/**
 * One asset's oracle price over the history (epoch ms, USD), at most `maxPoints` (LTTB): the blocks
 * where the account held it. Empty when fewer than two blocks carry it (nothing to draw as a line).
 */
export function assetPriceHistory(
  history: readonly HistoryPoint[],
  asset: Hex,
  maxPoints = MAX_CHART_POINTS,
): readonly PricePoint[] {
  const points: PricePoint[] = []
  for (const p of history) {
    const price = p.prices[asset]
    if (price !== undefined) points.push({ time: p.time * 1_000, priceUsd: baseToUsd(price) })
  }
  if (points.length < 2) return []
  return lttb(
    points,
    maxPoints,
    (p) => p.time,
    (p) => p.priceUsd,
  )
}

const movesWord = (d: LiquidationPriceDatum) => (d.direction === 'down' ? 'lower' : 'higher')

function rowSentence(a: AssetRow): string {
  const l = a.liquidation
  if (l.priceBase === null) return `${a.symbol} ${formatUsd(a.priceBase)}: ${NO_LIQUIDATION_PRICE_WORDS[l.reason]}`
  return `${a.symbol} ${formatUsd(a.priceBase)}, liquidated at ${formatUsd(l.priceBase)} (${formatRatio(Math.abs(l.distanceFraction))} ${l.direction === 'down' ? 'lower' : 'higher'})`
}

/**
 * The text alternative: every asset's price and liquidation price (or why it has none), and how the
 * price nearest to its liquidation moved over the last hour of history.
 */
export function liquidationPriceSummary(report: RiskReport, history: readonly HistoryPoint[]): string {
  if (report.status === 'no-debt') return 'No debt: no price can liquidate this account, no liquidation risk.'
  if (report.assets.length === 0) return 'No positions.'
  const sentences = report.assets.map(rowSentence)
  const data = liquidationPriceData(report)
  if (data.length === 0) return `${sentences.join('; ')}. No single price move can liquidate this account.`
  const nearest = data.reduce((a, b) => (Math.abs(b.distanceFraction) < Math.abs(a.distanceFraction) ? b : a))
  let trend = ''
  const last = history.at(-1)
  if (last) {
    const since = history.find((p) => p.time >= last.time - 3_600 && p.prices[nearest.asset] !== undefined)
    const then = since?.prices[nearest.asset]
    const now = last.prices[nearest.asset]
    if (then !== undefined && now !== undefined && then > 0n && since !== last) {
      const change = Number(now - then) / Number(then)
      const toward = change < 0 === (nearest.direction === 'down')
      const span = last.time - (since as HistoryPoint).time
      const over = span >= 3_600 ? 'over the last hour' : `over the last ${formatDuration(span)}`
      trend =
        Math.abs(change) < 0.0005
          ? `; ${nearest.symbol} unchanged ${over}`
          : `; ${nearest.symbol} ${change < 0 ? 'down' : 'up'} ${formatRatio(Math.abs(change))} ${over}, ${toward ? 'toward' : 'away from'} its liquidation price`
    }
  }
  return `${sentences.join('; ')}. Nearest: ${nearest.symbol}, ${formatRatio(Math.abs(nearest.distanceFraction))} ${movesWord(nearest)}${trend}.`
}

/** A price chart's y range: the prices and the liquidation price, with 5 % room either side. */
export function priceAxis(points: readonly PricePoint[], liquidationPriceUsd: number): [number, number] {
  let low = liquidationPriceUsd
  let high = liquidationPriceUsd
  for (const p of points) {
    if (p.priceUsd < low) low = p.priceUsd
    if (p.priceUsd > high) high = p.priceUsd
  }
  return [Math.max(0, low * 0.95), high * 1.05]
}

import type { ExposureSums, GreeksReport } from '../../engine/greeks/bookGreeks'
import { formatSignedUsd } from '../../ui/format'

/** Below half a dollar an exposure rounds to $0 and is noise on a chart. */
const NEGLIGIBLE_USD = 0.5

export type DeltaRow = {
  symbol: string
  /** Delta in USD per source: Aave positions, Uniswap V3 LP, options and perps entered by the user. */
  lending: number
  lp: number
  external: number
  total: number
}

export type SecondOrderRow = {
  symbol: string
  /** USD of delta gained per 1 % rise (Γ·S²/100). */
  gammaUsdPerPercent: number
  /** USD per volatility point (options only). */
  vegaUsdPerVolPoint: number
  thetaUsdPerDay: number
}

const matters = (x: number) => Math.abs(x) >= NEGLIGIBLE_USD

/** Delta USD per underlying split by source, for stacked bars: underlyings with any exposure. */
export function deltaRows(g: GreeksReport): DeltaRow[] {
  return g.byUnderlying
    .filter((u) => matters(u.lending.deltaUsd) || matters(u.lp.deltaUsd) || matters(u.external.deltaUsd))
    .map((u) => ({
      symbol: u.symbol,
      lending: u.lending.deltaUsd,
      lp: u.lp.deltaUsd,
      external: u.external.deltaUsd,
      total: u.total.deltaUsd,
    }))
}

const hasSecondOrder = (s: ExposureSums) =>
  matters(s.gammaUsdPerPercent) || matters(s.vegaUsdPerVolPoint) || matters(s.thetaUsdPerDay)

/** Gamma, vega and theta per underlying, where any is there (LP and option positions). */
export function secondOrderRows(g: GreeksReport): SecondOrderRow[] {
  return g.byUnderlying
    .filter((u) => hasSecondOrder(u.total))
    .map((u) => ({
      symbol: u.symbol,
      gammaUsdPerPercent: u.total.gammaUsdPerPercent,
      vegaUsdPerVolPoint: u.total.vegaUsdPerVolPoint,
      thetaUsdPerDay: u.total.thetaUsdPerDay,
    }))
}

function split(row: DeltaRow): string {
  const parts: string[] = []
  if (matters(row.lending)) parts.push(`lending ${formatSignedUsd(row.lending)}`)
  if (matters(row.lp)) parts.push(`LP ${formatSignedUsd(row.lp)}`)
  if (matters(row.external)) parts.push(`options ${formatSignedUsd(row.external)}`)
  return parts.join(', ')
}

/**
 * The text alternative: the net delta on volatile assets, each underlying's delta by source, and the
 * book's gamma and vega. "Net delta on volatile assets +$20,000 (the book gains when they rise); …"
 */
export function greeksSummary(g: GreeksReport): string {
  const rows = deltaRows(g)
  if (rows.length === 0) return 'No exposure to any price: nothing to show.'
  const net = g.netVolatileDeltaUsd
  const direction = !matters(net)
    ? '(neutral to volatile prices)'
    : net > 0
      ? '(the book gains when they rise)'
      : '(the book gains when they fall)'
  const each = rows.map((r) => `${r.symbol} ${formatSignedUsd(r.total)} (${split(r)})`)
  const second = secondOrderRows(g)
  let rest = 'No gamma or vega: no LP or option positions.'
  if (second.length > 0) {
    const gamma = second.reduce((sum, r) => sum + r.gammaUsdPerPercent, 0)
    const vega = second.reduce((sum, r) => sum + r.vegaUsdPerVolPoint, 0)
    rest = `Gamma ${formatSignedUsd(gamma)} of delta per 1% rise, vega ${formatSignedUsd(vega)} per volatility point.`
  }
  return `Net delta on volatile assets ${formatSignedUsd(net)} ${direction}. ${each.join('; ')}. ${rest}`
}

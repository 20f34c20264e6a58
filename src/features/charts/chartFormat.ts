/**
 * Float64 figures the charts show that format.ts (bigint amounts, WAD health factors) has no
 * formatter for: a health factor read off a float curve, USD statistics (Greeks, P&L) and compact
 * axis ticks. Same locale and rounding rules as format.ts.
 */

const locale = 'en-US'

// Truncated like format.ts's formatHealthFactor: 0.999 must never read "1.00".
const healthFactorFormat = new Intl.NumberFormat(locale, {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  roundingMode: 'trunc',
})
const usdFormat = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 })
const signedUsdFormat = new Intl.NumberFormat(locale, {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 0,
  signDisplay: 'exceptZero',
})
const compactUsdFormat = new Intl.NumberFormat(locale, {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumSignificantDigits: 3,
})
const signedPercentFormat = new Intl.NumberFormat(locale, {
  style: 'percent',
  maximumFractionDigits: 0,
  signDisplay: 'exceptZero',
})

/** A float64 health factor, two decimals truncated; "∞" without debt. */
export function formatHealthFactorValue(hf: number): string {
  if (hf === Number.POSITIVE_INFINITY) return '∞'
  return Number.isFinite(hf) ? healthFactorFormat.format(hf) : '—'
}

/** Whole dollars: "$12,345". */
export function formatUsdValue(usd: number): string {
  return Number.isFinite(usd) ? usdFormat.format(usd) : '—'
}

/** Whole dollars with a sign: "+$1,200", "−$300". */
export function formatSignedUsd(usd: number): string {
  return Number.isFinite(usd) ? signedUsdFormat.format(usd) : '—'
}

/** Axis ticks: "$1.2K", "$35M". */
export function formatUsdCompact(usd: number): string {
  return Number.isFinite(usd) ? compactUsdFormat.format(usd) : ''
}

/** A price shock on an axis or in a cell: "−16%", "0%", "+25%". */
export function formatShock(fraction: number): string {
  return Number.isFinite(fraction) ? signedPercentFormat.format(fraction) : '—'
}

const signedIntegerFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' })

/** An absolute volatility move (0.1 = ten points) as "+10 pts"; zero as "today's". */
export function formatVolatilityShift(shift: number): string {
  if (!Number.isFinite(shift)) return '—'
  return shift === 0 ? 'today’s' : `${signedIntegerFormat.format(shift * 100)} pts`
}

const centsFormat = new Intl.NumberFormat(locale, {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
})
const tinyPriceFormat = new Intl.NumberFormat(locale, {
  style: 'currency',
  currency: 'USD',
  maximumSignificantDigits: 4,
})

/** A float64 price in USD: cents ("$1,454.55", "$1.00"), four significant digits under a cent ("$0.0001235"). */
export function formatPriceUsd(usd: number): string {
  if (!Number.isFinite(usd)) return '—'
  return Math.abs(usd) >= 0.01 || usd === 0 ? centsFormat.format(usd) : tinyPriceFormat.format(usd)
}

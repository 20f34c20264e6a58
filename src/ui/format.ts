import { formatUnits, maxUint256 } from 'viem'

/**
 * Every number shown to a person goes through this module (STYLE.md: one Intl.NumberFormat
 * module, never toFixed in components). Amounts arrive as bigint and are handed to Intl as exact
 * decimal strings (Intl.NumberFormat v3), so no digit is lost to float64 on the way.
 */

const locale = 'en-US'

/** Aave reports the health factor of an account without debt as type(uint256).max. */
export const HEALTH_FACTOR_NO_DEBT = maxUint256

// Rounded toward zero: a health factor of 0.999 must never be shown as "1.00", which would read
// as safe when the account is already liquidatable.
const healthFactorFormat = new Intl.NumberFormat(locale, {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  roundingMode: 'trunc',
})

const usdFormat = new Intl.NumberFormat(locale, {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
})

const percentFormat = new Intl.NumberFormat(locale, {
  style: 'percent',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
})

const secondsFormat = new Intl.NumberFormat(locale, {
  style: 'unit',
  unit: 'second',
  unitDisplay: 'narrow',
  maximumFractionDigits: 0,
})

// Token amounts: grouped, at most six decimals (dust below a millionth adds noise, not meaning).
const tokenFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 6 })

const clockFormat = new Intl.DateTimeFormat(locale, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
})

type DecimalString = `${number}`
const decimal = (value: bigint, decimals: number) => formatUnits(value, decimals) as DecimalString

/** Health factor (WAD, 18 decimals) with two decimals, truncated; ∞ for an account without debt. */
export function formatHealthFactor(healthFactorWad: bigint): string {
  if (healthFactorWad === HEALTH_FACTOR_NO_DEBT) return '∞'
  return healthFactorFormat.format(decimal(healthFactorWad, 18))
}

/** A token amount in its smallest unit (bigint) as a grouped decimal with at most six decimals. */
export function formatTokenAmount(amount: bigint, decimals: number): string {
  return tokenFormat.format(decimal(amount, decimals))
}

/** An amount in Aave's base currency (USD with 8 decimals on Aave V3 markets) as dollars. */
export function formatUsd(baseAmount: bigint, baseDecimals = 8): string {
  return usdFormat.format(decimal(baseAmount, baseDecimals))
}

/** Basis points (Aave's PercentageMath: 10000 = 100 %) as a percentage. */
export function formatBps(bps: bigint): string {
  return percentFormat.format(decimal(bps, 4))
}

/** Whole seconds, e.g. for the age of a block: "12s". */
export function formatSeconds(seconds: number): string {
  return secondsFormat.format(Math.max(0, Math.floor(seconds)))
}

/** Wall-clock time of day (24 h), e.g. "14:02:03", for "unreachable since …". */
export function formatClockTime(epochMs: number): string {
  return clockFormat.format(epochMs)
}

const dayTimeFormat = new Intl.DateTimeFormat(locale, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
})

/** A moment with its day, for logs that span days (unix seconds): "Jun 15, 14:02:03". */
export function formatDayTime(epochSeconds: number): string {
  return Number.isFinite(epochSeconds) ? dayTimeFormat.format(epochSeconds * 1_000) : '—'
}

const utcDateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' })

/** A block's time (unix seconds) in UTC, so every viewer reads the same words: "Jun 15, 2025, 2:02:03 PM UTC". */
export function formatUtcDateTime(unixSeconds: number): string {
  return `${utcDateTimeFormat.format(unixSeconds * 1000)} UTC`
}

const countFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })

/** A count of things, grouped: "1,101". */
export function formatCount(n: number): string {
  return countFormat.format(n)
}

/**
 * Block numbers are shown as plain digits: people copy them into explorers and `cast`, and
 * the end-to-end tests read them back as integers.
 */
export function formatBlockNumber(blockNumber: bigint): string {
  return blockNumber.toString()
}

/** 0x1234…abcd, for places too narrow for a whole address. */
export function shortenAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`
}

const probabilityFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumSignificantDigits: 2 })
const ratioFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })
const sigmaFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 })

/** A probability (float64 statistic) with two significant digits; "< 0.01%" below that, never a false 0. */
export function formatProbability(p: number): string {
  if (!Number.isFinite(p)) return '—'
  if (p > 0 && p < 1e-4) return `< ${probabilityFormat.format(1e-4)}`
  return probabilityFormat.format(p)
}

/** A volatility or fraction (float64) as a percentage with at most one decimal: 0.653 → "65.3%". */
export function formatRatio(x: number): string {
  return Number.isFinite(x) ? ratioFormat.format(x) : '—'
}

/** A distance in standard deviations: "3.2σ"; "> 99σ" far away. */
export function formatSigmas(x: number): string {
  if (Number.isNaN(x)) return '—'
  if (x > 99) return '> 99σ'
  return `${sigmaFormat.format(x)}σ`
}

/** A span of seconds in words for people: "30 s", "45 min", "6.5 h", "3.2 days"; Infinity → "not within reach". */
export function formatDuration(seconds: number): string {
  if (seconds === Number.POSITIVE_INFINITY) return 'not within reach'
  if (!Number.isFinite(seconds)) return '—'
  if (seconds < 60) return `${Math.max(0, Math.round(seconds))} s`
  if (seconds < 3_600) return `${Math.max(1, Math.round(seconds / 60))} min`
  if (seconds < 2 * 86_400) return `${sigmaFormat.format(seconds / 3_600)} h`
  return `${sigmaFormat.format(seconds / 86_400)} days`
}

const changeFormat = new Intl.NumberFormat(locale, {
  style: 'percent',
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
})
const multiplierFormat = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 2 })

/** A signed relative change (float64 fraction) for shocks and moves: −0.2 → "-20%", 0.155 → "+15.5%", 0 → "0%". */
export function formatPercentChange(fraction: number): string {
  return Number.isFinite(fraction) ? changeFormat.format(fraction) : '—'
}

/** A scale factor: 1.5 → "1.5×" (the what-if volatility multiplier). */
export function formatMultiplier(x: number): string {
  return Number.isFinite(x) ? `${multiplierFormat.format(x)}×` : '—'
}

// Float64 statistics (curves, Greeks, P&L, axis ticks): the same locale and rounding rules.

const wholeUsdFormat = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 })
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

/**
 * A float64 health factor (a stress curve, a line the user typed), like formatHealthFactor: two
 * decimals truncated, "∞" without debt. Formats the number's shortest decimal string, so 1.2 is
 * "1.20", not the "1.19" its binary value (1.1999…) would truncate to.
 */
export function formatHealthFactorValue(hf: number): string {
  if (hf === Number.POSITIVE_INFINITY) return '∞'
  return Number.isFinite(hf) ? healthFactorFormat.format(String(hf) as `${number}`) : '—'
}

const notionalFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })

/**
 * An amount in a notional unit that is not money (a redacted snapshot's "of 100 of collateral"):
 * "62.35", never with a currency sign. A bigint with its decimals is formatted exactly.
 */
export function formatNotional(value: number | bigint, decimals = 0): string {
  if (typeof value === 'bigint') return notionalFormat.format(decimal(value, decimals))
  return Number.isFinite(value) ? notionalFormat.format(value) : '—'
}

/** Whole dollars: "$12,345". */
export function formatUsdValue(usd: number): string {
  return Number.isFinite(usd) ? wholeUsdFormat.format(usd) : '—'
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

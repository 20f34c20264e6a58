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

import { formatUnits } from 'viem'
import { MAX_UINT256 } from '../wadRayMath'

/**
 * Numbers inside proposal sentences. Bigints go to Intl as exact decimal strings (Intl.NumberFormat
 * v3), so nothing passes through float64. Health factors are truncated: 0.999 never reads as 1.00.
 */

type DecimalString = `${number}`
const decimal = (value: bigint, decimals: number) => formatUnits(value, decimals) as DecimalString

const tokenFormat = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 8, roundingMode: 'trunc' })
const hfFormat = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  roundingMode: 'trunc',
})
const usdFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 2 })

/** "5,000.0004 USDC" (8 significant digits, truncated). */
export const formatToken = (amount: bigint, decimals: number, symbol: string) =>
  `${tokenFormat.format(decimal(amount, decimals))} ${symbol}`

/** "1.49" (truncated), "∞" without debt. */
export const formatHealthFactor = (wad: bigint) => (wad === MAX_UINT256 ? '∞' : hfFormat.format(decimal(wad, 18)))

/** "$1,234.56" from base currency (8 decimals). */
export const formatBase = (base: bigint, baseDecimals = 8) => usdFormat.format(decimal(base, baseDecimals))

/** "1.39 → 1.50" */
export const formatHealthMove = (before: bigint, after: bigint) =>
  `${formatHealthFactor(before)} → ${formatHealthFactor(after)}`

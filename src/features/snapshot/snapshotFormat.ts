import type { NoLiquidationPriceReason } from '../../engine/liquidationPrice'
import type { AccountStatus } from '../../engine/riskReport'
import {
  formatHealthFactor,
  formatHealthFactorValue,
  formatTokenAmount,
  formatUsd,
  formatUsdValue,
} from '../../ui/format'
import { BASE_DECIMALS, type PrivacyLevel, type RiskSnapshot } from './snapshotModel'

/**
 * The few formats a snapshot needs beyond src/ui/format.ts (candidates to move there): float
 * health factors from the stress curves, float USD Greeks, a block's date, and amounts in the
 * 'ratios' notional, which are not dollars and must not read as dollars.
 */

const locale = 'en-US'
const notionalFloatFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })
const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' })

/** A float health factor (a stress point): the one formatter, format.ts's. */
export const formatHealthFactorFloat = formatHealthFactorValue

/** A block's time (unix seconds) in UTC, so every viewer reads the same words. */
export function formatBlockTime(unixSeconds: number): string {
  return `${dateFormat.format(unixSeconds * 1000)} UTC`
}

export const isNotional = (s: RiskSnapshot) => s.privacy === 'ratios'

/** A base-currency amount: dollars, or "n of 100" in the ratios notional. */
export function formatSnapshotValue(s: RiskSnapshot, base: bigint): string {
  return isNotional(s) ? formatTokenAmount(base, BASE_DECIMALS) : formatUsd(base, BASE_DECIMALS)
}

/** A float USD figure (Greeks): dollars, or per 100 of collateral in the notional. */
export function formatSnapshotUsd(s: RiskSnapshot, usd: number): string {
  if (!Number.isFinite(usd)) return '—'
  return isNotional(s) ? notionalFloatFormat.format(usd) : formatUsdValue(usd)
}

export function formatSnapshotHealthFactor(wad: bigint): string {
  return formatHealthFactor(wad)
}

export const PRIVACY_WORDS: Record<PrivacyLevel, string> = {
  full: 'Full: account, amounts and everything else',
  'no-address': 'Without the address: amounts kept',
  ratios: 'Ratios only: no address, sizes scaled to collateral = 100',
}

export const STATUS_WORDS: Record<AccountStatus, string> = {
  'no-debt': 'No debt',
  safe: 'Safe',
  warning: 'Warning',
  liquidatable: 'Liquidatable',
}

export const NO_PRICE_WORDS: Record<NoLiquidationPriceReason, string> = {
  'no-debt': 'no debt',
  'not-collateral': 'not collateral',
  'cannot-liquidate-by-this-asset': 'this price alone cannot liquidate',
  'liquidatable-at-any-price': 'liquidatable at any price',
  'priced-by-emode-source': 'priced by the e-mode source',
  'no-boundary-found': 'not found',
}

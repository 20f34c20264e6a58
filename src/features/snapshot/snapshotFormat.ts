import type { NoLiquidationPriceReason } from '../../engine/liquidationPrice'
import type { AccountStatus } from '../../engine/riskReport'
import {
  formatHealthFactor,
  formatHealthFactorValue,
  formatNotional,
  formatTokenAmount,
  formatUsd,
  formatUsdValue,
} from '../../ui/format'
import { BASE_DECIMALS, type PrivacyLevel, type RiskSnapshot } from './snapshotModel'

/**
 * A snapshot's figures through src/ui/format.ts, in dollars or, at the 'ratios' level, in the
 * notional (of 100 of collateral), which is not dollars and must not read as dollars.
 */

/** A float health factor (a stress point): the one formatter, format.ts's. */
export const formatHealthFactorFloat = formatHealthFactorValue

export const isNotional = (s: RiskSnapshot) => s.privacy === 'ratios'

/** A base-currency amount: dollars, or "n of 100" in the ratios notional. */
export function formatSnapshotValue(s: RiskSnapshot, base: bigint): string {
  return isNotional(s) ? formatTokenAmount(base, BASE_DECIMALS) : formatUsd(base, BASE_DECIMALS)
}

/** A float USD figure (Greeks): dollars, or per 100 of collateral in the notional. */
export function formatSnapshotUsd(s: RiskSnapshot, usd: number): string {
  if (!Number.isFinite(usd)) return '—'
  return isNotional(s) ? formatNotional(usd) : formatUsdValue(usd)
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

import type { Hex } from '../snapshot'
import type { OptionRight } from './blackScholes'
import { type VolSmileInput, volSmileViolations } from './volSmile'

/**
 * Positions the user holds on other venues and types in (issue 5, point 3): European options and
 * linear (USD-margined) perpetuals on an asset whose Aave oracle price drives them. Plain data only:
 * they cross the worker boundary by structured clone. Amounts are float64 statistics, not on-chain
 * quantities: prices and margins in the base currency (USD), sizes in units of the underlying.
 */

export type OptionPosition = {
  kind: 'option'
  id: string
  /** The Aave reserve asset whose oracle price drives the option. */
  underlying: Hex
  right: OptionRight
  /** USD per unit of underlying, > 0. */
  strike: number
  /** Unix seconds. */
  expiry: number
  /** Units of underlying: + long, − short. */
  quantity: number
  volatility: VolSmileInput
  /** Annual, continuously compounded, as a fraction (default 0). */
  riskFreeRate?: number
  venue?: string
}

export type PerpPosition = {
  kind: 'perp'
  id: string
  underlying: Hex
  /** Units of underlying: + long, − short. */
  size: number
  /** USD per unit. */
  entryPrice: number
  /** Collateral posted, USD. */
  margin: number
  marginMode: 'isolated' | 'cross'
  /** Maintenance margin as a fraction of notional, in (0, 1): 0.005 = 0.5 %. */
  maintenanceMarginRatio: number
  /** Cross margin only: the rest of the account's equity backing the position, USD (default 0). */
  crossAccountEquity?: number
  /** Funding per hour as a fraction of notional; positive: longs pay shorts. */
  fundingRatePerHour?: number
  venue?: string
}

export type ExternalPosition = OptionPosition | PerpPosition

type Fields = Record<string, unknown>

function invalid(message: string): never {
  throw new Error(`invalid external position: ${message}`)
}

function field(raw: Fields, name: string, check: (x: number) => boolean, rule: string): number {
  const value = raw[name]
  if (typeof value !== 'number' || !Number.isFinite(value) || !check(value))
    invalid(`${name} must be a finite number ${rule}, got ${JSON.stringify(value) ?? String(value)}`)
  return value
}

function optionalField(raw: Fields, name: string, check: (x: number) => boolean, rule: string): number | undefined {
  return raw[name] === undefined ? undefined : field(raw, name, check, rule)
}

function oneOf<T extends string>(raw: Fields, name: string, allowed: readonly T[], label = name): T {
  const value = raw[name]
  if (!allowed.includes(value as T))
    invalid(`${label} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value) ?? String(value)}`)
  return value as T
}

function optionalVenue(raw: Fields): { venue?: string } {
  if (raw.venue === undefined) return {}
  if (typeof raw.venue !== 'string') invalid('venue must be a string')
  return { venue: raw.venue }
}

const any = () => true
const positive = (x: number) => x > 0
const nonZero = (x: number) => x !== 0
/** Rates above 100 % a year (or an hour) are percentages typed as fractions. */
const fraction = (x: number) => Math.abs(x) <= 1

function parseSmile(raw: unknown): VolSmileInput {
  if (typeof raw !== 'object' || raw === null) invalid('volatility must be a smile object ({ kind: "flat", … })')
  const s = raw as Fields
  const kind = oneOf(s, 'kind', ['flat', 'skew', 'svi'] as const, 'volatility.kind')
  const num = (name: string) => s[name] as number
  const smile: VolSmileInput =
    kind === 'flat'
      ? { kind, volatility: num('volatility') }
      : kind === 'skew'
        ? { kind, atmVolatility: num('atmVolatility'), skew: num('skew'), curvature: num('curvature') }
        : {
            kind,
            a: num('a'),
            b: num('b'),
            rho: num('rho'),
            m: num('m'),
            sigma: num('sigma'),
            ...(s.fittedAt === undefined ? {} : { fittedAt: num('fittedAt') }),
          }
  // Types first: a numeric string would pass some of volSmileViolations' comparisons by coercion.
  for (const [name, value] of Object.entries(smile))
    if (name !== 'kind' && typeof value !== 'number')
      invalid(`volatility.${name} must be a number, got ${String(value)}`)
  const issues = volSmileViolations(smile)
  if (issues.length > 0) invalid(`volatility: ${issues.join('; ')}`)
  return smile
}

/**
 * Checks a position typed by the user (or read back from storage) and returns a clean copy with
 * only the known fields; throws an Error saying what is wrong otherwise: ids and addresses,
 * non-finite numbers, strike ≤ 0, an option expired at `now` (unix seconds, when given: the engine
 * has no clock), an invalid smile (volSmile.ts), a zero size, a maintenance margin ratio outside
 * (0, 1), rates above 100 % (percentages typed as fractions), crossAccountEquity on an isolated perp.
 */
export function parseExternalPosition(raw: unknown, now?: number): ExternalPosition {
  if (typeof raw !== 'object' || raw === null) invalid(`expected an object, got ${raw === null ? 'null' : typeof raw}`)
  const r = raw as Fields
  const kind = oneOf(r, 'kind', ['option', 'perp'] as const)
  if (typeof r.id !== 'string' || r.id.trim() === '') invalid('id must be a non-empty string')
  const id = r.id
  try {
    if (typeof r.underlying !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(r.underlying))
      invalid(`underlying must be a 20-byte hex address (0x + 40 hex digits), got ${String(r.underlying)}`)
    const underlying = r.underlying as Hex
    if (kind === 'option') {
      const expiry = field(r, 'expiry', positive, '> 0 (unix seconds)')
      if (now !== undefined && expiry <= now)
        invalid(`expiry ${expiry} is not after now (${now}): the option has expired`)
      const volatility = parseSmile(r.volatility)
      if (volatility.kind === 'svi' && volatility.fittedAt !== undefined && volatility.fittedAt >= expiry)
        invalid(`volatility.fittedAt must be before expiry, got ${volatility.fittedAt} ≥ ${expiry}`)
      const riskFreeRate = optionalField(r, 'riskFreeRate', fraction, 'with |rate| ≤ 1 (0.05 = 5 % a year)')
      return {
        kind,
        id,
        underlying,
        right: oneOf(r, 'right', ['call', 'put'] as const),
        strike: field(r, 'strike', positive, '> 0'),
        expiry,
        quantity: field(r, 'quantity', nonZero, '≠ 0 (+ long, − short)'),
        volatility,
        ...(riskFreeRate === undefined ? {} : { riskFreeRate }),
        ...optionalVenue(r),
      }
    }
    const marginMode = oneOf(r, 'marginMode', ['isolated', 'cross'] as const)
    if (marginMode === 'isolated' && r.crossAccountEquity !== undefined)
      invalid('crossAccountEquity applies to cross margin only')
    const crossAccountEquity = optionalField(r, 'crossAccountEquity', any, '(USD)')
    const fundingRatePerHour = optionalField(r, 'fundingRatePerHour', fraction, 'with |rate| ≤ 1 (0.0001 = 0.01 %/h)')
    return {
      kind,
      id,
      underlying,
      size: field(r, 'size', nonZero, '≠ 0 (+ long, − short)'),
      entryPrice: field(r, 'entryPrice', positive, '> 0'),
      margin: field(r, 'margin', (x) => x >= 0, '≥ 0 (USD)'),
      marginMode,
      maintenanceMarginRatio: field(r, 'maintenanceMarginRatio', (x) => x > 0 && x < 1, 'in (0, 1): 0.005 = 0.5 %'),
      ...(crossAccountEquity === undefined ? {} : { crossAccountEquity }),
      ...(fundingRatePerHour === undefined ? {} : { fundingRatePerHour }),
      ...optionalVenue(r),
    }
  } catch (error) {
    // Name the position in every message, so a list of them says which one is wrong.
    const message = error instanceof Error ? error.message : String(error)
    throw new Error(message.replace('invalid external position: ', `invalid external position ${JSON.stringify(id)}: `))
  }
}

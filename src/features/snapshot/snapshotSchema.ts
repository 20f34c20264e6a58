import * as v from 'valibot'
import { MARKET_NAME_PATTERN, SNAPSHOT_VERSION, SYMBOL_PATTERN } from './snapshotModel'

/**
 * The link's JSON (wire format v1) and its strict schema. A link is untrusted input: every number
 * is finite and bounded, every string has a length limit and a charset, every array a length cap,
 * and no object may carry keys we do not know (strictObject/strictTuple: `__proto__`,
 * `constructor` and friends are rejected, not merged). Positional arrays and small codes keep a
 * typical account under 2,000 characters once compressed; snapshotWire.ts maps them to the model.
 */

// Code tables: a value's index is what travels. Append only (a reorder would change old links' meaning).
export const PRIVACY_CODES = ['full', 'no-address', 'ratios'] as const
export const STATUS_CODES = ['no-debt', 'safe', 'warning', 'liquidatable'] as const
export const DIRECTION_CODES = ['down', 'up'] as const
export const NO_PRICE_CODES = [
  'no-debt',
  'not-collateral',
  'cannot-liquidate-by-this-asset',
  'liquidatable-at-any-price',
  'priced-by-emode-source',
  'no-boundary-found',
] as const
export const NO_SHOCK_CODES = [
  'no-debt',
  'no-volatile-exposure',
  'cannot-liquidate-by-volatile-move',
  'liquidatable-at-any-price',
  'no-boundary-found',
] as const
export const ODDS_METHOD_CODES = ['none', 'closed-form', 'monte-carlo'] as const
export const NO_ODDS_CODES = ['no-debt', 'no-risk-factor', 'missing-volatility', 'liquidatable'] as const

export const MAX_POSITIONS = 64
export const MAX_CURVES = MAX_POSITIONS + 1
export const MAX_CURVE_POINTS = 201
export const MAX_HORIZONS = 16
/** Health factors on the wire are integer thousandths; −1 stands for ∞ (no debt). */
export const INFINITE_HEALTH_FACTOR = -1
/** −1 for a time to trouble that never comes. */
export const NEVER = -1

const MAX_UINT256 = 2n ** 256n - 1n
const MAX_FLOAT = 1e15

const code = (table: readonly unknown[]) => v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(table.length - 1))
const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max))
const float = (min = -MAX_FLOAT, max = MAX_FLOAT) => v.pipe(v.number(), v.finite(), v.minValue(min), v.maxValue(max))
/** A non-negative bigint as decimal digits, at most uint256. */
const uint = (maxDigits = 78) =>
  v.pipe(
    v.string(),
    v.maxLength(maxDigits),
    v.regex(/^(0|[1-9][0-9]*)$/),
    v.check((s) => BigInt(s) <= MAX_UINT256, 'above uint256'),
  )
const address = v.pipe(v.string(), v.length(42), v.regex(/^0x[0-9a-fA-F]{40}$/))
const symbol = v.pipe(v.string(), v.maxLength(64), v.regex(SYMBOL_PATTERN))
const bps = int(0, 10_000)

/** [price, direction, distance] of a liquidation price, or the code of why there is none. */
const liquidation = v.union([v.strictTuple([uint(), code(DIRECTION_CODES), float(-1)]), code(NO_PRICE_CODES)])

/** [symbol, decimals, price, supplied, borrowed, flags (1: counts as collateral, 2: volatile), LT bps, liquidation] */
const position = v.strictTuple([symbol, int(0, 36), uint(), uint(), uint(), int(0, 3), bps, liquidation])

/** [health factor WAD, status, collateral, debt, available borrows, LT bps, LTV bps, shock | null, direction | reason] */
const headline = v.strictTuple([
  uint(),
  code(STATUS_CODES),
  uint(),
  uint(),
  uint(),
  bps,
  bps,
  v.nullable(float(-1)),
  int(0, Math.max(DIRECTION_CODES.length, NO_SHOCK_CODES.length) - 1),
])

/** [horizon seconds, probability, distance σ] */
const horizon = v.strictTuple([int(1, 10 * 366 * 86_400), float(0, 1), float()])
/** [method, reason] when none, else [method, threshold, time to trouble (s) | −1 never | null, horizons] */
const odds = v.union([
  v.strictTuple([v.literal(0), code(NO_ODDS_CODES)]),
  v.strictTuple([
    v.union([v.literal(1), v.literal(2)]),
    float(0, 1),
    v.nullable(float(NEVER, MAX_FLOAT)),
    v.pipe(v.array(horizon), v.maxLength(MAX_HORIZONS)),
  ]),
])

const healthPoint = int(INFINITE_HEALTH_FACTOR, 1e12)
/** [label, crossing shock | null, health factors] */
const curve = v.strictTuple([
  symbol,
  v.nullable(float(-1, 100)),
  v.pipe(v.array(healthPoint), v.maxLength(MAX_CURVE_POINTS)),
])
/** [from shock, to shock, curves] */
const stress = v.strictTuple([float(-1, 100), float(-1, 100), v.pipe(v.array(curve), v.maxLength(MAX_CURVES))])

/** [symbol, volatile 0|1, delta lending, delta LP, delta external, gamma per 1 %, vega per vol point] */
const greek = v.strictTuple([symbol, int(0, 1), float(), float(), float(), float(), float()])

/** [warning HF, target HF, upper HF | null, P(liquidation) limit in 24 h] */
const profile = v.strictTuple([float(0, 1_000), float(0, 1_000), v.nullable(float(0, 1_000)), float(0, 1)])

export const wireSnapshotSchema = v.strictObject({
  v: v.literal(SNAPSHOT_VERSION),
  p: code(PRIVACY_CODES),
  c: int(1, 2 ** 48),
  m: v.strictTuple([v.pipe(v.string(), v.maxLength(128), v.regex(MARKET_NAME_PATTERN)), address]),
  b: v.strictTuple([uint(20), int(0, 2 ** 40)]),
  a: v.optional(address),
  h: headline,
  r: v.pipe(v.array(position), v.maxLength(MAX_POSITIONS)),
  o: odds,
  s: stress,
  g: v.strictTuple([v.pipe(v.array(greek), v.maxLength(MAX_POSITIONS)), float()]),
  f: profile,
})

export type WireSnapshot = v.InferOutput<typeof wireSnapshotSchema>

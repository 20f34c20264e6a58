import { describe, expect, test } from 'vitest'
import {
  formatCount,
  formatDayTime,
  formatHealthFactorValue,
  formatNotional,
  formatPriceUsd,
  formatShock,
  formatSignedUsd,
  formatUsdCompact,
  formatUsdValue,
  formatUtcDateTime,
  formatVolatilityShift,
} from './format'

describe('chart number formats', () => {
  test('a float health factor is truncated, never rounded up across 1', () => {
    expect(formatHealthFactorValue(0.9999)).toBe('0.99')
    expect(formatHealthFactorValue(1.4267)).toBe('1.42')
    expect(formatHealthFactorValue(Number.POSITIVE_INFINITY)).toBe('∞')
    expect(formatHealthFactorValue(Number.NaN)).toBe('—')
  })

  test('USD figures: whole, signed and compact', () => {
    expect(formatUsdValue(12_345.6)).toBe('$12,346')
    expect(formatSignedUsd(1_200)).toBe('+$1,200')
    expect(formatSignedUsd(-300)).toBe('-$300')
    expect(formatSignedUsd(0)).toBe('$0')
    expect(formatUsdCompact(1_234)).toBe('$1.23K')
    expect(formatUsdCompact(Number.NaN)).toBe('')
  })

  test('price shocks carry their sign', () => {
    expect(formatShock(-0.16)).toBe('-16%')
    expect(formatShock(0)).toBe('0%')
    expect(formatShock(0.25)).toBe('+25%')
  })

  test('volatility moves are absolute points', () => {
    expect(formatVolatilityShift(-0.1)).toBe('-10 pts')
    expect(formatVolatilityShift(0.1)).toBe('+10 pts')
    expect(formatVolatilityShift(0)).toBe('today’s')
  })
  test('prices keep cents, and significant digits below a cent', () => {
    expect(formatPriceUsd(1_454.545)).toBe('$1,454.55')
    expect(formatPriceUsd(1)).toBe('$1.00')
    expect(formatPriceUsd(0.00012345)).toBe('$0.0001235')
  })
})

describe('notional amounts, counts and dates', () => {
  test('a notional amount never reads as money; a bigint keeps its exact digits', () => {
    expect(formatNotional(62.3456)).toBe('62.35')
    expect(formatNotional(6_234_560_000n, 8)).toBe('62.35')
    expect(formatNotional(123_456_789_012_345_678_901n, 18)).toBe('123.46')
    expect(formatNotional(Number.NaN)).toBe('—')
    expect(formatNotional(1_000)).not.toMatch(/\$/)
  })

  test('counts are grouped', () => {
    expect(formatCount(1_101)).toBe('1,101')
  })

  test('a block time reads the same for every viewer (UTC); a log time carries its day', () => {
    // 2025-06-15T14:02:03Z
    expect(formatUtcDateTime(1_749_996_123)).toBe('Jun 15, 2025, 2:02:03 PM UTC')
    expect(formatDayTime(Number.NaN)).toBe('—')
    expect(formatDayTime(1_749_996_123)).toMatch(/^Jun 1[56], \d\d:02:03$/)
  })
})

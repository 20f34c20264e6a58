import { describe, expect, test } from 'vitest'
import {
  formatHealthFactorValue,
  formatPriceUsd,
  formatShock,
  formatSignedUsd,
  formatUsdCompact,
  formatUsdValue,
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

import fc from 'fast-check'
import { parseUnits } from 'viem'
import { describe, expect, test } from 'vitest'
import {
  formatBlockNumber,
  formatBps,
  formatDuration,
  formatHealthFactor,
  formatMultiplier,
  formatPercentChange,
  formatProbability,
  formatRatio,
  formatSeconds,
  formatSigmas,
  formatTokenAmount,
  formatUsd,
  HEALTH_FACTOR_NO_DEBT,
} from './format'

describe('formatHealthFactor', () => {
  test('shows two decimals of the WAD value', () => {
    expect(formatHealthFactor(parseUnits('1.4', 18))).toBe('1.40')
    expect(formatHealthFactor(1_178_612_345_678_901_234n)).toBe('1.17')
  })

  test('never rounds an account below 1 up to a safe-looking 1.00', () => {
    expect(formatHealthFactor(999_999_999_999_999_999n)).toBe('0.99')
    expect(formatHealthFactor(parseUnits('0.9449', 18))).toBe('0.94')
  })

  test('shows ∞ for an account without debt (HF = 2^256 - 1)', () => {
    expect(formatHealthFactor(HEALTH_FACTOR_NO_DEBT)).toBe('∞')
    expect(formatHealthFactor(2n ** 256n - 1n)).toBe('∞')
  })

  test('keeps every integer digit of large health factors', () => {
    expect(formatHealthFactor(parseUnits('123456789012345678901', 18))).toBe('123,456,789,012,345,678,901.00')
  })

  test('is the WAD value truncated to cents, for any WAD below 2^200', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 200n }), (wad) => {
        const cents = wad / 10n ** 16n
        const expected = `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`
        expect(formatHealthFactor(wad).replaceAll(',', '')).toBe(expected)
      }),
    )
  })
})

describe('formatUsd', () => {
  test('reads Aave base-currency amounts as USD with 8 decimals', () => {
    expect(formatUsd(2_000_000_000_00n)).toBe('$2,000.00')
    expect(formatUsd(0n)).toBe('$0.00')
    expect(formatUsd(1_234_567_890_123_456n)).toBe('$12,345,678.90')
  })
})

describe('small formats', () => {
  test('basis points as a percentage', () => {
    expect(formatBps(8250n)).toBe('82.50%')
  })

  test('block numbers are plain digits without separators', () => {
    expect(formatBlockNumber(1_234_567n)).toBe('1234567')
  })

  test('seconds are whole and never negative (clock skew against the node)', () => {
    expect(formatSeconds(12.9)).toBe('12s')
    expect(formatSeconds(-3)).toBe('0s')
  })
})

test('token amounts are grouped with at most six decimals, exactly from the bigint', () => {
  expect(formatTokenAmount(25_000_000_000_123_315_857_715n, 18)).toBe('25,000')
  expect(formatTokenAmount(1_234_567_890n, 6)).toBe('1,234.56789')
  expect(formatTokenAmount(1n, 18)).toBe('0')
  expect(formatTokenAmount(123_456_789_012_345_678_901_234_567n, 18)).toBe('123,456,789.012346')
})

describe('statistics for people', () => {
  test('a tiny probability is never shown as 0', () => {
    expect(formatProbability(3e-7)).toBe('< 0.01%')
    expect(formatProbability(0)).toBe('0%')
    expect(formatProbability(0.04567)).toBe('4.6%')
    expect(formatProbability(Number.NaN)).toBe('—')
  })

  test('durations in the unit a person reads', () => {
    expect(formatDuration(30)).toBe('30 s')
    expect(formatDuration(600)).toBe('10 min')
    expect(formatDuration(6.5 * 3_600)).toBe('6.5 h')
    expect(formatDuration(8 * 86_400)).toBe('8.0 days')
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('not within reach')
  })

  test('σ distances and ratios', () => {
    expect(formatSigmas(Math.PI)).toBe('3.1σ')
    expect(formatSigmas(1e6)).toBe('> 99σ')
    expect(formatRatio(0.6534)).toBe('65.3%')
  })
})

describe('what-if figures', () => {
  test('a change carries its sign, and no shock reads as a plain 0%', () => {
    expect(formatPercentChange(-0.2)).toBe('-20%')
    expect(formatPercentChange(0.155)).toBe('+15.5%')
    expect(formatPercentChange(0)).toBe('0%')
    expect(formatPercentChange(Number.NaN)).toBe('—')
  })

  test('a multiplier keeps one decimal at least', () => {
    expect(formatMultiplier(1)).toBe('1.0×')
    expect(formatMultiplier(2.25)).toBe('2.25×')
    expect(formatMultiplier(0.5)).toBe('0.5×')
  })
})

import { describe, expect, test } from 'vitest'
import { parseExternalPosition } from './externalPosition'

const NOW = 1_750_000_000
const ETH = '0x00000000000000000000000000000000000000e1'

const option = {
  kind: 'option',
  id: 'deribit-eth-28nov-1800-p',
  underlying: ETH,
  right: 'put',
  strike: 1_800,
  expiry: NOW + 30 * 86_400,
  quantity: -5,
  volatility: { kind: 'skew', atmVolatility: 0.65, skew: -0.25, curvature: 0.4 },
  riskFreeRate: 0.04,
  venue: 'Deribit',
}
const perp = {
  kind: 'perp',
  id: 'hl-eth',
  underlying: ETH,
  size: 2,
  entryPrice: 2_000,
  margin: 400,
  marginMode: 'cross',
  maintenanceMarginRatio: 0.005,
  crossAccountEquity: 1_500,
  fundingRatePerHour: 0.0000125,
}

describe('parseExternalPosition', () => {
  test('returns a clean copy of valid options and perps, which survives a structured clone', () => {
    const smiles = [
      { kind: 'flat', volatility: 0.7 },
      option.volatility,
      { kind: 'svi', a: 0.02, b: 0.12, rho: -0.3, m: 0.02, sigma: 0.15, fittedAt: NOW },
    ]
    for (const volatility of smiles) {
      const parsed = parseExternalPosition({ ...option, volatility, note: 'ignored' }, NOW)
      expect(parsed).toEqual({ ...option, volatility })
      expect(structuredClone(parsed)).toEqual(parsed)
    }
    const { riskFreeRate: _rate, venue: _venue, ...minimal } = option
    expect(parseExternalPosition(minimal)).toEqual(minimal)
    expect(parseExternalPosition(perp)).toEqual(perp)
    const { crossAccountEquity: _cross, ...crossFields } = perp
    const isolated = { ...crossFields, marginMode: 'isolated', size: -1 }
    expect(parseExternalPosition(isolated)).toEqual(isolated)
  })

  test('refuses bad input with a message that names the position and the rule', () => {
    const cases: [unknown, RegExp][] = [
      [null, /expected an object, got null/],
      ['option', /expected an object, got string/],
      [{ ...option, kind: 'future' }, /kind must be one of option, perp/],
      [{ ...option, id: ' ' }, /id must be a non-empty string/],
      [{ ...option, underlying: 'WETH' }, /"deribit-eth-28nov-1800-p": underlying must be a 20-byte hex address/],
      [{ ...option, strike: 0 }, /strike must be a finite number > 0, got 0/],
      [{ ...option, strike: '1800' }, /strike must be a finite number > 0, got "1800"/],
      [{ ...option, expiry: Number.NaN }, /expiry must be a finite number/],
      [{ ...option, quantity: 0 }, /quantity must be a finite number ≠ 0/],
      [{ ...option, quantity: Number.POSITIVE_INFINITY }, /quantity must be a finite number/],
      [{ ...option, right: 'straddle' }, /right must be one of call, put/],
      [{ ...option, volatility: 0.6 }, /volatility must be a smile object/],
      [{ ...option, volatility: { kind: 'flat', volatility: 65 } }, /annual fraction: 0.8 = 80 %/],
      [{ ...option, volatility: { kind: 'flat', volatility: '0.6' } }, /volatility.volatility must be a number/],
      [{ ...option, volatility: { kind: 'smile' } }, /volatility.kind must be one of flat, skew, svi/],
      [{ ...option, volatility: { kind: 'svi', a: 0.02, b: 0.12, rho: 1, m: 0, sigma: 0.1 } }, /SVI rho must be in/],
      [{ ...option, volatility: { kind: 'svi', a: -0.1, b: 0.1, rho: 0, m: 0, sigma: 0.1 } }, /minimum total variance/],
      [
        { ...option, volatility: { kind: 'svi', a: 0.02, b: 0.12, rho: 0, m: 0, sigma: 0.1, fittedAt: option.expiry } },
        /fittedAt must be before expiry/,
      ],
      [{ ...option, riskFreeRate: 5 }, /riskFreeRate must be a finite number with \|rate\| ≤ 1/],
      [{ ...option, venue: 7 }, /venue must be a string/],
      [{ ...perp, size: 0 }, /"hl-eth": size must be a finite number ≠ 0/],
      [{ ...perp, entryPrice: -1 }, /entryPrice must be a finite number > 0/],
      [{ ...perp, margin: -1 }, /margin must be a finite number ≥ 0/],
      [{ ...perp, marginMode: 'portfolio' }, /marginMode must be one of isolated, cross/],
      [{ ...perp, maintenanceMarginRatio: 0 }, /maintenanceMarginRatio must be a finite number in \(0, 1\)/],
      [{ ...perp, maintenanceMarginRatio: 1 }, /maintenanceMarginRatio/],
      [{ ...perp, maintenanceMarginRatio: 0.5 * Number.NaN }, /maintenanceMarginRatio/],
      [{ ...perp, marginMode: 'isolated' }, /crossAccountEquity applies to cross margin only/],
      [{ ...perp, crossAccountEquity: Number.NaN }, /crossAccountEquity must be a finite number/],
      [{ ...perp, fundingRatePerHour: 2 }, /fundingRatePerHour/],
    ]
    for (const [raw, message] of cases)
      expect(() => parseExternalPosition(raw, NOW), JSON.stringify(raw)).toThrow(message)
  })

  test('refuses an option that has expired at `now`, and cannot tell without it', () => {
    expect(() => parseExternalPosition({ ...option, expiry: NOW }, NOW)).toThrow(/the option has expired/)
    expect(() => parseExternalPosition({ ...option, expiry: NOW - 1 }, NOW)).toThrow(/the option has expired/)
    expect(parseExternalPosition({ ...option, expiry: NOW - 1 }).kind).toBe('option')
  })
})

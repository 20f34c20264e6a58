import { describe, expect, test } from 'vitest'
import type { Hex } from '../snapshot'
import { externalPositionGreeks } from './externalGreeks'
import type { ExternalPosition, OptionPosition, PerpPosition } from './externalPosition'
import { optionGreeks } from './optionGreeks'
import { perpGreeks } from './perpGreeks'
import { firstDerivative, relativeError, secondDerivative } from './testing/centralDifference'

const NOW = 1_750_000_000
const DAY = 86_400
const ETH: Hex = '0x00000000000000000000000000000000000000e1'
const BTC: Hex = '0x00000000000000000000000000000000000000b1'
const LINK: Hex = '0x00000000000000000000000000000000000000a1'
const PRICES: Record<string, number> = { [ETH]: 2_000, [BTC]: 60_000 }
const priceOf = (underlying: Hex) => PRICES[underlying.toLowerCase()]

const put: OptionPosition = {
  kind: 'option',
  id: 'eth-put',
  underlying: ETH,
  right: 'put',
  strike: 1_800,
  expiry: NOW + 30 * DAY,
  quantity: 4,
  volatility: { kind: 'skew', atmVolatility: 0.65, skew: -0.25, curvature: 0.4 },
  riskFreeRate: 0.04,
  venue: 'Deribit',
}
const call: OptionPosition = {
  ...put,
  id: 'eth-call',
  // The same asset, spelled with capitals: it must land in the same sum.
  underlying: '0x00000000000000000000000000000000000000E1',
  right: 'call',
  strike: 2_300,
  quantity: -3,
  venue: undefined,
}
const ethPerp: PerpPosition = {
  kind: 'perp',
  id: 'eth-perp',
  underlying: ETH,
  size: -1.5,
  entryPrice: 2_100,
  margin: 500,
  marginMode: 'isolated',
  maintenanceMarginRatio: 0.005,
  fundingRatePerHour: 0.00001,
}
const btcPerp: PerpPosition = { ...ethPerp, id: 'btc-perp', underlying: BTC, size: 0.1, entryPrice: 58_000 }
const linkPerp: PerpPosition = { ...ethPerp, id: 'link-perp', underlying: LINK, size: 100, entryPrice: 12 }
const POSITIONS: ExternalPosition[] = [put, linkPerp, call, ethPerp, btcPerp]

describe('externalPositionGreeks', () => {
  test('values every position at its oracle price and sums per underlying, case-insensitively', () => {
    const report = externalPositionGreeks(POSITIONS, priceOf, NOW)
    expect(report.rows.map((row) => [row.id, row.status])).toEqual([
      ['eth-put', 'priced'],
      ['link-perp', 'unpriced'],
      ['eth-call', 'priced'],
      ['eth-perp', 'priced'],
      ['btc-perp', 'priced'],
    ])
    const [eth, btc] = report.byUnderlying
    expect(report.byUnderlying).toHaveLength(2)
    const p = optionGreeks(put, 2_000, NOW)
    const c = optionGreeks(call, 2_000, NOW)
    const f = perpGreeks(ethPerp, 2_000)
    expect(eth).toMatchObject({ underlying: ETH, spot: 2_000, positions: 3, gamma: p.gamma + c.gamma })
    expect(eth?.value).toBeCloseTo(p.value + c.value + f.unrealisedPnl, 9)
    expect(eth?.deltaUnits).toBeCloseTo(p.deltaUnits + c.deltaUnits - 1.5, 12)
    expect(eth?.deltaUsd).toBeCloseTo(p.deltaUsd + c.deltaUsd - 3_000, 9)
    expect(eth?.gammaUsdPerPercent).toBeCloseTo(p.gammaUsdPerPercent + c.gammaUsdPerPercent, 9)
    expect(eth?.vegaUsdPerVolPoint).toBeCloseTo(p.vegaUsdPerVolPoint + c.vegaUsdPerVolPoint, 9)
    expect(eth?.thetaUsdPerDay).toBeCloseTo(p.thetaUsdPerDay + c.thetaUsdPerDay, 9)
    expect(eth?.fundingUsdPerDay).toBeCloseTo(f.fundingUsdPerDay, 12)
    expect(btc).toMatchObject({
      underlying: BTC,
      spot: 60_000,
      positions: 1,
      deltaUnits: 0.1,
      gamma: 0,
      vegaUsdPerVolPoint: 0,
    })
    expect(btc?.value).toBeCloseTo(200, 9)
    expect(report.rows[0]).toMatchObject({ kind: 'option', venue: 'Deribit', spot: 2_000, greeks: p })
  })

  test('reports positions it cannot price with the reason instead of dropping them', () => {
    const prices: Record<string, number> = { [ETH]: Number.NaN, [BTC]: 60_000 }
    const broken: OptionPosition = {
      ...put,
      id: 'broken',
      underlying: BTC,
      volatility: { kind: 'flat', volatility: Number.NaN },
    }
    const report = externalPositionGreeks([put, linkPerp, broken, btcPerp], (u) => prices[u], NOW, {
      priceMultiplier: (u) => (u === BTC ? 1 : 0.9),
    })
    const reasons = report.rows.map((row) => (row.status === 'unpriced' ? row.reason : 'priced'))
    expect(reasons[0]).toMatch(/the price of 0x0+e1 is not a positive number \(NaN\)/)
    expect(reasons[1]).toMatch(/no oracle price for underlying 0x0+a1/)
    expect(reasons[2]).toMatch(/cannot evaluate: volatility must be finite/)
    expect(reasons[3]).toBe('priced')
    expect(report.byUnderlying.map((sum) => [sum.underlying, sum.positions])).toEqual([[BTC, 1]])
    const badShock = externalPositionGreeks([btcPerp], priceOf, NOW, { priceMultiplier: () => -1 })
    expect(badShock.rows[0]).toMatchObject({ status: 'unpriced', reason: expect.stringMatching(/scenario multiplier/) })
    expect(badShock.byUnderlying).toEqual([])
  })

  test('a price shock revalues at the shocked price with smiles anchored at the oracle price (sticky strike)', () => {
    const shock = (u: Hex) => (u.toLowerCase() === ETH ? 0.8 : 1)
    const report = externalPositionGreeks(POSITIONS, priceOf, NOW, { priceMultiplier: shock, volShift: 0.1 })
    expect(report.rows[0]).toMatchObject({
      spot: 1_600,
      greeks: optionGreeks(put, 1_600, NOW, { smileAnchorSpot: 2_000, volShift: 0.1 }),
    })
    expect(report.rows[3]).toMatchObject({ spot: 1_600, greeks: perpGreeks(ethPerp, 1_600) })
    expect(report.byUnderlying[1]?.spot).toBe(60_000)
  })

  test('the summed delta and gamma are the derivatives of the summed value along a price shock', () => {
    const ethValue = (m: number) =>
      externalPositionGreeks(POSITIONS, priceOf, NOW, { priceMultiplier: () => m }).byUnderlying[0]?.value as number
    const eth = externalPositionGreeks(POSITIONS, priceOf, NOW).byUnderlying[0]
    // dS = S·dm, so dV/dm = Δ·S (deltaUsd) and d²V/dm² = Γ·S² (100 × gammaUsdPerPercent).
    expect(relativeError(eth?.deltaUsd as number, firstDerivative(ethValue, 1, 0.01))).toBeLessThan(1e-6)
    expect(relativeError((eth?.gammaUsdPerPercent as number) * 100, secondDerivative(ethValue, 1, 0.01))).toBeLessThan(
      1e-6,
    )
    const vegaValue = (shift: number) =>
      externalPositionGreeks(POSITIONS, priceOf, NOW, { volShift: shift }).byUnderlying[0]?.value as number
    expect(relativeError(eth?.vegaUsdPerVolPoint as number, firstDerivative(vegaValue, 0, 0.005) / 100)).toBeLessThan(
      1e-6,
    )
  })
})

import { formatUnits, getAddress, maxUint256 } from 'viem'
import { describe, expect, test } from 'vitest'
import { canonicalJson, decodeSnapshot, encodeSnapshot } from './snapshotCodec'
import { fromReport, NOTIONAL_BASE, type RiskSnapshot, STRESS_POINTS } from './snapshotModel'
import { ACCOUNT, noDebtReport, PROFILE, sixReserveReport } from './snapshotTesting'

const report = sixReserveReport()
const make = (privacy: 'full' | 'no-address' | 'ratios') =>
  fromReport(report, PROFILE, { privacy, marketName: 'Aave V3 Ethereum' })

const bigintJson = (s: RiskSnapshot) => JSON.stringify(s, (_k, x) => (typeof x === 'bigint' ? x.toString() : x))
const valueBase = (p: RiskSnapshot['positions'][number], amount: bigint) =>
  (amount * p.priceBase) / 10n ** BigInt(p.decimals)

describe('fromReport', () => {
  test('the full level keeps the account, the block and every amount as the report has them', () => {
    const s = make('full')
    expect(s.account).toBe(getAddress(ACCOUNT))
    expect(s.block).toEqual(report.block)
    expect(s.headline.healthFactorWad).toBe(report.accountData.healthFactorWad)
    expect(s.headline.totalCollateralBase).toBe(report.accountData.totalCollateralBase)
    expect(s.positions.map((p) => [p.symbol, p.supplied, p.borrowed, p.priceBase])).toEqual(
      report.assets.map((a) => [a.symbol, a.supplied, a.borrowed, a.priceBase]),
    )
    expect(s.greeks.underlyings.map((g) => g.deltaUsd.lending)).toEqual(
      report.greeks.byUnderlying.map((g) => Number(g.lending.deltaUsd.toPrecision(6))),
    )
  })

  test('the no-address level drops the account and nothing else', () => {
    const full = make('full')
    const redacted = make('no-address')
    expect(redacted.account).toBeNull()
    expect({ ...redacted, account: full.account, privacy: 'full' }).toEqual(full)
  })

  test('the ratios level scales collateral to 100 and keeps HF, composition, distances, odds and normalised Greeks', () => {
    const s = make('ratios')
    expect(s.account).toBeNull()
    expect(s.headline.totalCollateralBase).toBe(NOTIONAL_BASE)
    const hf = (wad: bigint) => Number(formatUnits(wad, 18))
    const trueHf = hf(report.accountData.healthFactorWad)
    expect(hf(s.headline.healthFactorWad)).toBeLessThanOrEqual(trueHf)
    expect(trueHf - hf(s.headline.healthFactorWad)).toBeLessThan(1e-4)
    const collateral = Number(report.accountData.totalCollateralBase)
    report.assets.forEach((a, i) => {
      const p = s.positions[i] as RiskSnapshot['positions'][number]
      const share = Number(a.collateralBase) / collateral
      const scaledShare = p.countsAsCollateral ? Number(valueBase(p, p.supplied)) / Number(NOTIONAL_BASE) : 0
      expect(scaledShare).toBeCloseTo(share, 4)
      expect(Number(valueBase(p, p.borrowed)) / Number(NOTIONAL_BASE)).toBeCloseTo(Number(a.debtBase) / collateral, 4)
      if (a.liquidation.priceBase !== null && p.liquidation.priceBase !== null) {
        expect(p.liquidation.distanceFraction).toBeCloseTo(a.liquidation.distanceFraction, 3)
        expect(Number(p.liquidation.priceBase) / Number(a.liquidation.priceBase)).toBeCloseTo(1, 4)
      } else expect(p.liquidation).toEqual(a.liquidation)
    })
    expect(s.odds).toEqual(make('full').odds)
    const perHundred = 100 / (collateral / 1e8)
    report.greeks.byUnderlying.forEach((g, i) => {
      expect(s.greeks.underlyings[i]?.deltaUsd.lending).toBeCloseTo(g.lending.deltaUsd * perHundred, 3)
    })
    expect(s.stress).toEqual({ ...make('full').stress, curves: s.stress.curves })
  })

  test('the stress curves keep every 5th point, truncated, with the crossings', () => {
    const s = make('full')
    expect(s.stress.fromShock).toBe(-0.6)
    expect(s.stress.toShock).toBe(0.6)
    expect(s.stress.curves.map((c) => c.label)).toEqual(report.stress.curves.map((c) => c.label))
    s.stress.curves.forEach((c, k) => {
      const engine = report.stress.curves[k]?.healthFactor as Float64Array
      expect(c.healthFactor).toHaveLength(STRESS_POINTS)
      c.healthFactor.forEach((hf, i) => {
        const exact = engine[i * 5] as number
        expect(hf).toBeLessThanOrEqual(exact)
        expect(exact - hf).toBeLessThan(0.001)
      })
    })
    expect(s.stress.curves.at(-1)?.crossingShock).toBeCloseTo(report.stress.curves.at(-1)?.crossingShock as number, 5)
  })

  test('an account without debt keeps an infinite health factor and infinite curves', async () => {
    const s = fromReport(noDebtReport(), PROFILE, { privacy: 'ratios', marketName: 'devnet' })
    expect(s.headline.healthFactorWad).toBe(maxUint256)
    expect(s.stress.curves.every((c) => c.healthFactor.every((x) => x === Number.POSITIVE_INFINITY))).toBe(true)
    const decoded = await decodeSnapshot(await encodeSnapshot(s))
    expect(decoded.ok && decoded.snapshot).toEqual(s)
  })

  test('labels outside the allowed characters are replaced, so the snapshot still passes the schema', async () => {
    const s = fromReport(report, PROFILE, { privacy: 'full', marketName: '<img src=x onerror=alert(1)>\u202e' })
    expect(s.market.name).toBe('_img src_x onerror_alert(1)__')
    const decoded = await decodeSnapshot(await encodeSnapshot(s))
    expect(decoded.ok).toBe(true)
  })
})

describe('the ratios level leaks neither the address nor any absolute amount', () => {
  test('its payload, compressed or not, contains no address and no absolute amount', async () => {
    const s = make('ratios')
    const encoded = await encodeSnapshot(s)
    const decoded = await decodeSnapshot(encoded)
    if (!decoded.ok) throw new Error(decoded.message)
    const texts = [canonicalJson(s), bigintJson(s), bigintJson(decoded.snapshot), encoded].map((t) => t.toLowerCase())

    const address = ACCOUNT.toLowerCase().slice(2)
    const d = report.accountData
    const absolute = new Set<string>()
    const addAmount = (amount: bigint, decimals: number) => {
      if (amount === 0n) return
      absolute.add(amount.toString())
      // As a person would write it: the token amount, and the whole-unit part when it is distinctive.
      const text = formatUnits(amount, decimals)
      absolute.add(text)
      const whole = text.split('.')[0] as string
      if (whole.length >= 4) absolute.add(whole)
    }
    for (const x of [d.totalCollateralBase, d.totalDebtBase, d.availableBorrowsBase]) addAmount(x, 8)
    for (const a of report.assets) {
      addAmount(a.supplied, a.decimals)
      addAmount(a.borrowed, a.decimals)
      addAmount(a.collateralBase, 8)
      addAmount(a.debtBase, 8)
    }
    for (const g of report.greeks.byUnderlying) {
      const usd = Math.abs(g.total.deltaUsd)
      if (usd >= 1_000) absolute.add(String(Math.trunc(usd)))
      const units = Math.abs(g.total.deltaUnits)
      if (units > 0) absolute.add(String(units).slice(0, 7))
    }
    expect(absolute.size).toBeGreaterThan(30)

    for (const text of texts) {
      expect(text).not.toContain(address)
      for (const amount of absolute) expect(text, amount).not.toContain(amount.toLowerCase())
    }
    // The same check finds them in the full payload, so it is able to fail.
    const full = canonicalJson(make('full')).toLowerCase()
    expect(full).toContain(address)
    expect([...absolute].filter((amount) => full.includes(amount)).length).toBeGreaterThan(10)
  })
})

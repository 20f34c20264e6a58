import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { computeAccountData } from './accountData'
import type { Hex, PortfolioSnapshot } from './snapshot'
import {
  FIXTURE_RESERVES,
  FIXTURE_SYMBOLS,
  type FixturePosition,
  type FixtureSymbol,
  fixturePrice,
  snapshotFixture,
  withPrices,
} from './testing/snapshotFixture'
import { MAX_UINT256, WAD } from './wadRayMath'

// Properties of the exact (chain-rounded) account math. Each asset plays one role so that "a
// collateral price" and "a debt price" are unambiguous; revisions cover both HF formulas.

type Role = 'none' | 'collateral' | 'supplyOnly' | 'debt'
type Draw = {
  roles: Role[]
  usd: number[]
  priceMoves: number[]
  eMode: boolean
  poolRevision: number
  elapsed: number
  rates: number[]
}

const draw: fc.Arbitrary<Draw> = fc
  .record({
    roles: fc.array(fc.constantFrom<Role>('none', 'collateral', 'collateral', 'supplyOnly', 'debt'), {
      minLength: 7,
      maxLength: 7,
    }),
    usd: fc.array(fc.double({ min: 0.01, max: 3_000_000, noNaN: true }), { minLength: 7, maxLength: 7 }),
    priceMoves: fc.array(fc.double({ min: 0.2, max: 5, noNaN: true }), { minLength: 7, maxLength: 7 }),
    eMode: fc.boolean(),
    poolRevision: fc.constantFrom(1, 4, 5, 6, 7, 8, 9),
    elapsed: fc.integer({ min: 0, max: 400 * 86_400 }),
    rates: fc.array(fc.double({ min: 0, max: 0.5, noNaN: true }), { minLength: 7, maxLength: 7 }),
  })
  .filter((d) => d.roles.includes('collateral') && d.roles.includes('debt'))

const NOW = 1_800_000_000

function build(d: Draw): PortfolioSnapshot {
  const prices: Partial<Record<FixtureSymbol, bigint>> = {}
  const positions: Partial<Record<FixtureSymbol, FixturePosition>> = {}
  const reserveOverrides: Parameters<typeof snapshotFixture>[0] extends infer O
    ? O extends { reserveOverrides?: infer R }
      ? NonNullable<R>
      : never
    : never = {}
  FIXTURE_SYMBOLS.forEach((s, i) => {
    const price =
      (fixturePrice(FIXTURE_RESERVES[s].price) * BigInt(Math.round((d.priceMoves[i] ?? 1) * 1e6))) / 1_000_000n
    prices[s] = price > 0n ? price : 1n
    const cents = BigInt(Math.round((d.usd[i] ?? 1) * 100))
    const amount = (cents * 10n ** BigInt(FIXTURE_RESERVES[s].decimals) * 1_000_000n) / (prices[s] as bigint)
    const role = d.roles[i]
    if (role === 'collateral') positions[s] = { supplied: amount, collateral: true }
    if (role === 'supplyOnly') positions[s] = { supplied: amount, collateral: false }
    if (role === 'debt') positions[s] = { borrowed: amount }
    const rate = BigInt(Math.round((d.rates[i] ?? 0) * 1e9)) * 10n ** 18n
    reserveOverrides[s] = { lastUpdateTimestamp: NOW - d.elapsed, liquidityRate: rate / 2n, variableBorrowRate: rate }
  })
  return snapshotFixture({
    blockTimestamp: NOW,
    prices,
    positions,
    reserveOverrides,
    eMode: d.eMode ? 1 : 0,
    poolRevision: d.poolRevision,
  })
}

const roleOf = (d: Draw, symbol: FixtureSymbol) => d.roles[FIXTURE_SYMBOLS.indexOf(symbol)]
const priceOf = (s: PortfolioSnapshot, symbol: FixtureSymbol) =>
  s.reserves.find((r) => r.symbol === symbol)?.priceBase as bigint
const truncatesAverageLt = (s: PortfolioSnapshot) => s.revision.poolRevision < 8

/**
 * Up to v3.4 HF = percentMul(C, ⌊W/C⌋) / D: raising a collateral whose LT is below the average can
 * drop ⌊W/C⌋ by one and HF with it. The loss is bounded by C/10⁴ in the numerator:
 * HF − HF′ ≤ (C + 10⁴) · WAD / (10⁴ · D) + 2.
 */
function withinTruncationLoss(before: ReturnType<typeof computeAccountData>, after: bigint) {
  if (after >= before.healthFactor) return true
  const d = before.totalDebtBase
  return (before.healthFactor - after) * 10_000n * d <= (before.totalCollateralBase + 10_000n) * WAD + 2n * 10_000n * d
}

const symbol = fc.constantFrom(...FIXTURE_SYMBOLS)
/** A price rise: a few base units (where truncation effects live) or up to ×10. */
const factor = fc.oneof(
  fc.integer({ min: 1, max: 5_000 }).map((units) => ({ units })),
  fc.double({ min: 1.000001, max: 10, noNaN: true }).map((f) => ({ f })),
)
const raise = (price: bigint, by: { units: number } | { f: number }) =>
  'units' in by ? price + BigInt(by.units) : price + (price * BigInt(Math.round((by.f - 1) * 1e6))) / 1_000_000n + 1n

describe('health factor properties', () => {
  test('HF never rises when a debt asset gets dearer (every revision)', () => {
    fc.assert(
      fc.property(draw, symbol, factor, (d, k, f) => {
        fc.pre(roleOf(d, k) === 'debt')
        const s = build(d)
        const before = computeAccountData(s).healthFactor
        const after = computeAccountData(withPrices(s, { [k]: raise(priceOf(s, k), f) })).healthFactor
        expect(after).toBeLessThanOrEqual(before)
      }),
      { numRuns: 300 },
    )
  })

  test('HF never falls when a collateral gets dearer: exactly from v3.5, and up to v3.4 whenever its LT ≥ the average', () => {
    fc.assert(
      fc.property(draw, symbol, factor, (d, k, f) => {
        fc.pre(roleOf(d, k) === 'collateral')
        const s = build(d)
        const a = computeAccountData(s)
        const after = computeAccountData(withPrices(s, { [k]: raise(priceOf(s, k), f) })).healthFactor
        const position = a.positions.find((p) => p.reserve.symbol === k)
        const ltAtLeastAverage =
          position !== undefined &&
          position.liquidationThreshold * a.totalCollateralBase >=
            a.positions.reduce((w, p) => w + p.collateralBase * p.liquidationThreshold, 0n)
        if (!truncatesAverageLt(s) || ltAtLeastAverage) expect(after).toBeGreaterThanOrEqual(a.healthFactor)
        else expect(withinTruncationLoss(a, after)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  test('a repay (less borrowed) never lowers HF', () => {
    fc.assert(
      fc.property(draw, symbol, fc.double({ min: 0, max: 1, noNaN: true }), (d, k, keep) => {
        fc.pre(roleOf(d, k) === 'debt')
        const s = build(d)
        const before = computeAccountData(s).healthFactor
        const repaid: PortfolioSnapshot = {
          ...s,
          user: {
            ...s.user,
            reserves: s.user.reserves.map((u) =>
              u.asset === (s.reserves.find((r) => r.symbol === k)?.asset as Hex)
                ? { ...u, scaledVariableDebt: (u.scaledVariableDebt * BigInt(Math.floor(keep * 1e6))) / 1_000_000n }
                : u,
            ),
          },
        }
        expect(computeAccountData(repaid).healthFactor).toBeGreaterThanOrEqual(before)
      }),
      { numRuns: 300 },
    )
  })

  test('a supply never lowers HF (exactly from v3.5; up to v3.4 within the LT-truncation bound, exactly when its LT ≥ the average)', () => {
    fc.assert(
      fc.property(draw, symbol, fc.bigInt({ min: 1n, max: 10n ** 24n }), (d, k, added) => {
        fc.pre(roleOf(d, k) !== 'debt')
        const s = build(d)
        const a = computeAccountData(s)
        const asset = s.reserves.find((r) => r.symbol === k)?.asset as Hex
        const existing = s.user.reserves.find((u) => u.asset === asset)
        const supplied: PortfolioSnapshot = {
          ...s,
          user: {
            ...s.user,
            reserves: existing
              ? s.user.reserves.map((u) =>
                  u === existing ? { ...u, scaledATokenBalance: u.scaledATokenBalance + added } : u,
                )
              : [
                  ...s.user.reserves,
                  {
                    asset,
                    scaledATokenBalance: added,
                    usageAsCollateralEnabledOnUser: true,
                    scaledVariableDebt: 0n,
                    principalStableDebt: 0n,
                    stableBorrowRate: 0n,
                    stableBorrowLastUpdateTimestamp: 0,
                  },
                ],
          },
        }
        const after = computeAccountData(supplied)
        const position = after.positions.find((p) => p.reserve.symbol === k)
        const ltAtLeastAverage =
          position !== undefined &&
          position.liquidationThreshold * a.totalCollateralBase >=
            a.positions.reduce((w, p) => w + p.collateralBase * p.liquidationThreshold, 0n)
        if (!truncatesAverageLt(s) || ltAtLeastAverage)
          expect(after.healthFactor).toBeGreaterThanOrEqual(a.healthFactor)
        else expect(withinTruncationLoss(a, after.healthFactor)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  test('up to v3.4 the truncated average LT really does make HF dip when a lower-LT collateral rises', () => {
    // 10 WETH (LT 82.5 %) and 100 LINK (LT 68 %) against 10,000 USDC: step LINK up a cent at a time.
    const s = snapshotFixture({
      prices: { WETH: 2000, LINK: 1 },
      positions: { WETH: { supplied: 10 }, LINK: { supplied: 100 }, USDC: { borrowed: 10_000 } },
    })
    let dips = 0
    let previous = computeAccountData(s).healthFactor
    for (let cents = 101; cents <= 3_000; cents++) {
      const hf = computeAccountData(withPrices(s, { LINK: BigInt(cents) * 1_000_000n })).healthFactor
      if (hf < previous) dips++
      previous = hf
    }
    expect(dips).toBeGreaterThan(0)
    // The v3.5 formula has no such dips.
    const s35 = { ...s, revision: { poolRevision: 8, version: '3.3' as const } }
    previous = computeAccountData(s35).healthFactor
    for (let cents = 101; cents <= 3_000; cents++) {
      const hf = computeAccountData(withPrices(s35, { LINK: BigInt(cents) * 1_000_000n })).healthFactor
      expect(hf).toBeGreaterThanOrEqual(previous)
      previous = hf
    }
  })

  test('price overrides equal a snapshot with those prices, and HF is MAX_UINT256 exactly when there is no debt', () => {
    fc.assert(
      fc.property(draw, symbol, factor, (d, k, f) => {
        const s = build(d)
        const price = raise(priceOf(s, k), f)
        const asset = s.reserves.find((r) => r.symbol === k)?.asset as Hex
        const viaOverride = computeAccountData(s, new Map([[asset, price]]))
        const viaSnapshot = computeAccountData(withPrices(s, { [k]: price }))
        expect(viaOverride.healthFactor).toBe(viaSnapshot.healthFactor)
        expect(viaOverride.totalCollateralBase).toBe(viaSnapshot.totalCollateralBase)
        expect(viaSnapshot.healthFactor === MAX_UINT256).toBe(viaSnapshot.totalDebtBase === 0n)
      }),
      { numRuns: 200 },
    )
  })
})

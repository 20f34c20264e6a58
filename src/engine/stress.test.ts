import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { computeAccountData } from './accountData'
import { healthFactorTerms, totalsAt } from './healthFactorTerms'
import { liquidationPrices } from './liquidationPrice'
import type { PortfolioSnapshot } from './snapshot'
import { stressCurve, stressGrid, stressTest } from './stress'
import { accountArbitrary } from './testing/accountArbitrary'
import { type FixtureSymbol, fixtureAmount, snapshotFixture } from './testing/snapshotFixture'
import { MAX_UINT256 } from './wadRayMath'

describe('stress grid', () => {
  test('201 points from −60 % to +60 %, 0.6 % apart, centred on no shock', () => {
    const g = stressGrid()
    expect(g.shocks.length).toBe(201)
    expect(g.shocks[0]).toBeCloseTo(-0.6, 12)
    expect(g.shocks[100]).toBe(0)
    expect(g.shocks[200]).toBeCloseTo(0.6, 12)
    expect((g.shocks[1] as number) - (g.shocks[0] as number)).toBeCloseTo(0.006, 12)
    expect(g.num[100]).toBe(g.den)
  })
})

/** Every curve of the report against the exact bigint HF (GenericLogic) at every grid point. */
function expectCurvesExact(s: PortfolioSnapshot) {
  const t = healthFactorTerms(s)
  const grid = stressGrid()
  const report = stressTest(s)
  for (const curve of report.curves) {
    const shocked = curve.assets.map((a) => t.assets.indexOf(a))
    // Float64 drops each position's floor (≤ 1 base unit) and may misplace a price floor (≤ amount / unit units).
    let slack = t.assets.length + 2
    for (const i of shocked)
      slack += Number(t.collateralAmount[i]) / Number(t.unit[i]) + Number(t.debtAmount[i]) / Number(t.unit[i])
    grid.num.forEach((num, g) => {
      const exact = totalsAt(t, (i) => (shocked.includes(i) ? ((t.price[i] as bigint) * num) / grid.den : undefined))
      const got = curve.healthFactor[g] as number
      if (exact.healthFactor === MAX_UINT256) {
        expect(got).toBe(Number.POSITIVE_INFINITY)
        return
      }
      const want = Number(exact.healthFactor) / 1e18
      const scale = Math.min(Number(exact.collateral) || 1, Number(exact.debt))
      const tolerance = want * ((4 * slack) / scale + 1e-12) + 1e-15
      expect(Math.abs(got - want), `${curve.label} at shock ${grid.shocks[g]}: ${got} vs ${want}`).toBeLessThanOrEqual(
        tolerance,
      )
    })
  }
}

describe('stress curves', () => {
  test('a curve per volatile asset plus one for all of them; stablecoins are not shocked', () => {
    const s = snapshotFixture({
      positions: { WETH: { supplied: 10 }, WBTC: { supplied: '0.5' }, USDC: { supplied: 5_000, borrowed: 40_000 } },
    })
    const r = stressTest(s)
    expect(r.curves.map((c) => c.label)).toEqual(['WETH', 'WBTC', 'all'])
    expect(r.curves[2]?.assets.length).toBe(2)
    for (const c of r.curves) {
      expect(c.healthFactor.length).toBe(201)
      // No shock: today's HF.
      expect(c.healthFactor[100]).toBeCloseTo(Number(computeAccountData(s).healthFactor) / 1e18, 12)
    }
  })

  test('the float64 curves equal the exact bigint HF at every grid point (random accounts)', () => {
    fc.assert(fc.property(accountArbitrary, expectCurvesExact), { numRuns: 150 })
  })

  test('one collateral LT: the average LT truncation is exact even where float64 would land just under it', () => {
    // A single collateral makes LT̄ exactly 8250 at every point: computing Σ c·LT / Σ c in float64 can give 8249.999….
    // 7.28386950747 WETH at $3000 is worth 2,185,160,852,241 base units, where (8250 · c) / c = 8249.999… in float64.
    const trap = 2_185_160_852_241
    expect(Math.floor((8250 * trap) / trap)).toBe(8249)
    for (const supplied of [7_283_869_507_470_000_000n, '10', '7.123456789', '0.3', '1234.5678']) {
      const s = snapshotFixture({ positions: { WETH: { supplied }, USDC: { borrowed: 1_000 } } })
      expectCurvesExact(s)
      const t = healthFactorTerms(s)
      const curve = stressCurve(t, [0], stressGrid())
      const grid = stressGrid()
      // Without the exact LT the float and bigint HF differ by ~1/8250 relative, far above this tolerance.
      grid.num.forEach((num, g) => {
        const exact = Number(
          totalsAt(t, (i) => (i === 0 ? ((t.price[0] as bigint) * num) / grid.den : undefined)).healthFactor,
        )
        expect(Math.abs((curve[g] as number) - exact / 1e18) / (exact / 1e18)).toBeLessThan(1e-9)
      })
    }
  })

  test('a long volatile collateral against stablecoin debt: HF rises with the price', () => {
    const volatile: FixtureSymbol[] = ['WETH', 'WBTC', 'LINK', 'CRV']
    fc.assert(
      fc.property(
        fc.constantFrom(...volatile),
        fc.double({ min: 100, max: 1e6, noNaN: true }),
        fc.double({ min: 0.1, max: 1.5, noNaN: true }),
        fc.constantFrom<FixtureSymbol>('USDC', 'DAI', 'USDT'),
        (collateral, usd, leverage, debt) => {
          const s = snapshotFixture({
            positions: {
              [collateral]: { supplied: fixtureAmount(collateral, (usd / 1000).toFixed(6)) },
              [debt]: { borrowed: fixtureAmount(debt, (usd * 0.5 * leverage).toFixed(2)) },
            },
          })
          for (const c of stressTest(s).curves)
            for (let g = 1; g < c.healthFactor.length; g++)
              expect(c.healthFactor[g] as number).toBeGreaterThanOrEqual(c.healthFactor[g - 1] as number)
        },
      ),
      { numRuns: 200 },
    )
  })

  test('several long collaterals against stablecoin debt: HF never falls by more than GenericLogic’s 1 bp LT truncation', () => {
    fc.assert(
      fc.property(accountArbitrary, (random) => {
        // Keep the random collaterals, replace every debt with USDC: a pure long account.
        const s: PortfolioSnapshot = {
          ...random,
          user: {
            ...random.user,
            reserves: random.user.reserves.map((u) =>
              u.asset === random.reserves.find((r) => r.symbol === 'USDC')?.asset
                ? { ...u, scaledVariableDebt: u.scaledVariableDebt + 10n ** 9n }
                : { ...u, scaledVariableDebt: 0n, principalStableDebt: 0n },
            ),
          },
        }
        // A rising price can lower the truncated average LT by one basis point: a relative drop of 1 / LT̄ at most.
        const t = healthFactorTerms(s)
        const lts = t.liquidationThreshold.filter((_, i) => (t.collateralAmount[i] as bigint) > 0n).map(Number)
        const ltMin = Math.min(...lts)
        for (const c of stressTest(s).curves)
          for (let g = 1; g < c.healthFactor.length; g++)
            expect(c.healthFactor[g] as number).toBeGreaterThanOrEqual(
              (c.healthFactor[g - 1] as number) * (1 - 1.0001 / ltMin),
            )
      }),
      { numRuns: 150 },
    )
  })

  test('each curve crosses 1 at the exact liquidation price / correlated factor, and the grid agrees', () => {
    const s = snapshotFixture({
      positions: { WETH: { supplied: 10 }, WBTC: { supplied: '0.5' }, USDC: { borrowed: 50_000 } },
    })
    const r = stressTest(s)
    const prices = liquidationPrices(s)
    const weth = prices.assets[0]
    if (!weth || weth.liquidationPriceBase === null) throw new Error('no WETH price')
    const wethCurve = r.curves[0]
    expect(wethCurve?.crossingShock).toBe(weth.distanceFraction)
    const all = r.curves.find((c) => c.label === 'all')
    if (prices.correlated.factor === null || !all) throw new Error('no correlated price')
    expect(all.crossingShock).toBe(prices.correlated.shock)
    for (const c of r.curves) {
      const x = c.crossingShock
      if (x === null) continue
      r.shocks.forEach((shock, g) => {
        const hf = c.healthFactor[g] as number
        if (shock < x - 1e-9) expect(hf).toBeLessThan(1)
        if (shock > x + 1e-9) expect(hf).toBeGreaterThanOrEqual(1)
      })
    }
  })

  test('a crossing beyond ±60 % is not in the grid but still reported as the boundary', () => {
    const s = snapshotFixture({ positions: { WETH: { supplied: 10 }, USDC: { borrowed: 5_000 } } })
    const c = stressTest(s).curves[0]
    expect(c?.crossingShock).toBeNull()
    expect(c?.boundaryShock).toBeLessThan(-0.6)
    expect(Math.min(...(c?.healthFactor ?? []))).toBeGreaterThan(1)
  })

  test('without debt every point is Infinity; without volatile assets there is no curve', () => {
    const free = stressTest(snapshotFixture({ positions: { WETH: { supplied: 1 } } }))
    expect([...(free.curves[0]?.healthFactor ?? [])].every((x) => x === Number.POSITIVE_INFINITY)).toBe(true)
    expect(
      stressTest(snapshotFixture({ positions: { USDC: { supplied: 100 }, DAI: { borrowed: 50 } } })).curves,
    ).toEqual([])
  })
})

import { describe, expect, test } from 'vitest'
import { computeAccountData } from './accountData'
import { accountStatus, evaluate } from './evaluate'
import { DEFAULT_RISK_SETTINGS, resolveRiskSettings } from './settings'
import { fixtureAddress, snapshotFixture, withPrices } from './testing/snapshotFixture'
import { MAX_UINT256, WAD } from './wadRayMath'

const options = { now: 1_750_000_000, seed: 7 }
const leveraged = snapshotFixture({
  positions: {
    WETH: { supplied: 10 },
    WBTC: { supplied: '0.01' },
    USDC: { borrowed: 14_000 },
    DAI: { borrowed: 2_000 },
  },
  prices: { WETH: 2000 },
})

describe('evaluate', () => {
  test('account data equals computeAccountData (GenericLogic) on the same snapshot', () => {
    const report = evaluate(leveraged, {}, options)
    const expected = computeAccountData(leveraged)
    expect(report.accountData).toEqual({
      totalCollateralBase: expected.totalCollateralBase,
      totalDebtBase: expected.totalDebtBase,
      availableBorrowsBase: expected.availableBorrowsBase,
      currentLiquidationThreshold: expected.currentLiquidationThreshold,
      ltv: expected.ltv,
      healthFactorWad: expected.healthFactor,
    })
    expect(report.block).toEqual({ number: leveraged.blockNumber, timestamp: leveraged.blockTimestamp })
    expect(report.account).toBe(leveraged.user.address)
  })

  test('one asset row per position in reserve-id order, with accrued balances and values', () => {
    const report = evaluate(leveraged, {}, options)
    expect(report.assets.map((a) => a.symbol)).toEqual(['WETH', 'WBTC', 'USDC', 'DAI'])
    const weth = report.assets[0]
    expect(weth).toMatchObject({
      address: fixtureAddress('WETH'),
      priceBase: 2000n * 10n ** 8n,
      supplied: 10n * WAD,
      borrowed: 0n,
      collateralBase: 20_000n * 10n ** 8n,
      countsAsCollateral: true,
      liquidationThreshold: 8250n,
    })
    expect(report.assets[2]).toMatchObject({ borrowed: 14_000n * 10n ** 6n, debtBase: 14_000n * 10n ** 8n })
  })

  test('each asset row carries its exact liquidation price, or the reason it has none', () => {
    const report = evaluate(leveraged, {}, options)
    const weth = report.assets[0]
    if (weth?.liquidation.priceBase == null) throw new Error('WETH should have a liquidation price')
    const { priceBase, step, direction, distanceFraction } = weth.liquidation
    expect(direction).toBe('down')
    expect(distanceFraction).toBeLessThan(0)
    const hfAt = (price: bigint) => computeAccountData(leveraged, new Map([[weth.address, price]])).healthFactor
    // Issue 4: one step past it on the liquidating side HF < 1, one step on the other side HF ≥ 1.
    expect(hfAt(priceBase - step)).toBeLessThan(WAD)
    expect(hfAt(priceBase + step)).toBeGreaterThanOrEqual(WAD)
    // A stablecoin debt: rising would liquidate; falling to zero never does, so it has a price too.
    expect(report.assets[2]?.liquidation).toMatchObject({ direction: 'up' })
    const supplyOnly = evaluate(snapshotFixture({ positions: { WETH: { supplied: 1 } } }), {}, options)
    expect(supplyOnly.assets[0]?.liquidation).toEqual({ priceBase: null, reason: 'no-debt' })
  })

  test('stress curves: one per volatile asset and one for all together, on the settings grid', () => {
    const report = evaluate(leveraged, {}, options)
    expect(report.stress.curves.map((c) => c.label)).toEqual(['WETH', 'WBTC', 'all'])
    expect(report.stress.shocks).toHaveLength(201)
    expect(report.stress.shocks[100]).toBe(0)
    const all = report.stress.curves[2]
    expect(all?.healthFactor).toHaveLength(201)
    expect(all?.healthFactor[100]).toBeCloseTo(Number(report.accountData.healthFactorWad) / 1e18, 9)
    expect(all?.crossingShock).toBe(
      report.correlatedLiquidation.factor === null ? null : report.correlatedLiquidation.shock,
    )
    const coarse = evaluate(leveraged, { stressPoints: 25, stressMaxShockBps: 3_000n }, options)
    expect(coarse.stress.shocks).toHaveLength(25)
    expect(coarse.stress.shocks[0]).toBeCloseTo(-0.3, 12)
  })

  test('the cost of being liquidated is priced one step past the correlated liquidation point', () => {
    const cost = evaluate(leveraged, {}, options).liquidationCost
    if (cost.scenario === null) throw new Error(cost.reason)
    expect(cost.scenario).toBe('correlated')
    expect(cost.healthFactor).toBeLessThan(WAD)
    expect(cost.best?.userLossBase).toBeGreaterThan(0n)
  })

  test('proposals aim at the target HF, at most maxProposals of them, none when switched off', () => {
    const funded = snapshotFixture({
      positions: { WETH: { supplied: 10 }, USDC: { borrowed: 14_000 } },
      prices: { WETH: 2000 },
      walletBalances: { USDC: 10_000, DAI: 20_000 },
    })
    const target = 16n * 10n ** 17n
    const report = evaluate(funded, { targetHealthFactorWad: target }, options)
    expect(report.proposals.map((p) => p.kind)).toEqual(expect.arrayContaining(['repay', 'addCollateral']))
    for (const p of report.proposals) {
      expect(p.reachesTarget).toBe(true)
      expect(p.predicted.healthFactorWad).toBeGreaterThanOrEqual(target)
      // Each is compared with what being liquidated would cost.
      expect(p.cost.liquidationLossBase).toBeGreaterThan(0n)
    }
    expect(evaluate(funded, { maxProposals: 1 }, options).proposals).toHaveLength(1)
    expect(evaluate(funded, { maxProposals: 0 }, options).proposals).toEqual([])
    expect(report.notes).toEqual(['proposals: no swap router given, so no deleverage or rotation proposals'])
  })

  test('echoes the resolved settings, the time and the seed it was given', () => {
    const target = 2n * WAD
    const report = evaluate(leveraged, { targetHealthFactorWad: target }, options)
    expect(report.settings).toEqual({ ...DEFAULT_RISK_SETTINGS, targetHealthFactorWad: target })
    expect(report.evaluatedAt).toBe(options.now)
    expect(report.seed).toBe(options.seed)
  })

  test('is deterministic: the same input and seed give an equal report', () => {
    expect(evaluate(leveraged, {}, options)).toEqual(evaluate(leveraged, {}, options))
  })

  test('status follows the health factor: safe, warning, liquidatable, no debt', () => {
    expect(evaluate(leveraged, {}, options).status).toBe('warning') // HF ≈ 1.075
    expect(evaluate(leveraged, { warningHealthFactorWad: WAD }, options).status).toBe('safe')
    expect(evaluate(withPrices(leveraged, { WETH: 1500 }), {}, options).status).toBe('liquidatable')
    const supplyOnly = snapshotFixture({ positions: { WETH: { supplied: 1 } } })
    const report = evaluate(supplyOnly, {}, options)
    expect(report.status).toBe('no-debt')
    expect(report.accountData.healthFactorWad).toBe(MAX_UINT256)
  })

  test('rejects settings it cannot honour instead of reporting on them', () => {
    expect(() => evaluate(leveraged, { targetHealthFactorWad: WAD }, options)).toThrow(RangeError)
    expect(() => evaluate(leveraged, { stressPoints: 200 }, options)).toThrow(RangeError)
    expect(() => evaluate(leveraged, { maxSlippageBps: 10_000n }, options)).toThrow(RangeError)
  })
})

describe('accountStatus', () => {
  test('HF exactly 1 is not liquidatable (Aave liquidates below 1) and exactly the warning line is safe', () => {
    expect(accountStatus(WAD, DEFAULT_RISK_SETTINGS.warningHealthFactorWad)).toBe('warning')
    expect(accountStatus(WAD - 1n, DEFAULT_RISK_SETTINGS.warningHealthFactorWad)).toBe('liquidatable')
    expect(
      accountStatus(DEFAULT_RISK_SETTINGS.warningHealthFactorWad, DEFAULT_RISK_SETTINGS.warningHealthFactorWad),
    ).toBe('safe')
  })
})

describe('resolveRiskSettings', () => {
  test('defaults: target HF 1.5, a 201-point ±60 % grid', () => {
    const s = resolveRiskSettings()
    expect(s.targetHealthFactorWad).toBe(1_500_000_000_000_000_000n)
    expect(s.stressPoints).toBe(201)
    expect(s.stressMaxShockBps).toBe(6_000n)
  })
})

import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { accountDataOf, computeAccountData } from './accountData'
import { healthFactorAt, healthFactorTerms, priceStep } from './healthFactorTerms'
import { userPositions } from './positions'
import type { Hex } from './snapshot'
import { accountArbitrary } from './testing/accountArbitrary'
import { snapshotFixture } from './testing/snapshotFixture'

describe('healthFactorTerms', () => {
  test('the terms rebuild the account data of GenericLogic at the snapshot prices', () => {
    fc.assert(
      fc.property(accountArbitrary, (s) => {
        const t = healthFactorTerms(s)
        const data = computeAccountData(s)
        expect(t.healthFactor).toBe(data.healthFactor)
        expect(t.totalCollateral).toBe(data.totalCollateralBase)
        expect(t.totalDebt).toBe(data.totalDebtBase)
        expect(healthFactorAt(t, () => undefined)).toBe(data.healthFactor)
      }),
      { numRuns: 300 },
    )
  })

  test('HF at any other prices equals accountDataOf with the same price overrides, to the wei', () => {
    fc.assert(
      fc.property(
        accountArbitrary,
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 14n }), { minLength: 7, maxLength: 7 }),
        (s, raw) => {
          const t = healthFactorTerms(s)
          const overrides = new Map<Hex, bigint>()
          t.assets.forEach((a, i) => {
            if (i % 2 === 0) overrides.set(a, raw[i] as bigint)
          })
          const expected = accountDataOf(s, userPositions(s), overrides).healthFactor
          expect(healthFactorAt(t, (i) => overrides.get(t.assets[i] as Hex))).toBe(expected)
        },
      ),
      { numRuns: 300 },
    )
  })

  test('a price step is one oracle unit for a whole token or more, ⌈unit / holding⌉ below one token', () => {
    const s = snapshotFixture({
      positions: { WETH: { supplied: 3 }, WBTC: { supplied: '0.003' }, USDC: { borrowed: '0.5' } },
    })
    const t = healthFactorTerms(s)
    expect(t.symbols).toEqual(['WETH', 'WBTC', 'USDC'])
    expect(priceStep(t, 0)).toBe(1n)
    // 0.003 WBTC = 300,000 units of 1e8: ⌈1e8 / 3e5⌉ = 334 oracle units move its value by ≥ 1 base unit.
    expect(priceStep(t, 1)).toBe(334n)
    expect(priceStep(t, 2)).toBe(2n)
  })
})

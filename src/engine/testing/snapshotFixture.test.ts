import { describe, expect, test } from 'vitest'
import { computeAccountData } from '../accountData'
import { WAD } from '../wadRayMath'
import { reserveOf, snapshotFixture, withPrices } from './snapshotFixture'

describe('snapshotFixture', () => {
  test('a 10 WETH / 14,000 USDC account at $2000 has the health factor KNOWN.md measured on the devnet', () => {
    const s = snapshotFixture({
      positions: { WETH: { supplied: 10 }, USDC: { borrowed: 14_000 } },
      prices: { WETH: 2000 },
    })
    const a = computeAccountData(s)
    expect(a.totalCollateralBase).toBe(20_000n * 10n ** 8n)
    expect(a.totalDebtBase).toBe(14_000n * 10n ** 8n)
    // 20,000 × 0.825 / 14,000 = 1.178571…
    expect(a.healthFactor).toBe((16_500n * WAD * 10n ** 8n + 7_000n * 10n ** 8n) / (14_000n * 10n ** 8n))
    expect(Number(computeAccountData(withPrices(s, { WETH: 1600 })).healthFactor) / 1e18).toBeCloseTo(0.9429, 4)
  })

  test('reserves keep the devnet order as ids and the stablecoin e-mode bitmap covers USDC, DAI and USDT', () => {
    const s = snapshotFixture({ reserves: ['WETH', 'USDC', 'DAI'] })
    expect(s.reserves.map((r) => r.id)).toEqual([0, 1, 2])
    expect(s.eModes[0]?.collateralBitmap).toBe(0b110n)
    expect(reserveOf(s, 'DAI').decimals).toBe(18)
    expect(() => reserveOf(s, 'WBTC')).toThrow()
  })

  test('amounts accept whole tokens and raw units; the collateral flag follows supply unless set', () => {
    const s = snapshotFixture({
      positions: { WBTC: { supplied: '0.5' }, USDC: { supplied: 1_000_000n, collateral: false }, DAI: { borrowed: 1 } },
    })
    const [wbtc, usdc, dai] = s.user.reserves
    expect(wbtc?.scaledATokenBalance).toBe(50_000_000n)
    expect(wbtc?.usageAsCollateralEnabledOnUser).toBe(true)
    expect(usdc?.usageAsCollateralEnabledOnUser).toBe(false)
    expect(dai?.usageAsCollateralEnabledOnUser).toBe(false)
    expect(dai?.scaledVariableDebt).toBe(WAD)
  })
})

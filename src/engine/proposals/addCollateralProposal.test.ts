import { describe, expect, test } from 'vitest'
import { computeAccountData } from '../accountData'
import { reserveOf, snapshotFixture } from '../testing/snapshotFixture'
import { addCollateralProposal } from './addCollateralProposal'
import { applyActions } from './applyActions'
import { resolveProposalInputs } from './proposalInputs'
import { nearLiquidationFixture, defaultProposalSettings as settings, traderFixture } from './testing/demoAccounts'

const propose = (s: ReturnType<typeof snapshotFixture>, symbol: 'WETH' | 'USDC' | 'DAI' | 'CRV' | 'LINK') =>
  addCollateralProposal(resolveProposalInputs(s, settings), reserveOf(s, symbol))

describe('addCollateralProposal', () => {
  test('a stablecoin counts as collateral at its own LT; the wallet caps it and the reason says so', () => {
    const s = traderFixture()
    const p = propose(s, 'USDC')
    expect(p?.reachesTarget).toBe(false)
    expect(p?.amounts[0]?.amount).toBe(8_000n * 10n ** 6n)
    expect(p?.steps.map((x) => x.type)).toEqual(['approve', 'supply'])
    expect(p?.steps[0]).toMatchObject({ spender: s.market.pool, amount: 8_000n * 10n ** 6n })
    expect(p?.reason).toMatch(/Your wallet holds 8,000 USDC: supplying all of it reaches HF 1\.48/)
    const replay = computeAccountData(applyActions(s, p?.actions ?? [], p?.executionTimestamp ?? 0))
    expect(p?.predicted.healthFactorWad).toBe(replay.healthFactor)
  })

  test('supplies the smallest amount that reaches the target when the wallet allows', () => {
    const s = nearLiquidationFixture({ walletBalances: { WETH: 20 } })
    const p = propose(s, 'WETH')
    const amount = p?.amounts[0]?.amount as bigint
    expect(p?.reachesTarget).toBe(true)
    const hf = (x: bigint) =>
      computeAccountData(
        applyActions(s, [{ type: 'supply', asset: reserveOf(s, 'WETH').asset, amount: x }], p?.executionTimestamp ?? 0),
      ).healthFactor
    const aim = settings.targetHealthFactorWad + settings.targetHealthFactorWad / 10_000n
    expect(hf(amount)).toBeGreaterThanOrEqual(aim)
    expect(hf(amount - amount / 1_000_000n)).toBeLessThan(aim)
    // 23.5k × 1.5 / 0.825 / 3000 − 10 ≈ 4.24 WETH
    expect(Number(amount) / 1e18).toBeCloseTo(4.24, 1)
  })

  test('in e-mode a stablecoin counts at the category LT (95 %)', () => {
    const base = {
      positions: { USDC: { supplied: 100_000 }, DAI: { borrowed: 85_000 } },
      walletBalances: { USDT: 50_000 },
    }
    const usdt = (eMode: number) => {
      const s = snapshotFixture({ ...base, eMode })
      return addCollateralProposal(resolveProposalInputs(s, settings), reserveOf(s, 'USDT'))
    }
    const e = usdt(1)
    const plain = usdt(0)
    expect(e?.reachesTarget).toBe(true)
    expect(plain?.reachesTarget).toBe(false)
    // (100k + x) · 0.95 = 1.50015 · 85k (the target plus its 10⁻⁴ cushion) → x ≈ 34,223.95
    expect(Number(e?.amounts[0]?.amount) / 1e6).toBeCloseTo(34_223.95, 1)
  })

  test('isolation mode: only the isolated collateral itself can be added', () => {
    const s = snapshotFixture({
      positions: { CRV: { supplied: 100_000 }, USDC: { borrowed: 18_000 } },
      walletBalances: { WETH: 5, CRV: 200_000 },
    })
    expect(propose(s, 'WETH')).toBeUndefined()
    const crv = propose(s, 'CRV')
    expect(crv?.reachesTarget).toBe(true)
    expect(crv?.notes.join(' ')).toMatch(/isolated collateral/)
  })

  test('an isolated asset is not enabled as collateral beside others', () => {
    const s = traderFixture({ walletBalances: { CRV: 1_000_000 } })
    expect(propose(s, 'CRV')).toBeUndefined()
  })

  test('frozen or paused reserves and a full supply cap propose nothing; a near-full cap limits the amount', () => {
    expect(propose(traderFixture({ reserveOverrides: { USDC: { isFrozen: true } } }), 'USDC')).toBeUndefined()
    expect(propose(traderFixture({ reserveOverrides: { USDC: { isPaused: true } } }), 'USDC')).toBeUndefined()
    const full = { supplyCap: 1_000_000n, availableLiquidity: 1_000_000n * 10n ** 6n }
    expect(propose(traderFixture({ reserveOverrides: { USDC: full } }), 'USDC')).toBeUndefined()
    const capped = propose(
      traderFixture({
        reserveOverrides: { USDC: { supplyCap: 1_000_000n, availableLiquidity: 995_000n * 10n ** 6n } },
      }),
      'USDC',
    )
    const room = 1_000_000n * 10n ** 6n - 100n * 10n ** 6n - 995_000n * 10n ** 6n // 0.01 % of the cap kept back
    expect(capped?.amounts[0]?.amount).toBe(room)
    expect(capped?.reason).toMatch(/supply cap/)
  })

  test('a supply whose collateral bit is off is turned on with setUserUseReserveAsCollateral', () => {
    const s = traderFixture({
      positions: {
        WETH: { supplied: 20 },
        USDC: { supplied: 1_000, collateral: false },
        DAI: { borrowed: 60_000 },
      },
    })
    const p = propose(s, 'USDC')
    expect(p?.steps.map((x) => x.type)).toEqual(['approve', 'supply', 'setCollateral'])
    expect(p?.notes.join(' ')).toMatch(/setUserUseReserveAsCollateral/)
    // The 1,000 USDC already supplied start counting too.
    const a = computeAccountData(applyActions(s, p?.actions ?? [], p?.executionTimestamp ?? 0))
    expect(a.positions.find((x) => x.reserve.symbol === 'USDC')?.countsAsCollateral).toBe(true)
  })
})

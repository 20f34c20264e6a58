import { describe, expect, test } from 'vitest'
import { computeAccountData } from '../accountData'
import { reserveOf } from '../testing/snapshotFixture'
import { MAX_UINT256 } from '../wadRayMath'
import { applyActions } from './applyActions'
import { resolveProposalInputs } from './proposalInputs'
import { repayProposal } from './repayProposal'
import { nearLiquidationFixture, defaultProposalSettings as settings, traderFixture } from './testing/demoAccounts'

describe('repayProposal', () => {
  test('repays the smallest amount of USDC that brings the trader to the target HF', () => {
    const s = traderFixture()
    const inputs = resolveProposalInputs(s, settings)
    const p = repayProposal(inputs, reserveOf(s, 'USDC'))
    expect(p?.reachesTarget).toBe(true)
    const amount = p?.amounts[0]?.amount as bigint
    const hf = (x: bigint) =>
      computeAccountData(
        applyActions(
          s,
          [{ type: 'repay', asset: reserveOf(s, 'USDC').asset, amount: x, interestRateMode: 2 }],
          inputs.executionTimestamp,
        ),
      ).healthFactor
    // Aimed 10⁻⁴ above the target, so interest until mining cannot leave it short.
    const aim = settings.targetHealthFactorWad + settings.targetHealthFactorWad / 10_000n
    expect(hf(amount)).toBeGreaterThanOrEqual(aim)
    expect(hf(amount - amount / 1_000_000n)).toBeLessThan(aim)
    expect(p?.predicted.healthFactorWad).toBe(hf(amount))
    // ≈ 5,000 USDC: 105k of weighted collateral / 1.5 = 70k of debt, from 75k plus interest.
    expect(Number(amount) / 1e6).toBeGreaterThan(5_000)
    expect(Number(amount) / 1e6).toBeLessThan(5_020)
    expect(p?.steps.map((x) => x.type)).toEqual(['approve', 'repay'])
    expect(p?.steps[0]).toMatchObject({ type: 'approve', spender: s.market.pool, amount })
    expect(p?.steps[1]).toMatchObject({ type: 'repay', amount, interestRateMode: 2, onBehalfOf: s.user.address })
    expect(p?.summary).toMatch(
      /^Repay 5,0\d\d\.\d+ USDC of your USDC debt from your wallet: health factor 1\.39 → 1\.50\.$/,
    )
    expect(p?.cost.lostYieldBase).toBeLessThan(0n) // interest no longer paid
  })

  test('stops at the wallet balance and says how far that gets', () => {
    const s = traderFixture()
    const p = repayProposal(resolveProposalInputs(s, settings), reserveOf(s, 'DAI'))
    expect(p?.reachesTarget).toBe(false)
    expect(p?.amounts[0]?.amount).toBe(3_000n * 10n ** 18n)
    expect(p?.reason).toMatch(
      /Your wallet holds 3,000 DAI: repaying all of it reaches HF 1\.45, short of the target 1\.50/,
    )
  })

  test('clears a whole debt with type(uint256).max, an approval covering interest until mining, reset to 0 after', () => {
    const s = nearLiquidationFixture({ walletBalances: { USDC: 30_000 } })
    const inputs = resolveProposalInputs(s, { ...settings, targetHealthFactorWad: MAX_UINT256 })
    const p = repayProposal(inputs, reserveOf(s, 'USDC'))
    const debt = computeAccountData(inputs.base).positions.find((x) => x.reserve.symbol === 'USDC')?.borrowed as bigint
    expect(p?.steps.map((x) => x.type)).toEqual(['approve', 'repay', 'approve'])
    expect(p?.steps[1]).toMatchObject({ amount: MAX_UINT256 })
    const approval = p?.steps[0]?.type === 'approve' ? p.steps[0].amount : 0n
    expect(approval).toBeGreaterThan(debt)
    expect(approval).toBeLessThanOrEqual(30_000n * 10n ** 6n)
    expect(p?.steps[2]).toMatchObject({ type: 'approve', amount: 0n })
    expect(p?.predicted.healthFactorWad).toBe(MAX_UINT256)
    expect(p?.amounts[0]?.amount).toBe(debt)
    expect(p?.notes.join(' ')).toMatch(/type\(uint256\)\.max/)
  })

  test('clears the debt rather than leave less than $1 of it', () => {
    const s = nearLiquidationFixture({
      positions: { WETH: { supplied: 10 }, USDC: { borrowed: 19_800 } },
      walletBalances: { USDC: 30_000 },
    })
    // HF 50,000 needs debt ≤ 8,250 × 0.825… / 50,000 ≈ $0.49: the dust rule repays it all instead.
    const inputs = resolveProposalInputs(s, { ...settings, targetHealthFactorWad: 50_000n * 10n ** 18n })
    const p = repayProposal(inputs, reserveOf(s, 'USDC'))
    expect(p?.steps[1]).toMatchObject({ amount: MAX_UINT256 })
    expect(p?.predicted.healthFactorWad).toBe(MAX_UINT256)
    const lower = resolveProposalInputs(s, { ...settings, targetHealthFactorWad: 5_000n * 10n ** 18n })
    expect(repayProposal(lower, reserveOf(s, 'USDC'))?.steps[1]).not.toMatchObject({ amount: MAX_UINT256 })
  })

  test('nothing to propose without the asset in the wallet', () => {
    const s = nearLiquidationFixture({ walletBalances: { USDC: 0 } })
    expect(repayProposal(resolveProposalInputs(s, settings), reserveOf(s, 'USDC'))).toBeUndefined()
  })
})

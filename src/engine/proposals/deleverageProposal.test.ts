import { describe, expect, test } from 'vitest'
import { computeAccountData } from '../accountData'
import { reserveOf } from '../testing/snapshotFixture'
import { WAD } from '../wadRayMath'
import { applyActions } from './applyActions'
import { deleverageProposal } from './deleverageProposal'
import { resolveProposalInputs } from './proposalInputs'
import {
  nearLiquidationFixture,
  SWAP_ROUTER,
  defaultProposalSettings as settings,
  traderFixture,
} from './testing/demoAccounts'

describe('deleverageProposal', () => {
  test('near liquidation: several rounds, each withdraw keeping HF ≥ 1.01 until its repay lands', () => {
    const s = nearLiquidationFixture()
    const inputs = resolveProposalInputs(s, settings, { swapRouter: SWAP_ROUTER })
    const p = deleverageProposal(inputs, reserveOf(s, 'WETH'), reserveOf(s, 'USDC'))
    expect(p?.reachesTarget).toBe(true)
    expect(p?.rounds.length).toBeGreaterThan(3)
    const floor = settings.minIntermediateHealthFactorWad
    // Replay the actions one by one: after every withdraw, HF is still above the floor.
    const actions = p?.actions ?? []
    let state = inputs.base
    for (const a of actions) {
      state = applyActions(state, [a], inputs.executionTimestamp)
      if (a.type === 'withdraw') expect(computeAccountData(state).healthFactor).toBeGreaterThanOrEqual(floor)
    }
    expect(computeAccountData(state).healthFactor).toBe(p?.predicted.healthFactorWad)
    for (const r of p?.rounds ?? []) {
      expect(r.healthFactorAfterWithdrawWad).toBeGreaterThanOrEqual(floor)
      expect(r.minimumOut).toBe((r.quotedOut * 9_950n) / 10_000n)
      expect(r.healthFactorAfterRoundWad).toBeGreaterThan(r.healthFactorAfterWithdrawWad)
    }
    // All but the last round withdraw right down to the floor plus its 10⁻⁴ cushion (interest while mined).
    const first = p?.rounds[0]?.healthFactorAfterWithdrawWad as bigint
    expect(first).toBeGreaterThanOrEqual(floor + floor / 10_000n)
    expect(first - floor - floor / 10_000n).toBeLessThan(WAD / 1_000_000n)
  })

  test('each round is withdraw → approve router → exactInputSingle → approve pool → repay, approvals exact', () => {
    const s = nearLiquidationFixture()
    const p = deleverageProposal(
      resolveProposalInputs(s, settings, { swapRouter: SWAP_ROUTER }),
      reserveOf(s, 'WETH'),
      reserveOf(s, 'USDC'),
    )
    const steps = p?.steps ?? []
    expect(steps.length).toBe((p?.rounds.length ?? 0) * 5)
    for (let i = 0; i < steps.length; i += 5) {
      const [withdraw, approveIn, swap, approveOut, repay] = steps.slice(i, i + 5)
      expect([withdraw?.type, approveIn?.type, swap?.type, approveOut?.type, repay?.type]).toEqual([
        'withdraw',
        'approve',
        'swapExactInputSingle',
        'approve',
        'repay',
      ])
      if (withdraw?.type !== 'withdraw' || approveIn?.type !== 'approve' || swap?.type !== 'swapExactInputSingle')
        throw new Error('unexpected step')
      if (approveOut?.type !== 'approve' || repay?.type !== 'repay') throw new Error('unexpected step')
      expect(approveIn.amount).toBe(withdraw.amount)
      expect(approveIn.spender).toBe(SWAP_ROUTER)
      expect(swap.amountIn).toBe(withdraw.amount)
      expect(approveOut.amount).toBe(swap.amountOutMinimum)
      expect(repay.amount).toBe(swap.amountOutMinimum)
      expect(swap.deadline).toBe(BigInt((p?.executionTimestamp ?? 0) + 1800))
    }
  })

  test('costs include the pool fee and price impact, valued at oracle prices', () => {
    const s = traderFixture()
    const p = deleverageProposal(
      resolveProposalInputs(s, settings, { swapRouter: SWAP_ROUTER }),
      reserveOf(s, 'WETH'),
      reserveOf(s, 'USDC'),
    )
    expect(p?.rounds.length).toBe(1)
    const r = p?.rounds[0]
    // 0.3 % fee of ≈ $11.3k withdrawn.
    expect(Number(p?.cost.swapFeeBase) / 1e8).toBeCloseTo((Number(p?.sizeBase) / 1e8) * 0.003, 0)
    expect(p?.cost.priceImpactBase).toBeGreaterThan(0n)
    expect(r?.priceImpact).toBeGreaterThan(0n)
  })

  test('below the 1.01 floor there is nothing to withdraw first, and it says so', () => {
    const s = nearLiquidationFixture({ prices: { WETH: 2_860 } })
    const p = deleverageProposal(
      resolveProposalInputs(s, settings, { swapRouter: SWAP_ROUTER }),
      reserveOf(s, 'WETH'),
      reserveOf(s, 'USDC'),
    )
    expect(p?.reachesTarget).toBe(false)
    expect(p?.steps).toEqual([])
    expect(p?.reason).toMatch(/below the 1\.01 floor/)
  })

  test('needs a router and a pool for the pair', () => {
    const s = traderFixture()
    expect(
      deleverageProposal(resolveProposalInputs(s, settings), reserveOf(s, 'WETH'), reserveOf(s, 'USDC')),
    ).toBeUndefined()
    const withRouter = resolveProposalInputs(s, settings, { swapRouter: SWAP_ROUTER })
    expect(deleverageProposal(withRouter, reserveOf(s, 'WETH'), reserveOf(s, 'DAI'))).toBeUndefined()
  })
})

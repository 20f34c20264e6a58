import { describe, expect, test } from 'vitest'
import { computeAccountData } from '../accountData'
import { reserveOf } from '../testing/snapshotFixture'
import { applyActions } from './applyActions'
import { resolveProposalInputs } from './proposalInputs'
import { rotationProposal } from './rotationProposal'
import { SWAP_ROUTER, defaultProposalSettings as settings, traderFixture } from './testing/demoAccounts'

describe('rotationProposal', () => {
  test('rotating WETH into USDC collateral lifts HF after a 30 % crash to 1.1, far more than it moves HF today', () => {
    const s = traderFixture()
    const inputs = resolveProposalInputs(s, settings, { swapRouter: SWAP_ROUTER })
    const p = rotationProposal(inputs, reserveOf(s, 'WETH'), reserveOf(s, 'USDC'))
    const crashGain = (p?.predicted.crashHealthFactorWad ?? 0n) - inputs.before.crashHealthFactorWad
    const todayChange = (p?.predicted.healthFactorWad ?? 0n) - inputs.before.healthFactorWad
    expect(p?.predicted.crashHealthFactorWad).toBeGreaterThanOrEqual(inputs.crashTargetHealthFactorWad)
    expect(crashGain).toBeGreaterThan(5n * (todayChange < 0n ? -todayChange : todayChange))
    expect(p?.reachesTarget).toBe(false)
    expect(p?.reason).toMatch(/A hedge, not a repair/)
    expect(p?.steps.map((x) => x.type)).toContain('supply')
    // The crash HF is the account under volatile prices × 0.7.
    const after = applyActions(s, p?.actions ?? [], inputs.executionTimestamp)
    expect(computeAccountData(after, inputs.crashPrices).healthFactor).toBe(p?.predicted.crashHealthFactorWad)
    expect(p?.summary).toMatch(/HF after a 30 % crash 0\.9\d → 1\.10/)
  })

  test('LINK (LT 68 %) into USDC (LT 80 %) raises HF today too', () => {
    const s = traderFixture()
    const inputs = resolveProposalInputs(s, settings, { swapRouter: SWAP_ROUTER })
    const p = rotationProposal(inputs, reserveOf(s, 'LINK'), reserveOf(s, 'USDC'))
    expect(p?.predicted.healthFactorWad).toBeGreaterThan(inputs.before.healthFactorWad)
  })

  test('no rotation into a stablecoin that cannot be supplied, nor out of a stablecoin', () => {
    const s = traderFixture({ reserveOverrides: { USDC: { isFrozen: true } } })
    const inputs = resolveProposalInputs(s, settings, { swapRouter: SWAP_ROUTER })
    expect(rotationProposal(inputs, reserveOf(s, 'WETH'), reserveOf(s, 'USDC'))).toBeUndefined()
    expect(rotationProposal(inputs, reserveOf(s, 'USDC'), reserveOf(s, 'WETH'))).toBeUndefined()
  })
})

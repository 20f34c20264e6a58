import { decodeFunctionData, erc20Abi } from 'viem'
import { describe, expect, test } from 'vitest'
import { proposeProtections } from '../../engine/proposals/proposeProtections'
import {
  defaultProposalSettings,
  nearLiquidationFixture,
  SWAP_ROUTER,
  traderFixture,
} from '../../engine/proposals/testing/demoAccounts'
import { MAX_UINT256 } from '../../engine/wadRayMath'
import { aavePoolActionsAbi } from '../abi/aavePoolActions'
import { swapRouterAbi } from '../abi/swapRouter'
import { proposalCalls } from './proposalCalls'

/** Decoded addresses come back checksummed; compare case-insensitively. */
const norm = (values: readonly unknown[]) => values.map((v) => (typeof v === 'string' ? v.toLowerCase() : v))

const abiFor = (type: string) =>
  type === 'approve' ? erc20Abi : type === 'swapExactInputSingle' ? swapRouterAbi : aavePoolActionsAbi

describe('proposalCalls', () => {
  test('every step encodes to the call it describes, value 0, approvals exact', () => {
    for (const s of [traderFixture(), nearLiquidationFixture({ walletBalances: { USDC: 30_000 } })]) {
      for (const p of proposeProtections(s, defaultProposalSettings, { swapRouter: SWAP_ROUTER })) {
        const calls = proposalCalls(p, 31337)
        expect(calls.length).toBe(p.steps.length)
        calls.forEach((c, i) => {
          const step = p.steps[i]
          if (!step) throw new Error('missing step')
          expect(c.to).toBe(step.to)
          expect(c.value).toBe(0n)
          const decoded = decodeFunctionData({ abi: abiFor(step.type), data: c.data })
          const { functionName } = decoded
          const args = norm(decoded.args ?? [])
          if (step.type === 'approve') {
            expect(functionName).toBe('approve')
            expect(args).toEqual(norm([step.spender, step.amount]))
            expect(step.amount).not.toBe(MAX_UINT256) // never unlimited
          }
          if (step.type === 'repay')
            expect(args).toEqual(norm([step.asset, step.amount, BigInt(step.interestRateMode), step.onBehalfOf]))
          if (step.type === 'withdraw') expect(args).toEqual(norm([step.asset, step.amount, step.recipient]))
          if (step.type === 'supply') expect(args).toEqual(norm([step.asset, step.amount, step.onBehalfOf, 0]))
          if (step.type === 'swapExactInputSingle')
            expect(args[0]).toMatchObject({
              amountIn: step.amountIn,
              amountOutMinimum: step.amountOutMinimum,
              sqrtPriceLimitX96: 0n,
            })
        })
      }
    }
  })

  test('refuses another chain than the proposal’s', () => {
    const [p] = proposeProtections(traderFixture(), defaultProposalSettings)
    if (!p) throw new Error('no proposal')
    expect(() => proposalCalls(p, 1)).toThrow(/built for chain 31337, not 1/)
  })
})

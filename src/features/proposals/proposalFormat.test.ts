import { maxUint256, parseUnits } from 'viem'
import { describe, expect, test } from 'vitest'
import type { Proposal, ProposalCost, ProposalStep } from '../../engine/proposals/proposal'
import { costLines, costVersusLiquidation, formatSignedUsd, stepLabel, tokenBook } from './proposalFormat'

const POOL = '0x1111111111111111111111111111111111111111'
const ROUTER = '0x2222222222222222222222222222222222222222'
const USDC = '0x3333333333333333333333333333333333333333'
const WETH = '0x4444444444444444444444444444444444444444'
const tokens = tokenBook({
  reserves: [
    { asset: USDC, symbol: 'USDC', decimals: 6 },
    { asset: WETH, symbol: 'WETH', decimals: 18 },
  ] as never,
})
// A step without its gas estimate (labels do not read it).
const step = (s: Record<string, unknown>) => ({ ...s, gasEstimate: 0n }) as unknown as ProposalStep

describe('call labels: what each call does, with its exact amount', () => {
  test('approvals name the spender; repays and withdraws their amounts or "all"', () => {
    const amount = parseUnits('5013.998604', 6)
    expect(stepLabel(step({ type: 'approve', to: USDC, token: USDC, spender: POOL, amount }), tokens, POOL)).toBe(
      'Approve 5,013.998604 USDC for the Aave pool',
    )
    expect(
      stepLabel(step({ type: 'approve', to: WETH, token: WETH, spender: ROUTER, amount: 10n ** 18n }), tokens, POOL),
    ).toBe('Approve 1 WETH for the Uniswap router')
    expect(
      stepLabel(
        step({ type: 'repay', to: POOL, asset: USDC, amount, interestRateMode: 2, onBehalfOf: POOL }),
        tokens,
        POOL,
      ),
    ).toBe('Repay 5,013.998604 USDC of debt')
    expect(
      stepLabel(
        step({ type: 'repay', to: POOL, asset: USDC, amount: maxUint256, interestRateMode: 2, onBehalfOf: POOL }),
        tokens,
        POOL,
      ),
    ).toBe('Repay all USDC debt')
    expect(
      stepLabel(step({ type: 'withdraw', to: POOL, asset: WETH, amount: maxUint256, recipient: POOL }), tokens, POOL),
    ).toBe('Withdraw all WETH')
    expect(stepLabel(step({ type: 'setCollateral', to: POOL, asset: USDC, enabled: true }), tokens, POOL)).toBe(
      'Use USDC as collateral',
    )
  })

  test('a swap states its input and its minimum output', () => {
    const label = stepLabel(
      step({
        type: 'swapExactInputSingle',
        to: ROUTER,
        tokenIn: WETH,
        tokenOut: USDC,
        fee: 3000,
        recipient: POOL,
        deadline: 0n,
        amountIn: parseUnits('1.25', 18),
        amountOutMinimum: parseUnits('3712.5', 6),
      }),
      tokens,
      POOL,
    )
    expect(label).toBe('Swap 1.25 WETH for at least 3,712.5 USDC')
  })

  test('an asset outside the book is named by its address, never dropped', () => {
    expect(tokens('0x5555555555555555555555555555555555555555').symbol).toBe('0x5555…')
  })
})

describe('costs', () => {
  const cost: ProposalCost = {
    gasUnits: 231_300n,
    gasBase: 1_234_000_000n,
    swapFeeBase: 0n,
    priceImpactBase: 0n,
    lostYieldBase: -5_000_000_000n,
    totalBase: -3_766_000_000n,
  }

  test('each part that is not zero; a saving is shown as one, not as a negative cost', () => {
    expect(costLines(cost).map((l) => `${l.label}: ${l.value}`)).toEqual([
      'Gas (231,300 units): $12.34',
      'Interest saved (30 days): −$50.00',
    ])
    expect(
      costLines({ ...cost, swapFeeBase: 300_000_000n, priceImpactBase: 12_000_000n, lostYieldBase: 700_000_000n }).map(
        (l) => l.label,
      ),
    ).toEqual(['Gas (231,300 units)', 'Swap fees', 'Price impact (slippage)', 'Yield given up (30 days)'])
    expect(formatSignedUsd(-3_766_000_000n)).toBe('−$37.66')
  })

  test('against the loss if liquidated: the proposal’s own figure first, else the report’s', () => {
    const p = { cost } as Proposal
    expect(costVersusLiquidation(p, 250_000_000_000n)).toBe('−$37.66 against $2,500.00 lost if liquidated')
    expect(costVersusLiquidation({ cost: { ...cost, liquidationLossBase: 100_000_000_000n } } as Proposal, 1n)).toBe(
      '−$37.66 against $1,000.00 lost if liquidated',
    )
    expect(costVersusLiquidation(p, undefined)).toBeUndefined()
  })
})

import { type Address, type Hex, isAddressEqual, maxUint256 } from 'viem'
import type { Proposal, ProposalCost, ProposalStep } from '../../engine/proposals/proposal'
import type { PortfolioSnapshot } from '../../engine/snapshot'
import { formatTokenAmount, formatUsd } from '../../ui/format'

/**
 * The words of a proposal's calls and costs: what each call does with its exact amount (the
 * labels the wallet's prompts, the status list and the failure messages use), and the cost
 * breakdown against the cost of being liquidated. Numbers go through ui/format.ts.
 */

export type TokenInfo = { symbol: string; decimals: number }
export type TokenBook = (asset: Hex) => TokenInfo

/** Symbols and decimals of the market's reserves (the snapshot's), by asset; unknown assets by short address. */
export function tokenBook(snapshot: Pick<PortfolioSnapshot, 'reserves'>): TokenBook {
  const byAsset = new Map(
    snapshot.reserves.map((r) => [r.asset.toLowerCase(), { symbol: r.symbol, decimals: r.decimals }]),
  )
  return (asset) => byAsset.get(asset.toLowerCase()) ?? { symbol: `${asset.slice(0, 6)}…`, decimals: 18 }
}

const amount = (tokens: TokenBook, asset: Hex, value: bigint) => {
  const t = tokens(asset)
  return `${formatTokenAmount(value, t.decimals)} ${t.symbol}`
}

/** "Approve 5,000 USDC for the Aave pool", "Repay 5,000 USDC", "Swap 1.2 WETH for at least 3,100 USDC", … */
export function stepLabel(step: ProposalStep, tokens: TokenBook, pool: Address): string {
  switch (step.type) {
    case 'approve': {
      const spender = isAddressEqual(step.spender, pool) ? 'the Aave pool' : 'the Uniswap router'
      return `Approve ${amount(tokens, step.token, step.amount)} for ${spender}`
    }
    case 'supply':
      return `Supply ${amount(tokens, step.asset, step.amount)} to Aave`
    case 'withdraw':
      return step.amount === maxUint256
        ? `Withdraw all ${tokens(step.asset).symbol}`
        : `Withdraw ${amount(tokens, step.asset, step.amount)} from Aave`
    case 'repay':
      return step.amount === maxUint256
        ? `Repay all ${tokens(step.asset).symbol} debt`
        : `Repay ${amount(tokens, step.asset, step.amount)} of debt`
    case 'setCollateral':
      return `${step.enabled ? 'Use' : 'Stop using'} ${tokens(step.asset).symbol} as collateral`
    case 'swapExactInputSingle':
      return `Swap ${amount(tokens, step.tokenIn, step.amountIn)} for at least ${amount(tokens, step.tokenOut, step.amountOutMinimum)}`
  }
}

export type CostLine = { label: string; value: string; base: bigint }

/**
 * The cost breakdown, each part that is not zero, and the total. Lost yield is signed: a repay
 * saves borrow interest, shown as a saving rather than a negative cost.
 */
export function costLines(cost: ProposalCost): CostLine[] {
  const lines: CostLine[] = [
    { label: `Gas (${formatTokenAmount(cost.gasUnits, 0)} units)`, value: formatUsd(cost.gasBase), base: cost.gasBase },
  ]
  if (cost.swapFeeBase !== 0n)
    lines.push({ label: 'Swap fees', value: formatUsd(cost.swapFeeBase), base: cost.swapFeeBase })
  if (cost.priceImpactBase !== 0n)
    lines.push({ label: 'Price impact (slippage)', value: formatUsd(cost.priceImpactBase), base: cost.priceImpactBase })
  if (cost.lostYieldBase > 0n)
    // 30 days: the engine's default yield horizon (proposalInputs.ts), which the page keeps.
    lines.push({ label: 'Yield given up (30 days)', value: formatUsd(cost.lostYieldBase), base: cost.lostYieldBase })
  if (cost.lostYieldBase < 0n)
    lines.push({
      label: 'Interest saved (30 days)',
      value: `−${formatUsd(-cost.lostYieldBase)}`,
      base: cost.lostYieldBase,
    })
  return lines
}

/** "−$12.30" for a net saving, "$4.10" for a cost. */
export function formatSignedUsd(base: bigint): string {
  return base < 0n ? `−${formatUsd(-base)}` : formatUsd(base)
}

/**
 * The proposal's total against the user's loss if liquidated (the proposal's own figure, else the
 * report's best liquidation outcome); undefined when neither is known.
 */
export function costVersusLiquidation(proposal: Proposal, liquidationLossBase: bigint | undefined) {
  const loss = proposal.cost.liquidationLossBase ?? liquidationLossBase
  if (loss === undefined) return undefined
  return `${formatSignedUsd(proposal.cost.totalBase)} against ${formatUsd(loss)} lost if liquidated`
}

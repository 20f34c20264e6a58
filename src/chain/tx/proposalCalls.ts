import { type Address, encodeFunctionData, erc20Abi, type Hex } from 'viem'
import type { Proposal, ProposalStep } from '../../engine/proposals/proposal'
import { aavePoolActionsAbi } from '../abi/aavePoolActions'
import { swapRouterAbi } from '../abi/swapRouter'

/** A call a wallet sends: eth_sendTransaction / wallet_sendCalls params, value always 0 here. */
export type ProposalCall = { to: Address; data: Hex; value: bigint }

/**
 * The calldata of one proposal step: ERC-20 approve (exact amount), Pool.supply / withdraw /
 * repay / setUserUseReserveAsCollateral, SwapRouter.exactInputSingle (no price limit: the
 * minimum out bounds the swap).
 */
export function stepCall(step: ProposalStep): ProposalCall {
  const to = step.to
  switch (step.type) {
    case 'approve':
      return {
        to,
        value: 0n,
        data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [step.spender, step.amount] }),
      }
    case 'supply':
      return {
        to,
        value: 0n,
        data: encodeFunctionData({
          abi: aavePoolActionsAbi,
          functionName: 'supply',
          args: [step.asset, step.amount, step.onBehalfOf, 0],
        }),
      }
    case 'withdraw':
      return {
        to,
        value: 0n,
        data: encodeFunctionData({
          abi: aavePoolActionsAbi,
          functionName: 'withdraw',
          args: [step.asset, step.amount, step.recipient],
        }),
      }
    case 'repay':
      return {
        to,
        value: 0n,
        data: encodeFunctionData({
          abi: aavePoolActionsAbi,
          functionName: 'repay',
          args: [step.asset, step.amount, BigInt(step.interestRateMode), step.onBehalfOf],
        }),
      }
    case 'setCollateral':
      return {
        to,
        value: 0n,
        data: encodeFunctionData({
          abi: aavePoolActionsAbi,
          functionName: 'setUserUseReserveAsCollateral',
          args: [step.asset, step.enabled],
        }),
      }
    case 'swapExactInputSingle':
      return {
        to,
        value: 0n,
        data: encodeFunctionData({
          abi: swapRouterAbi,
          functionName: 'exactInputSingle',
          args: [
            {
              tokenIn: step.tokenIn,
              tokenOut: step.tokenOut,
              fee: step.fee,
              recipient: step.recipient,
              deadline: step.deadline,
              amountIn: step.amountIn,
              amountOutMinimum: step.amountOutMinimum,
              sqrtPriceLimitX96: 0n,
            },
          ],
        }),
      }
  }
}

/**
 * The proposal's calls in order, for the chain it was built for. Throws when asked for another
 * chain (DESIGN.md: nothing is sent to a chain other than the one the proposal was built for).
 */
export function proposalCalls(proposal: Proposal, chainId: number): ProposalCall[] {
  if (chainId !== proposal.chainId)
    throw new Error(`proposal ${proposal.id} was built for chain ${proposal.chainId}, not ${chainId}`)
  return proposal.steps.map(stepCall)
}

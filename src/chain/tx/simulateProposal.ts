import { type Address, type Client, decodeFunctionResult, encodeFunctionData } from 'viem'
import { simulateBlocks } from 'viem/actions'
import type { Proposal, ProposalStep } from '../../engine/proposals/proposal'
import { poolAbi } from '../abi/pool'
import { nodeChainId } from '../nodeChainId'
import { proposalCalls } from './proposalCalls'

export type SimulatedCall = { step: ProposalStep; status: 'success' | 'failure'; gasUsed: bigint; error?: string }

export type ProposalSimulation = {
  /** The state the calls ran on, and the block time they ran at. */
  blockNumber: bigint
  timestamp: number
  /** All calls succeeded. */
  ok: boolean
  calls: SimulatedCall[]
  /** Pool.getUserAccountData after the last call (in the same simulated block). */
  healthFactorWad: bigint
  totalCollateralBase: bigint
  totalDebtBase: bigint
  /** Simulated − predicted HF: 0 when the engine's prediction holds to the wei. */
  healthFactorDeltaWad: bigint
  gasUsed: bigint
}

export type SimulateProposalOptions = {
  /** Who sends the calls (default: the proposal's account). */
  account?: Address
  /** State to simulate on (default: the proposal's own block, whose state the prediction used). */
  blockNumber?: bigint
  /** Block time of the simulated block (default: the proposal's execution time, so interest accrues exactly as predicted). */
  timestamp?: number
}

/**
 * Runs a proposal's calls on the node before it is offered: eth_simulateV1 (viem
 * simulateBlocks; anvil ≥ 1.x, geth, reth, erigon answer it) executes them in order in one
 * simulated block on top of `blockNumber` at `timestamp`, state carried from call to call, and
 * reads Pool.getUserAccountData at the end. With the defaults the simulated HF must equal the
 * proposal's predicted HF to the wei (healthFactorDeltaWad = 0), swaps included (same pool state).
 * Refuses to simulate on another chain than the proposal's.
 */
export async function simulateProposal(
  client: Client,
  proposal: Proposal,
  options: SimulateProposalOptions = {},
): Promise<ProposalSimulation> {
  const chainId = await nodeChainId(client)
  const calls = proposalCalls(proposal, chainId)
  const account = options.account ?? proposal.account
  const blockNumber = options.blockNumber ?? proposal.blockNumber
  const timestamp = options.timestamp ?? proposal.executionTimestamp
  const pool = proposal.steps.find((s) => s.type !== 'approve' && s.type !== 'swapExactInputSingle')?.to
  if (!pool) throw new Error(`proposal ${proposal.id} calls no Aave pool`)
  const [block] = await simulateBlocks(client, {
    blockNumber,
    blocks: [
      {
        blockOverrides: { time: BigInt(timestamp) },
        calls: [
          ...calls.map((c) => ({ account, to: c.to, data: c.data, value: c.value })),
          {
            account,
            to: pool,
            data: encodeFunctionData({ abi: poolAbi, functionName: 'getUserAccountData', args: [account] }),
          },
        ],
      },
    ],
  })
  if (!block) throw new Error('eth_simulateV1 returned no block')
  const results = block.calls
  const simulated: SimulatedCall[] = proposal.steps.map((step, i) => {
    const r = results[i]
    return {
      step,
      status: r?.status === 'success' ? 'success' : 'failure',
      gasUsed: r?.gasUsed ?? 0n,
      ...(r?.status === 'failure' ? { error: r.error.message.split('\n')[0] ?? 'reverted' } : {}),
    }
  })
  const read = results[results.length - 1]
  if (read?.status !== 'success') throw new Error('getUserAccountData failed in the simulated block')
  const [totalCollateralBase, totalDebtBase, , , , healthFactorWad] = decodeFunctionResult({
    abi: poolAbi,
    functionName: 'getUserAccountData',
    data: read.data,
  })
  return {
    blockNumber,
    timestamp,
    ok: simulated.every((c) => c.status === 'success'),
    calls: simulated,
    healthFactorWad,
    totalCollateralBase,
    totalDebtBase,
    healthFactorDeltaWad: healthFactorWad - proposal.predicted.healthFactorWad,
    gasUsed: simulated.reduce((sum, c) => sum + c.gasUsed, 0n),
  }
}

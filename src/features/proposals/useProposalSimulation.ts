import { useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type { Client } from 'viem'
import { useClient } from 'wagmi'
import { type ProposalSimulation, simulateProposal } from '../../chain/tx/simulateProposal'
import type { Proposal } from '../../engine/proposals/proposal'

/**
 * Key of a proposal's simulation: the proposal (id, account, the prediction it must match) at its
 * block. Under ['chain', chainId] like every chain query (chain/queryKeys.ts); no bigint (keys are
 * hashed with JSON.stringify).
 */
export const proposalSimulationKey = (chainId: number, proposal: Proposal) =>
  [
    'chain',
    chainId,
    'proposalSimulation',
    {
      id: proposal.id,
      account: proposal.account,
      block: proposal.blockNumber.toString(),
      predicted: proposal.predicted.healthFactorWad.toString(),
    },
  ] as const

/**
 * The predicted and the simulated health factor must agree to the wei: simulateProposal runs the
 * calls with eth_simulateV1 on the proposal's own block at the execution time the engine assumed,
 * so interest, prices and Uniswap pool state are the ones the prediction used; the devnet proofs
 * (chain/tx/proposals.devnet.test.ts) show a zero difference for every kind, swaps included. Any
 * difference means the engine and the chain disagree, and the proposal is not offered. (Drift from
 * mining later is handled at the re-check before signing, not here.)
 */
export const SIMULATION_TOLERANCE_WAD = 0n

export function simulationAgrees(s: { ok: boolean; healthFactorDeltaWad: bigint }): boolean {
  const delta = s.healthFactorDeltaWad < 0n ? -s.healthFactorDeltaWad : s.healthFactorDeltaWad
  return s.ok && delta <= SIMULATION_TOLERANCE_WAD
}

/** The proposal simulated on the node at its block; once per proposal and block (idle without one). */
export function useProposalSimulation(proposal: Proposal | undefined) {
  const client = useClient({ chainId: proposal?.chainId }) as Client | undefined
  return useQuery({
    queryKey: proposal ? proposalSimulationKey(proposal.chainId, proposal) : ['chain', 'proposalSimulation', 'none'],
    queryFn: () => {
      if (!client || !proposal) throw new Error('no proposal or no node to simulate it on')
      return simulateProposal(client, proposal)
    },
    enabled: proposal !== undefined && client !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
    // A row keeps its last answer itself (useSettledSimulation); the cache only covers a remount.
    gcTime: 5_000,
    retry: false,
  })
}

/** A proposal with the node's answer for it (a simulation or the error), or neither while it runs. */
export type SimulatedProposal = { proposal: Proposal; data?: ProposalSimulation | undefined; error?: Error | undefined }

const sameProposal = (a: Proposal, b: Proposal) =>
  a.id === b.id && a.chainId === b.chainId && a.account.toLowerCase() === b.account.toLowerCase()

/**
 * What a proposal row shows: a new block's proposal takes the row's place once the node has answered
 * for it; until then the row keeps the same proposal of the block before, with that block's own
 * simulation. So the prediction and the simulation on screen are always of one block, and the
 * Protect button does not turn off (and "simulating…" does not flash) for every new block. Protect
 * re-checks the proposal on the latest block before anything is signed.
 */
export function useSettledSimulation(proposal: Proposal): SimulatedProposal {
  const { data, error } = useProposalSimulation(proposal)
  const answered = data !== undefined || error !== null
  const [settled, setSettled] = useState<SimulatedProposal>()
  useEffect(() => {
    if (answered) setSettled({ proposal, data, error: error ?? undefined })
  }, [answered, proposal, data, error])
  if (answered) return { proposal, data, error: error ?? undefined }
  return settled && sameProposal(settled.proposal, proposal) ? settled : { proposal }
}

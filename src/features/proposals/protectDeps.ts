import type { Address, Chain, Client } from 'viem'
import { getBlockNumber } from 'viem/actions'
import {
  healthFactorAt,
  recheckProposal,
  revertOfLandedCall,
  sendProposalBatch,
  sendProposalCall,
  type WalletClient,
  waitForBatch,
  waitForCall,
  walletSupportsAtomicBatch,
} from '../../chain/tx/executeProposal'
import { proposalCalls } from '../../chain/tx/proposalCalls'
import type { Proposal } from '../../engine/proposals/proposal'
import type { ProtectDeps } from './runProtect'

export type ChainProtectParams = {
  /** Reads: the re-check, receipts, health factors (the market's node). */
  client: Client
  /** The connected wallet's client, asked for when a call is to be signed. */
  wallet: () => Promise<WalletClient>
  walletAccount: () => Address | undefined
  /** The wallet's own answer (eth_chainId), not a cached one: a switch may not have been reported yet. */
  walletChainId: () => Promise<number>
  chain: Chain
  account: Address
  pool: Address
  targetHealthFactorWad: bigint
  /** The proposal to send; absent when resuming after a reload (only waiting happens then). */
  proposal?: Proposal | undefined
  pending: ProtectDeps['pending']
}

/** runProtect's dependencies on a real node and wallet (chain/tx/executeProposal). */
export function createProtectDeps(p: ChainProtectParams): ProtectDeps {
  const { client, wallet, chain, account, pool, proposal } = p
  const encoded = proposal ? proposalCalls(proposal, chain.id) : []
  const callAt = (i: number) => {
    const c = encoded[i]
    if (!c) throw new Error(`the proposal has no call ${i + 1}`)
    return c
  }
  return {
    chainName: chain.name,
    walletAccount: p.walletAccount,
    walletChainId: p.walletChainId,
    recheck: () => {
      if (!proposal) throw new Error('nothing to re-check')
      return recheckProposal(client, proposal, p.targetHealthFactorWad)
    },
    supportsBatch: async () => walletSupportsAtomicBatch(await wallet(), account, chain.id),
    sendCall: async (i) => sendProposalCall(await wallet(), client, account, chain, callAt(i)),
    waitCall: (hash) => waitForCall(client, hash),
    explainLandedRevert: (i, blockNumber) => revertOfLandedCall(client, account, callAt(i), blockNumber),
    sendBatch: async () => sendProposalBatch(await wallet(), account, chain, encoded),
    waitBatch: async (id) => waitForBatch(await wallet(), id, { pollingIntervalMs: client.pollingInterval }),
    healthFactorAt: async (blockNumber) =>
      healthFactorAt(client, pool, account, blockNumber > 0n ? blockNumber : await getBlockNumber(client)),
    pending: p.pending,
  }
}

import type { Account, Address, Chain, Client, Hash, Hex, Transport } from 'viem'
import {
  call,
  estimateGas,
  getBlock,
  getCallsStatus,
  getCapabilities,
  getTransactionReceipt,
  readContract,
  sendCalls,
  sendTransaction,
} from 'viem/actions'
import type { Proposal } from '../../engine/proposals/proposal'
import { poolAbi } from '../abi/pool'
import { type DecodedRevert, decodeRevert } from './aaveErrors'
import type { ProposalCall } from './proposalCalls'
import { type ProposalSimulation, simulateProposal } from './simulateProposal'

/**
 * The chain side of "Protect": re-check a proposal on the latest block, ask the wallet whether it
 * takes an atomic batch (EIP-5792), send the calls as one batch or one by one, wait for them, and
 * read the account's health factor where they landed. Pure actions on viem clients; the flow
 * (which step follows which, what is persisted, what the user is told) is features/proposals.
 */

export type WalletClient = Client<Transport, Chain | undefined, Account | undefined>

/**
 * The engine aims 10⁻⁴ above the target (proposalInputs.ts) so that interest accrued between the
 * snapshot and the mined block never takes the account below it. A re-check on a later block
 * accepts the same slack for a proposal that does not reach the target: it must still get within
 * 10⁻⁴ of what it promised.
 */
export const RECHECK_SLACK_DIVISOR = 10_000n

/** What the re-check on the latest block must reach: the target, or (short of it) the prediction less the slack. */
export function requiredHealthFactor(proposal: Proposal, targetHealthFactorWad: bigint): bigint {
  const predicted = proposal.predicted.healthFactorWad
  return proposal.reachesTarget ? targetHealthFactorWad : predicted - predicted / RECHECK_SLACK_DIVISOR
}

export type Recheck = {
  ok: boolean
  /** The block the re-check simulated on (the latest). */
  blockNumber: bigint
  simulation: ProposalSimulation
  requiredHealthFactorWad: bigint
}

/**
 * Simulates the proposal again on the latest block, one block time (12 s) after it: the state the
 * wallet will actually send into. On the proposal's own block this is the offered simulation
 * (equal to the prediction to the wei); on a later one, interest, prices or the account may have
 * moved, and the proposal still passes only if every call succeeds and the HF after it reaches
 * `requiredHealthFactor`.
 */
export async function recheckProposal(
  client: Client,
  proposal: Proposal,
  targetHealthFactorWad: bigint,
): Promise<Recheck> {
  const latest = await getBlock(client, { blockTag: 'latest' })
  const required = requiredHealthFactor(proposal, targetHealthFactorWad)
  const simulation =
    latest.number <= proposal.blockNumber
      ? await simulateProposal(client, proposal)
      : await simulateProposal(client, proposal, {
          blockNumber: latest.number,
          timestamp: Math.max(Number(latest.timestamp) + 12, proposal.executionTimestamp),
        })
  return {
    ok: simulation.ok && simulation.healthFactorWad >= required,
    blockNumber: simulation.blockNumber,
    simulation,
    requiredHealthFactorWad: required,
  }
}

/**
 * Whether the wallet executes a batch atomically on this chain (EIP-5792 wallet_getCapabilities:
 * `atomic.status` "supported" or "ready", or the older `atomicBatch.supported`). A wallet without
 * the method, or that fails to answer, gets the calls one by one.
 */
export async function walletSupportsAtomicBatch(wallet: WalletClient, account: Address, chainId: number) {
  try {
    const capabilities = (await getCapabilities(wallet, { account, chainId })) as Record<string, unknown>
    const atomic = capabilities.atomic as { status?: string } | undefined
    const legacy = capabilities.atomicBatch as { supported?: boolean } | undefined
    return atomic?.status === 'supported' || atomic?.status === 'ready' || legacy?.supported === true
  } catch {
    return false
  }
}

/** Gas sent with a call: the node's estimate plus 20 % (Aave's gas varies with state that may move before mining). */
export const GAS_MARGIN_PERCENT = 120n

/**
 * Sends one call through the wallet (eth_sendTransaction) with a gas limit estimated on the node
 * first, on the state the earlier calls left: a call that would revert fails here, with its
 * reason, and never reaches the wallet (a node-backed wallet such as anvil's would otherwise mine
 * it and charge the gas). viem refuses to send when the wallet is on another chain than `chain`.
 */
export async function sendProposalCall(
  wallet: WalletClient,
  client: Client,
  account: Address,
  chain: Chain,
  c: ProposalCall,
): Promise<Hash> {
  const gas = await estimateGas(client, { account, to: c.to, data: c.data, value: c.value })
  return sendTransaction(wallet, {
    account,
    chain,
    to: c.to,
    data: c.data,
    value: c.value,
    gas: (gas * GAS_MARGIN_PERCENT) / 100n,
  })
}

export type LandedCall = { status: 'success' | 'reverted'; blockNumber: bigint; transactionHash: Hash }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Waits for a call's receipt by polling eth_getTransactionReceipt at the client's interval. Not
 * viem's waitForTransactionReceipt: that one re-checks on new blocks, and a devnet that mines only
 * on transactions may never make another after ours. No time limit (a slow chain is not a
 * failure), and a failed poll (the node away for a moment) is simply retried.
 */
export async function waitForCall(client: Client, hash: Hash): Promise<LandedCall> {
  for (;;) {
    const r = await getTransactionReceipt(client, { hash }).catch(() => undefined)
    if (r) return { status: r.status, blockNumber: r.blockNumber, transactionHash: r.transactionHash }
    await sleep(client.pollingInterval)
  }
}

/** Sends every call as one atomic EIP-5792 batch; returns the wallet's batch id. */
export async function sendProposalBatch(
  wallet: WalletClient,
  account: Address,
  chain: Chain,
  calls: readonly ProposalCall[],
): Promise<string> {
  const { id } = await sendCalls(wallet, {
    account,
    chain,
    forceAtomic: true,
    calls: calls.map((c) => ({ to: c.to, data: c.data, value: c.value })),
  })
  return id
}

export type BatchOutcome = { status: 'success' | 'failure'; statusCode: number; receipts: LandedCall[] }

/** Polls wallet_getCallsStatus until the batch is no longer pending. */
export async function waitForBatch(
  wallet: WalletClient,
  id: string,
  { pollingIntervalMs = 1_000, signal }: { pollingIntervalMs?: number; signal?: AbortSignal } = {},
): Promise<BatchOutcome> {
  for (;;) {
    signal?.throwIfAborted()
    const status = await getCallsStatus(wallet, { id })
    if (status.status === 'success' || status.status === 'failure')
      return {
        status: status.status,
        statusCode: status.statusCode,
        receipts: (status.receipts ?? []).map((r) => ({
          status: r.status === 'success' ? 'success' : 'reverted',
          blockNumber: r.blockNumber,
          transactionHash: r.transactionHash,
        })),
      }
    await sleep(pollingIntervalMs)
  }
}

/** Pool.getUserAccountData(account).healthFactor at a block: the on-chain figure after a landed proposal. */
export async function healthFactorAt(client: Client, pool: Address, account: Address, blockNumber: bigint) {
  const data = await readContract(client, {
    address: pool,
    abi: poolAbi,
    functionName: 'getUserAccountData',
    args: [account],
    blockNumber,
  })
  return data[5]
}

/**
 * Why a mined call reverted: a receipt carries no reason, so the call is replayed with eth_call on
 * the state before its block (close enough: the earlier calls of a sequence are in earlier blocks).
 */
export async function revertOfLandedCall(
  client: Client,
  account: Address,
  c: ProposalCall,
  blockNumber: bigint,
): Promise<DecodedRevert | undefined> {
  try {
    await call(client, { account, to: c.to, data: c.data as Hex, value: c.value, blockNumber: blockNumber - 1n })
    return undefined
  } catch (e) {
    return decodeRevert(e)
  }
}

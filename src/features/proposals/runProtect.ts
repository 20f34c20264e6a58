import type { Address, Hash } from 'viem'
import { type DecodedRevert, decodeRevert } from '../../chain/tx/aaveErrors'
import type { BatchOutcome, LandedCall, Recheck } from '../../chain/tx/executeProposal'
import { isChainMismatch, isUserRejection, shortErrorMessage } from '../../chain/tx/walletErrors'
import { maxOf } from '../../engine/proposals/bigintOrder'
import type { Proposal } from '../../engine/proposals/proposal'
import type { PendingProtect } from '../../state/pendingTxStore'
import type { ProtectEvent, ProtectFailure, ProtectMode } from './protectMachine'
import {
  type CallRecord,
  type Completion,
  chainSwitchedFailure,
  interruptedFailure,
  rejectedFailure,
  revertedFailure,
  staleMessage,
  unexpectedFailure,
  wrongAccountFailure,
  wrongChainFailure,
} from './protectMessages'

/**
 * The Protect flow's steps in order, on injected dependencies (the wallet, the node, the pending
 * store), reporting each step to the state machine: re-check on the latest block → one EIP-5792
 * batch where the wallet takes one, else each call in turn (each waited for before the next is
 * signed) → the health factor where the last call landed. Every way out says what went through.
 */

export type ProtectDeps = {
  /** The chain the proposal is for, by name, for messages. */
  chainName: string
  walletAccount(): Address | undefined
  walletChainId(): Promise<number>
  recheck(): Promise<Recheck>
  supportsBatch(): Promise<boolean>
  sendCall(index: number): Promise<Hash>
  waitCall(hash: Hash): Promise<LandedCall>
  /** Why call `index`, mined in `blockNumber`, reverted. */
  explainLandedRevert(index: number, blockNumber: bigint): Promise<DecodedRevert | undefined>
  sendBatch(): Promise<string>
  waitBatch(id: string): Promise<BatchOutcome>
  healthFactorAt(blockNumber: bigint): Promise<bigint>
  pending: {
    begin(mode: ProtectMode): boolean
    recordHash(index: number, hash: Hash): void
    recordBatch(id: string): void
    resolve(): void
  }
}

type Dispatch = (event: ProtectEvent) => void

/** The account's HF after the confirmed calls, when any of them moved the position (approvals do not). */
async function completion(deps: ProtectDeps, calls: readonly CallRecord[], confirmed: number, lastBlock?: bigint) {
  const c: Completion = { calls, confirmed }
  if (lastBlock !== undefined && calls.slice(0, confirmed).some((x) => x.type !== 'approve'))
    c.healthFactorNowWad = await deps.healthFactorAt(lastBlock).catch(() => undefined)
  return c
}

/** A failure to send (the wallet threw): rejected, a revert the wallet foresaw, a chain switch, or else. */
async function sendFailure(
  deps: ProtectDeps,
  error: unknown,
  calls: readonly CallRecord[],
  index: number,
  mode: ProtectMode,
  lastBlock: bigint | undefined,
): Promise<{ failure: ProtectFailure; index?: number }> {
  const done = await completion(deps, calls, index, lastBlock)
  if (isUserRejection(error)) return { failure: rejectedFailure(done, index, mode) }
  if (isChainMismatch(error)) {
    const walletChain = await deps.walletChainId().catch(() => Number.NaN)
    return { failure: chainSwitchedFailure(done, walletChain, deps.chainName) }
  }
  const revert = decodeRevert(error)
  if (revert)
    return { failure: revertedFailure(done, mode === 'batch' ? undefined : index, revert, { sentOnChain: false }) }
  return { failure: unexpectedFailure(`The wallet failed: ${shortErrorMessage(error)}.`, done) }
}

async function finish(deps: ProtectDeps, dispatch: Dispatch, lastBlock: bigint) {
  const healthFactorWad = await deps.healthFactorAt(lastBlock)
  dispatch({ type: 'done', blockNumber: lastBlock, healthFactorWad })
}

async function waitBatchAndFinish(deps: ProtectDeps, dispatch: Dispatch, calls: readonly CallRecord[], id: string) {
  const outcome = await deps.waitBatch(id)
  if (outcome.status === 'success') {
    calls.forEach((_, i) => {
      dispatch({ type: 'callConfirmed', index: i })
    })
    const last = outcome.receipts.map((r) => r.blockNumber).reduce(maxOf, 0n)
    await finish(deps, dispatch, last)
    return
  }
  // Atomic (the batch was sent with atomicRequired): it landed whole or not at all.
  dispatch({
    type: 'fail',
    failure: revertedFailure({ calls, confirmed: 0 }, undefined, undefined, { sentOnChain: outcome.statusCode >= 500 }),
  })
}

/** Waits for a sequence's call; true when confirmed, false when it reverted (and the failure was dispatched). */
async function waitSequenceCall(
  deps: ProtectDeps,
  dispatch: Dispatch,
  calls: readonly CallRecord[],
  index: number,
  hash: Hash,
  lastBlock: bigint | undefined,
): Promise<LandedCall | undefined> {
  const landed = await deps.waitCall(hash)
  if (landed.status === 'success') {
    dispatch({ type: 'callConfirmed', index, hash })
    return landed
  }
  const revert = await deps.explainLandedRevert(index, landed.blockNumber).catch(() => undefined)
  const done = await completion(deps, calls, index, lastBlock)
  dispatch({ type: 'fail', index, failure: revertedFailure(done, index, revert, { sentOnChain: true }) })
  return undefined
}

export async function runProtect(
  proposal: Proposal,
  calls: readonly CallRecord[],
  deps: ProtectDeps,
  dispatch: Dispatch,
): Promise<void> {
  dispatch({ type: 'start', proposalId: proposal.id })
  let begun = false
  let lastBlock: bigint | undefined
  let confirmed = 0
  try {
    const account = deps.walletAccount()
    if (!account || account.toLowerCase() !== proposal.account.toLowerCase())
      return dispatch({ type: 'fail', failure: wrongAccountFailure(account ?? 'no account', proposal.account) })
    const walletChain = await deps.walletChainId()
    if (walletChain !== proposal.chainId)
      return dispatch({ type: 'fail', failure: wrongChainFailure(walletChain, proposal.chainId, deps.chainName) })

    const recheck = await deps.recheck()
    if (!recheck.ok)
      return dispatch({
        type: 'stale',
        message: staleMessage(
          recheck.simulation.healthFactorWad,
          recheck.requiredHealthFactorWad,
          recheck.simulation.ok,
        ),
      })

    const mode: ProtectMode = calls.length > 1 && (await deps.supportsBatch()) ? 'batch' : 'sequence'
    if (!deps.pending.begin(mode))
      return dispatch({
        type: 'fail',
        failure: unexpectedFailure('A protective transaction for this account is already pending.', {
          calls,
          confirmed: 0,
        }),
      })
    begun = true
    dispatch({ type: 'ready', mode, labels: calls.map((c) => c.label) })

    if (mode === 'batch') {
      let id: string
      try {
        id = await deps.sendBatch()
      } catch (e) {
        return dispatch({ type: 'fail', ...(await sendFailure(deps, e, calls, 0, mode, undefined)) })
      }
      deps.pending.recordBatch(id)
      dispatch({ type: 'batchSent' })
      return await waitBatchAndFinish(deps, dispatch, calls, id)
    }

    for (let i = 0; i < calls.length; i++) {
      // Nothing goes to another chain: a wallet that switched since the last call stops the sequence.
      const chainNow = await deps.walletChainId()
      if (chainNow !== proposal.chainId) {
        const done = await completion(deps, calls, confirmed, lastBlock)
        return dispatch({ type: 'fail', failure: chainSwitchedFailure(done, chainNow, deps.chainName) })
      }
      let hash: Hash
      try {
        hash = await deps.sendCall(i)
      } catch (e) {
        return dispatch({ type: 'fail', ...(await sendFailure(deps, e, calls, i, mode, lastBlock)) })
      }
      deps.pending.recordHash(i, hash)
      dispatch({ type: 'sent', index: i, hash })
      const landed = await waitSequenceCall(deps, dispatch, calls, i, hash, lastBlock)
      if (!landed) return
      lastBlock = landed.blockNumber
      confirmed = i + 1
    }
    if (lastBlock !== undefined) await finish(deps, dispatch, lastBlock)
  } catch (e) {
    const done = await completion(deps, calls, confirmed, lastBlock)
    dispatch({ type: 'fail', failure: unexpectedFailure(`${shortErrorMessage(e)}.`, done) })
  } finally {
    if (begun) deps.pending.resolve()
  }
}

/**
 * After a reload: waits for the stored calls' receipts (or the stored batch), then reports the
 * outcome. A sequence that had not sent every call stops there and says so: the page never sends
 * the rest of an old proposal on its own.
 */
export async function resumeProtect(entry: PendingProtect, deps: ProtectDeps, dispatch: Dispatch): Promise<void> {
  const calls: CallRecord[] = entry.calls.map((c) => ({ label: c.label, type: c.type }))
  dispatch({ type: 'resume', proposalId: entry.proposalId, mode: entry.mode, calls: entry.calls })
  let lastBlock: bigint | undefined
  let confirmed = 0
  try {
    if (entry.mode === 'batch') {
      if (!entry.batchId) return dispatch({ type: 'fail', failure: interruptedFailure({ calls, confirmed: 0 }, 0) })
      return await waitBatchAndFinish(deps, dispatch, calls, entry.batchId)
    }
    for (const [i, c] of entry.calls.entries()) {
      if (!c.hash) {
        const done = await completion(deps, calls, confirmed, lastBlock)
        return dispatch({ type: 'fail', failure: interruptedFailure(done, i) })
      }
      const landed = await waitSequenceCall(deps, dispatch, calls, i, c.hash, lastBlock)
      if (!landed) return
      lastBlock = landed.blockNumber
      confirmed = i + 1
    }
    if (lastBlock !== undefined) await finish(deps, dispatch, lastBlock)
  } catch (e) {
    const done = await completion(deps, calls, confirmed, lastBlock)
    dispatch({ type: 'fail', failure: unexpectedFailure(`${shortErrorMessage(e)}.`, done) })
  } finally {
    deps.pending.resolve()
  }
}

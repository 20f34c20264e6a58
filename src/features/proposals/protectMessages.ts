import type { DecodedRevert } from '../../chain/tx/aaveErrors'
import { formatHealthFactor } from '../../ui/format'
import type { ProtectFailure } from './protectMachine'

/**
 * What the user is told when "Protect" stops short: which calls went through, whether that
 * matters, and what was not sent. Only an approval is harmless on its own (it moves nothing; the
 * next Protect sets the allowance again), so anything else that went through comes with the
 * account's health factor as it now stands.
 */

export type CallRecord = { label: string; type: string }

/** What went through and what did not, given the calls and how many are on chain. */
export type Completion = {
  calls: readonly CallRecord[]
  /** Calls 0 … confirmed − 1 are on chain. */
  confirmed: number
  /** The account's HF after the confirmed calls (read when any of them moved the position). */
  healthFactorNowWad?: bigint
}

const numbered = (calls: readonly CallRecord[], from: number, to = calls.length) =>
  calls
    .slice(from, to)
    .map((c, i) => `${from + i + 1}. ${c.label}`)
    .join('; ')

/** The sentence about the calls already on chain and the ones not sent; empty when none went through. */
export function completionText({ calls, confirmed, healthFactorNowWad }: Completion, failedIndex?: number): string {
  if (confirmed === 0) return ''
  const done = `Already on chain: ${numbered(calls, 0, confirmed)}.`
  const movedPosition = calls.slice(0, confirmed).some((c) => c.type !== 'approve')
  const effect = movedPosition
    ? `Your position changed${healthFactorNowWad === undefined ? '' : `: health factor now ${formatHealthFactor(healthFactorNowWad)}`}. Review the updated proposal before protecting again.`
    : 'An approval alone changes nothing in your position: it only lets the contract take up to that amount, and the next Protect sets it again.'
  const restFrom = failedIndex === undefined ? confirmed : failedIndex + 1
  const rest = restFrom < calls.length ? ` Not sent: ${numbered(calls, restFrom)}.` : ''
  return `${done} ${effect}${rest}`
}

export function rejectedFailure(completion: Completion, index: number, mode: 'batch' | 'sequence'): ProtectFailure {
  if (completion.confirmed === 0)
    return {
      kind: 'rejected',
      title: 'Signature rejected',
      message:
        mode === 'batch'
          ? 'You rejected the signature; nothing was sent.'
          : `You rejected the signature; nothing was sent.${completion.calls.length > 1 ? ` None of the ${completion.calls.length} calls went out.` : ''}`,
    }
  return {
    kind: 'rejected',
    title: 'Signature rejected',
    message: `You rejected call ${index + 1} of ${completion.calls.length} (${completion.calls[index]?.label}); it and the calls after it were not sent. ${completionText(completion, index)}`,
  }
}

export function revertedFailure(
  completion: Completion,
  index: number | undefined,
  revert: DecodedRevert | undefined,
  { sentOnChain }: { sentOnChain: boolean },
): ProtectFailure {
  const why = revert?.message ?? 'The node gave no reason.'
  const which =
    index === undefined
      ? 'The batch'
      : `Call ${index + 1} of ${completion.calls.length} (${completion.calls[index]?.label})`
  const where = sentOnChain ? 'reverted on chain (it cost gas but changed nothing)' : 'would revert, so it was not sent'
  const after = completionText(completion, index)
  return {
    kind: 'reverted',
    title: 'Transaction reverted',
    message: `${which} ${where}: ${why}${after ? ` ${after}` : ''}`,
  }
}

export function wrongChainFailure(walletChainId: number, chainId: number, chainName: string): ProtectFailure {
  return {
    kind: 'wrongChain',
    title: 'Wrong network',
    message: `Your wallet is on chain ${walletChainId}; this proposal is for ${chainName} (chain ${chainId}). Nothing was sent. Switch your wallet to ${chainName} and press Protect again.`,
  }
}

export function chainSwitchedFailure(completion: Completion, walletChainId: number, chainName: string): ProtectFailure {
  const done = completionText(completion)
  return {
    kind: 'chainSwitched',
    title: 'Network changed mid-way',
    message: `Your wallet switched to chain ${walletChainId} while the calls were being sent, so the sequence stopped: nothing more goes to a chain other than ${chainName}.${done ? ` ${done}` : ' Nothing was sent.'}`,
  }
}

export function wrongAccountFailure(walletAccount: string, account: string): ProtectFailure {
  return {
    kind: 'wrongAccount',
    title: 'Another account is connected',
    message: `Your wallet is connected as ${walletAccount}, but this proposal is for ${account}. Nothing was sent.`,
  }
}

/** After a reload, when a sequence had not sent all its calls: the rest will not be sent by this page. */
export function interruptedFailure(completion: Completion, unsentFrom: number): ProtectFailure {
  const awaiting = completion.calls[unsentFrom]
  const done = completionText(completion)
  return {
    kind: 'interrupted',
    title: 'Interrupted by a reload',
    message: `The page was closed or reloaded after ${completion.confirmed} of ${completion.calls.length} calls. ${done || 'Nothing went through.'} If your wallet still asks you to sign “${awaiting?.label}”, reject it; the page will offer an updated proposal.`,
  }
}

export function unexpectedFailure(message: string, completion: Completion): ProtectFailure {
  const done = completionText(completion)
  return {
    kind: 'error',
    title: 'Protect stopped',
    message: `${message}${done ? ` ${done}` : ' Nothing was sent.'}`,
  }
}

/** The re-check found the proposal no longer does what it said. */
export function staleMessage(simulatedHfWad: bigint | undefined, requiredWad: bigint, callsOk: boolean): string {
  const found = !callsOk
    ? 'one of its calls would now fail'
    : `it would now reach only ${formatHealthFactor(simulatedHfWad ?? 0n)} (it needs ${formatHealthFactor(requiredWad)})`
  return `Your position changed since this proposal: ${found}. Nothing was sent. Here is the updated one.`
}

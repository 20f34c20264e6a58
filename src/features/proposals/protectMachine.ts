import type { Hex } from 'viem'

/**
 * "Protect" as a state machine: idle → rechecking → signing ⇄ pending → confirmed, or → stale
 * (the position changed since the proposal) or → failed. Pure: the runner (runProtect.ts) does
 * the work and reports events; the panel renders the state. An event that does not fit the
 * current phase is ignored (the same state object comes back), which is what makes a second click
 * or a late event from an abandoned run harmless.
 */

export type CallStatus = 'waiting' | 'signing' | 'pending' | 'confirmed' | 'reverted' | 'notSent'

export type CallState = { label: string; status: CallStatus; hash?: Hex }

export type ProtectFailureKind =
  | 'rejected'
  | 'reverted'
  | 'wrongChain'
  | 'chainSwitched'
  | 'wrongAccount'
  | 'interrupted'
  | 'error'

export type ProtectFailure = { kind: ProtectFailureKind; title: string; message: string }

export type ProtectMode = 'batch' | 'sequence'

export type ProtectState =
  | { phase: 'idle' }
  | { phase: 'rechecking'; proposalId: string }
  | { phase: 'stale'; proposalId: string; message: string }
  | { phase: 'signing' | 'pending'; proposalId: string; mode: ProtectMode; calls: CallState[] }
  | {
      phase: 'confirmed'
      proposalId: string
      mode: ProtectMode
      calls: CallState[]
      blockNumber: bigint
      healthFactorWad: bigint
    }
  | { phase: 'failed'; proposalId: string; mode?: ProtectMode; calls?: CallState[]; failure: ProtectFailure }

export type ProtectEvent =
  | { type: 'start'; proposalId: string }
  | { type: 'stale'; message: string }
  | { type: 'ready'; mode: ProtectMode; labels: string[] }
  /** A sequence's call `index` was sent (hash known): waiting for its receipt. */
  | { type: 'sent'; index: number; hash: Hex }
  /** The batch was handed to the wallet and accepted. */
  | { type: 'batchSent' }
  | { type: 'callConfirmed'; index: number; hash?: Hex }
  | { type: 'done'; blockNumber: bigint; healthFactorWad: bigint }
  /** `index`: the call that failed (reverted), if one did. */
  | { type: 'fail'; failure: ProtectFailure; index?: number }
  /** After a reload: calls already sent (hash) are pending, the others not sent yet. */
  | { type: 'resume'; proposalId: string; mode: ProtectMode; calls: { label: string; hash: Hex | null }[] }
  | { type: 'dismiss' }

export const IDLE: ProtectState = { phase: 'idle' }

export const isBusy = (s: ProtectState) => s.phase === 'rechecking' || s.phase === 'signing' || s.phase === 'pending'
const isTerminal = (s: ProtectState) =>
  s.phase === 'idle' || s.phase === 'stale' || s.phase === 'confirmed' || s.phase === 'failed'

const setCall = (calls: CallState[], index: number, change: Partial<CallState>) =>
  calls.map((c, i) => (i === index ? { ...c, ...change } : c))

export function protectReducer(state: ProtectState, event: ProtectEvent): ProtectState {
  switch (event.type) {
    case 'start':
      return isTerminal(state) ? { phase: 'rechecking', proposalId: event.proposalId } : state
    case 'stale':
      return state.phase === 'rechecking'
        ? { phase: 'stale', proposalId: state.proposalId, message: event.message }
        : state
    case 'ready': {
      if (state.phase !== 'rechecking') return state
      const calls: CallState[] = event.labels.map((label, i) => ({
        label,
        status: event.mode === 'batch' || i === 0 ? 'signing' : 'waiting',
      }))
      return { phase: 'signing', proposalId: state.proposalId, mode: event.mode, calls }
    }
    case 'sent':
      if (state.phase !== 'signing' || state.mode !== 'sequence' || state.calls[event.index]?.status !== 'signing')
        return state
      return {
        ...state,
        phase: 'pending',
        calls: setCall(state.calls, event.index, { status: 'pending', hash: event.hash }),
      }
    case 'batchSent':
      if (state.phase !== 'signing' || state.mode !== 'batch') return state
      return { ...state, phase: 'pending', calls: state.calls.map((c) => ({ ...c, status: 'pending' })) }
    case 'callConfirmed': {
      if (state.phase !== 'pending' || state.calls[event.index]?.status !== 'pending') return state
      const hash = event.hash ?? state.calls[event.index]?.hash
      let calls = setCall(state.calls, event.index, { status: 'confirmed', ...(hash ? { hash } : {}) })
      const next = event.index + 1
      // A sequence signs the next call once this one is in: its gas and checks depend on this one's effect.
      if (state.mode === 'sequence' && calls[next]?.status === 'waiting') {
        calls = setCall(calls, next, { status: 'signing' })
        return { ...state, phase: 'signing', calls }
      }
      return { ...state, calls }
    }
    case 'done':
      if (state.phase !== 'pending' || state.calls.some((c) => c.status !== 'confirmed')) return state
      return { ...state, phase: 'confirmed', blockNumber: event.blockNumber, healthFactorWad: event.healthFactorWad }
    case 'fail': {
      if (state.phase === 'rechecking') return { phase: 'failed', proposalId: state.proposalId, failure: event.failure }
      if (state.phase !== 'signing' && state.phase !== 'pending') return state
      const calls = state.calls.map((c, i): CallState => {
        if (i === event.index) return { ...c, status: 'reverted' }
        if (c.status === 'confirmed' || c.status === 'reverted') return c
        // A pending call whose outcome is unknown keeps its hash; anything not yet sent is marked so.
        return { ...c, status: c.hash ? c.status : 'notSent' }
      })
      return { phase: 'failed', proposalId: state.proposalId, mode: state.mode, calls, failure: event.failure }
    }
    case 'resume': {
      if (state.phase !== 'idle') return state
      const calls: CallState[] = event.calls.map((c) =>
        c.hash ? { label: c.label, status: 'pending', hash: c.hash } : { label: c.label, status: 'waiting' },
      )
      return { phase: 'pending', proposalId: event.proposalId, mode: event.mode, calls }
    }
    case 'dismiss':
      return state.phase === 'stale' || state.phase === 'confirmed' || state.phase === 'failed' ? IDLE : state
  }
}

/** "2 of 3 confirmed" for a state with calls; undefined otherwise. */
export function progressText(state: ProtectState): string | undefined {
  if (!('calls' in state) || !state.calls) return undefined
  const confirmed = state.calls.filter((c) => c.status === 'confirmed').length
  return `${confirmed} of ${state.calls.length} confirmed`
}

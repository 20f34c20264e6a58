import { describe, expect, test } from 'vitest'
import { IDLE, isBusy, type ProtectEvent, type ProtectState, progressText, protectReducer } from './protectMachine'

const HASH_A = `0x${'aa'.repeat(32)}` as const
const HASH_B = `0x${'bb'.repeat(32)}` as const
const run = (events: ProtectEvent[], from: ProtectState = IDLE) => events.reduce(protectReducer, from)
const failure = { kind: 'rejected' as const, title: 'Signature rejected', message: 'nothing was sent' }

describe('the Protect state machine', () => {
  test('a sequence: rechecking → signing → pending per call, "n of m confirmed", then confirmed', () => {
    let s = run([
      { type: 'start', proposalId: 'repay:usdc' },
      { type: 'ready', mode: 'sequence', labels: ['Approve', 'Repay'] },
    ])
    expect(s).toMatchObject({ phase: 'signing', calls: [{ status: 'signing' }, { status: 'waiting' }] })
    s = run([{ type: 'sent', index: 0, hash: HASH_A }], s)
    expect(s.phase).toBe('pending')
    s = run([{ type: 'callConfirmed', index: 0 }], s)
    // The next call is signed only once the previous one is in.
    expect(s).toMatchObject({ phase: 'signing', calls: [{ status: 'confirmed', hash: HASH_A }, { status: 'signing' }] })
    expect(progressText(s)).toBe('1 of 2 confirmed')
    s = run(
      [
        { type: 'sent', index: 1, hash: HASH_B },
        { type: 'callConfirmed', index: 1 },
        { type: 'done', blockNumber: 12n, healthFactorWad: 15n },
      ],
      s,
    )
    expect(s).toMatchObject({ phase: 'confirmed', blockNumber: 12n, healthFactorWad: 15n })
    expect(progressText(s)).toBe('2 of 2 confirmed')
  })

  test('a batch: every call signs at once, then all pending, then confirmed', () => {
    const s = run([
      { type: 'start', proposalId: 'p' },
      { type: 'ready', mode: 'batch', labels: ['a', 'b', 'c'] },
    ])
    expect(s).toMatchObject({ calls: [{ status: 'signing' }, { status: 'signing' }, { status: 'signing' }] })
    const sent = run([{ type: 'batchSent' }], s)
    expect(sent).toMatchObject({
      phase: 'pending',
      calls: [{ status: 'pending' }, { status: 'pending' }, { status: 'pending' }],
    })
    // Not done until every call is confirmed.
    expect(run([{ type: 'done', blockNumber: 1n, healthFactorWad: 1n }], sent)).toBe(sent)
  })

  test('no double submission: start while busy is ignored, the same state object comes back', () => {
    const rechecking = run([{ type: 'start', proposalId: 'a' }])
    expect(isBusy(rechecking)).toBe(true)
    expect(protectReducer(rechecking, { type: 'start', proposalId: 'b' })).toBe(rechecking)
    const signing = run([{ type: 'ready', mode: 'sequence', labels: ['x'] }], rechecking)
    expect(protectReducer(signing, { type: 'start', proposalId: 'b' })).toBe(signing)
    const pending = run([{ type: 'sent', index: 0, hash: HASH_A }], signing)
    expect(protectReducer(pending, { type: 'start', proposalId: 'b' })).toBe(pending)
    // A late or duplicate event from the run does not move it either.
    expect(protectReducer(pending, { type: 'sent', index: 0, hash: HASH_B })).toBe(pending)
    expect(protectReducer(pending, { type: 'ready', mode: 'batch', labels: [] })).toBe(pending)
  })

  test('a rejection mid-sequence keeps what was confirmed and marks the rest not sent', () => {
    const s = run([
      { type: 'start', proposalId: 'p' },
      { type: 'ready', mode: 'sequence', labels: ['Approve', 'Repay', 'Approve 0'] },
      { type: 'sent', index: 0, hash: HASH_A },
      { type: 'callConfirmed', index: 0 },
      { type: 'fail', failure },
    ])
    expect(s).toMatchObject({
      phase: 'failed',
      failure,
      calls: [{ status: 'confirmed' }, { status: 'notSent' }, { status: 'notSent' }],
    })
  })

  test('a reverted call is marked reverted', () => {
    const s = run([
      { type: 'start', proposalId: 'p' },
      { type: 'ready', mode: 'sequence', labels: ['a', 'b'] },
      { type: 'sent', index: 0, hash: HASH_A },
      { type: 'fail', index: 0, failure: { ...failure, kind: 'reverted' } },
    ])
    expect(s).toMatchObject({ phase: 'failed', calls: [{ status: 'reverted' }, { status: 'notSent' }] })
  })

  test('stale and failed runs can be dismissed or started again; confirmed too', () => {
    const stale = run([
      { type: 'start', proposalId: 'p' },
      { type: 'stale', message: 'changed' },
    ])
    expect(stale).toEqual({ phase: 'stale', proposalId: 'p', message: 'changed' })
    expect(protectReducer(stale, { type: 'dismiss' })).toBe(IDLE)
    expect(protectReducer(stale, { type: 'start', proposalId: 'q' })).toEqual({ phase: 'rechecking', proposalId: 'q' })
    const failed = run([
      { type: 'start', proposalId: 'p' },
      { type: 'fail', failure },
    ])
    expect(failed.phase).toBe('failed')
    expect(protectReducer(failed, { type: 'dismiss' })).toBe(IDLE)
    // Dismiss does nothing while busy.
    const busy = run([{ type: 'start', proposalId: 'p' }])
    expect(protectReducer(busy, { type: 'dismiss' })).toBe(busy)
  })

  test('resume after a reload: sent calls pending, unsent ones waiting; only from idle', () => {
    const s = run([
      {
        type: 'resume',
        proposalId: 'p',
        mode: 'sequence',
        calls: [
          { label: 'a', hash: HASH_A },
          { label: 'b', hash: null },
        ],
      },
    ])
    expect(s).toMatchObject({ phase: 'pending', calls: [{ status: 'pending', hash: HASH_A }, { status: 'waiting' }] })
    expect(protectReducer(s, { type: 'resume', proposalId: 'q', mode: 'batch', calls: [] })).toBe(s)
  })
})

import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterEach, describe, expect, test, vi } from 'vitest'
import type { Hex } from '../../engine/snapshot'
import { type HistoryDb, openHistoryDb } from './historyDb'
import { createHistoryStore, type HistoryStoreOptions } from './historyStore'
import { blocksOf, pointAt } from './historyTesting'

const alice: Hex = '0x00000000000000000000000000000000000000a1'
const bob: Hex = '0x00000000000000000000000000000000000000b0'
const CHAIN = 31337
// The wall clock a little after block 1000 of pointAt's chain (2 s blocks).
const NOW = pointAt(1_000).time + 10

const openDb = (factory: IDBFactory) => openHistoryDb({ indexedDB: factory, IDBKeyRange, onError: () => undefined })
function setup(factory = new IDBFactory(), options: HistoryStoreOptions = {}) {
  const db = openDb(factory)
  const store = createHistoryStore({ db, now: () => NOW, lifecycle: null, ...options })
  const { actions } = store.getState()
  const blocks = () => blocksOf(store.getState().buffer.toArray())
  return { factory, db, store, actions, blocks }
}
/** A reload: a new store on a new connection to the same IndexedDB. */
const reload = (factory: IDBFactory, options: HistoryStoreOptions = {}) => setup(factory, options)
const record = (actions: { record: (p: ReturnType<typeof pointAt>) => void }, from: number, to: number) => {
  for (let b = from; b <= to; b++) actions.record(pointAt(b))
}

afterEach(() => vi.useRealTimers())

describe('history store', () => {
  test('recorded points come back after a reload, with their markers', async () => {
    const first = setup()
    await first.actions.activate(CHAIN, alice)
    record(first.actions, 990, 1_000)
    first.actions.mark(995n, { kind: 'protect', txHash: '0xfeed' })
    await first.actions.dispose()

    const second = reload(first.factory)
    expect(second.blocks()).toEqual([])
    const loading = second.actions.activate(CHAIN, alice)
    expect(second.store.getState().loading).toBe(true)
    await loading
    expect(second.store.getState()).toMatchObject({ loading: false, status: { kind: 'persisted' } })
    expect(second.blocks()).toEqual(Array.from({ length: 11 }, (_, i) => 990 + i))
    expect(second.store.getState().buffer.find(995n)?.marker).toEqual({ kind: 'protect', txHash: '0xfeed' })
    expect(second.store.getState().buffer.toArray()[0]).toEqual(pointAt(990))
  })

  test('a returning user gets the last day; older points are neither loaded nor kept on disk', async () => {
    const old = setup(new IDBFactory(), { now: () => NOW - 86_400 })
    await old.actions.activate(CHAIN, alice)
    // Blocks 1..1000 span 2000 s; a 1000 s window from NOW (block 1000 + 10 s) keeps blocks ≥ 505.
    record(old.actions, 1, 1_000)
    await old.actions.dispose()

    const next = reload(old.factory, { windowSeconds: 1_000 })
    await next.actions.activate(CHAIN, alice)
    const since = NOW - 1_000
    expect(
      next.store
        .getState()
        .buffer.toArray()
        .every((p) => p.time >= since),
    ).toBe(true)
    expect(next.blocks()[0]).toBe(505)
    await next.actions.flush()
    expect(blocksOf(await openDb(old.factory).load(CHAIN, alice, 0))[0]).toBe(505)
  })

  test('switching account shows only that account, and switching back restores the first', async () => {
    const { actions, store, blocks } = setup()
    await actions.activate(CHAIN, alice)
    record(actions, 1, 5)
    await actions.activate(CHAIN, bob)
    expect(store.getState().key).toEqual({ chainId: CHAIN, account: bob })
    expect(blocks()).toEqual([])
    record(actions, 100, 101)
    await actions.activate(1, bob) // same address on another chain is another history
    expect(blocks()).toEqual([])
    await actions.activate(CHAIN, alice.toUpperCase().replace('0X', '0x') as Hex)
    expect(blocks()).toEqual([1, 2, 3, 4, 5])
    await actions.activate(CHAIN, bob)
    expect(blocks()).toEqual([100, 101])
  })

  test('points show at once and are written in batches: 50 points or 2 s, whichever first', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { db, actions, store, blocks } = setup()
    const append = vi.spyOn(db, 'append')
    const batches = () => append.mock.calls.map(([, , points]) => blocksOf(points))
    const span = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)
    await actions.activate(CHAIN, alice)
    const version = store.getState().version
    record(actions, 1, 120)
    expect(blocks()).toHaveLength(120)
    expect(store.getState().version).toBe(version + 120)
    await actions.idle()
    expect(batches()).toEqual([span(1, 50), span(51, 100)])
    vi.advanceTimersByTime(1_999)
    await actions.idle()
    expect(append).toHaveBeenCalledTimes(2)
    vi.advanceTimersByTime(1)
    await actions.idle()
    expect(batches()).toEqual([span(1, 50), span(51, 100), span(101, 120)])
    await actions.flush()
    expect(append).toHaveBeenCalledTimes(3) // nothing left to write
  })

  test('the same block recorded again (a re-render, new settings) is one point and one write', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { db, actions, blocks } = setup()
    const append = vi.spyOn(db, 'append')
    await actions.activate(CHAIN, alice)
    actions.record(pointAt(7))
    actions.record(pointAt(7, { probability24h: 0.2 }))
    vi.advanceTimersByTime(2_000)
    await actions.idle()
    expect(blocks()).toEqual([7])
    expect(append.mock.calls.map(([, , points]) => points.map((p) => p.probability24h))).toEqual([[0.2]])
  })

  test('the page hiding writes what is pending at once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const page = new EventTarget()
    const { db, actions } = setup(new IDBFactory(), { lifecycle: page })
    const append = vi.spyOn(db, 'append')
    await actions.activate(CHAIN, alice)
    record(actions, 1, 3)
    page.dispatchEvent(new Event('visibilitychange'))
    await actions.idle()
    expect(append).toHaveBeenCalledTimes(1)
    record(actions, 4, 4)
    page.dispatchEvent(new Event('pagehide'))
    await actions.idle()
    expect(append).toHaveBeenCalledTimes(2)
    record(actions, 5, 5)
    await actions.dispose() // writes block 5 and stops listening
    page.dispatchEvent(new Event('pagehide'))
    await actions.idle()
    expect(blocksOf(append.mock.calls.flatMap(([, , points]) => points))).toEqual([1, 2, 3, 4, 5])
  })

  test('a reorganisation replaces the stored blocks from the fork on', async () => {
    const { factory, db, actions, blocks } = setup()
    const replaceFrom = vi.spyOn(db, 'replaceFrom')
    await actions.activate(CHAIN, alice)
    record(actions, 1, 10)
    await actions.flush()
    actions.record(pointAt(7, { healthFactor: 0.7 }))
    actions.record(pointAt(8))
    expect(blocks()).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    await actions.flush()
    expect(replaceFrom).toHaveBeenCalledTimes(1)
    expect(replaceFrom.mock.calls[0]?.[2]).toBe(7n)
    expect(blocksOf(await openDb(factory).load(CHAIN, alice, 0))).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
  })

  test('a devnet restarted under the same chain id drops the dead chain, also while loading', async () => {
    const old = setup()
    await old.actions.activate(CHAIN, alice)
    record(old.actions, 200, 1_000)
    await old.actions.dispose()

    const next = reload(old.factory)
    const loading = next.actions.activate(CHAIN, alice)
    // A lower block than the newest stored, later than anything stored: blocks 200..299 are of a dead chain too.
    next.actions.record(pointAt(300, { time: NOW }))
    next.actions.record(pointAt(301, { time: NOW + 2 }))
    await loading
    expect(next.blocks()).toEqual([300, 301])
    await next.actions.flush()
    expect(blocksOf(await openDb(old.factory).load(CHAIN, alice, 0))).toEqual([300, 301])
  })

  test('live points recorded while history loads are kept after the loaded ones', async () => {
    const old = setup()
    await old.actions.activate(CHAIN, alice)
    record(old.actions, 990, 995)
    await old.actions.dispose()

    const next = reload(old.factory)
    const loading = next.actions.activate(CHAIN, alice)
    record(next.actions, 996, 997)
    next.actions.mark(993n, { kind: 'protect', txHash: '0x93' }) // a stored block, not loaded yet
    expect(next.blocks()).toEqual([996, 997])
    await loading
    expect(next.blocks()).toEqual([990, 991, 992, 993, 994, 995, 996, 997])
    expect(next.store.getState().buffer.find(993n)?.marker?.txHash).toBe('0x93')
    await next.actions.flush()
    expect((await openDb(old.factory).load(CHAIN, alice, 0)).find((p) => p.block === 993n)?.marker?.txHash).toBe('0x93')
  })

  test('a protective transaction marks its block, or the first point after it when its block has none', async () => {
    const { factory, actions, store } = setup()
    await actions.activate(CHAIN, alice)
    record(actions, 1, 3)
    const marker = (txHash: Hex) => ({ kind: 'protect', txHash }) as const
    actions.mark(2n, marker('0x02'))
    actions.mark(5n, marker('0x05')) // no report of block 5 yet
    actions.record(pointAt(4))
    actions.record(pointAt(6)) // block 5 was coalesced into 6
    actions.record(pointAt(6, { healthFactor: 1.1 })) // block 6 again keeps its marker
    const marked = () =>
      store
        .getState()
        .buffer.toArray()
        .filter((p) => p.marker)
        .map((p) => [Number(p.block), p.marker?.txHash])
    expect(marked()).toEqual([
      [2, '0x02'],
      [6, '0x05'],
    ])
    await actions.flush()
    const persisted = await openDb(factory).load(CHAIN, alice, 0)
    expect(persisted.filter((p) => p.marker).map((p) => Number(p.block))).toEqual([2, 6])
  })

  test('without IndexedDB the history works in memory and says why it is not kept', async () => {
    const broken = {
      open: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError')
      },
    } as unknown as IDBFactory
    const db: HistoryDb = openHistoryDb({ indexedDB: broken, IDBKeyRange, onError: () => undefined })
    const store = createHistoryStore({ db, now: () => NOW, lifecycle: null })
    const { actions } = store.getState()
    await actions.activate(CHAIN, alice)
    record(actions, 1, 3)
    await actions.flush()
    expect(blocksOf(store.getState().buffer.toArray())).toEqual([1, 2, 3])
    expect(store.getState().status).toMatchObject({
      kind: 'memory-only',
      reason: expect.stringMatching(/SecurityError/),
    })
  })

  test('a point before any account is active is ignored; the array is the same until a change', async () => {
    const { actions, store } = setup()
    actions.record(pointAt(1))
    expect(store.getState().buffer.size).toBe(0)
    await actions.activate(CHAIN, alice)
    actions.record(pointAt(1))
    const points = store.getState().buffer.toArray()
    expect(store.getState().buffer.toArray()).toBe(points)
    actions.record(pointAt(2))
    expect(store.getState().buffer.toArray()).not.toBe(points)
  })
})

import { forceCloseDatabase, IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterEach, describe, expect, test, vi } from 'vitest'
import type { Hex } from '../../engine/snapshot'
import { MAX_UINT256 } from '../../engine/wadRayMath'
import { HISTORY_DB_NAME, type HistoryDbOptions, openHistoryDb } from './historyDb'
import { blocksOf, pointAt } from './historyTesting'

const alice: Hex = '0x00000000000000000000000000000000000000A1'
const bob: Hex = '0x00000000000000000000000000000000000000b0'
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => pointAt(from + i))
const open = (factory: IDBFactory, options: HistoryDbOptions = {}) =>
  openHistoryDb({ indexedDB: factory, IDBKeyRange, onError: vi.fn(), ...options })

afterEach(() => vi.unstubAllGlobals())

describe('history in IndexedDB', () => {
  test('a new connection (a reload) reads back exactly what the old one wrote', async () => {
    const factory = new IDBFactory()
    const before = open(factory)
    const points = [
      pointAt(1, { probability24h: 0.0123 }),
      pointAt(2, { marker: { kind: 'protect', txHash: '0xabc' } }),
      pointAt(3, { healthFactorWad: MAX_UINT256, healthFactor: Number.POSITIVE_INFINITY, totalDebtBase: 0n }),
    ]
    await before.append(31337, alice, points)
    expect(before.status()).toEqual({ kind: 'persisted' })
    before.close()

    const after = open(factory)
    expect(await after.load(31337, alice, 0)).toEqual(points)
    expect(after.status()).toEqual({ kind: 'persisted' })
  })

  test('each chain and account has its own history; the account is matched case-insensitively', async () => {
    const db = open(new IDBFactory())
    await db.append(1, alice, range(1, 3))
    await db.append(10, alice, range(4, 5))
    await db.append(1, bob, range(6, 6))
    expect(blocksOf(await db.load(1, alice.toLowerCase() as Hex, 0))).toEqual([1, 2, 3])
    expect(blocksOf(await db.load(10, alice, 0))).toEqual([4, 5])
    expect(blocksOf(await db.load(1, bob, 0))).toEqual([6])
    expect(await db.load(137, bob, 0)).toEqual([])
  })

  test('load returns the points since a block time, oldest first, at most the newest `limit`', async () => {
    const db = open(new IDBFactory())
    await db.append(1, alice, [...range(1, 10)].reverse())
    expect(blocksOf(await db.load(1, alice, pointAt(5).time))).toEqual([5, 6, 7, 8, 9, 10])
    expect(blocksOf(await db.load(1, alice, pointAt(5).time - 1))).toEqual([5, 6, 7, 8, 9, 10])
    expect(blocksOf(await db.load(1, alice, 0, 3))).toEqual([8, 9, 10])
  })

  test('a reorganisation deletes the stored blocks from the fork on and stores the new ones', async () => {
    const factory = new IDBFactory()
    const db = open(factory)
    // Across 0xff → 0x100: block keys must sort as numbers, not as strings of different lengths.
    await db.append(1, alice, range(250, 260))
    await db.append(1, bob, range(250, 260))
    await db.replaceFrom(1, alice, 256n, [pointAt(256, { totalDebtBase: 1n }), pointAt(257)])
    db.close()
    const reloaded = open(factory)
    const points = await reloaded.load(1, alice, 0)
    expect(blocksOf(points)).toEqual([250, 251, 252, 253, 254, 255, 256, 257])
    expect(points.find((p) => p.block === 256n)?.totalDebtBase).toBe(1n)
    expect(blocksOf(await reloaded.load(1, bob, 0))).toHaveLength(11)
  })

  test('prune deletes the points older than the kept window, of that account only', async () => {
    const db = open(new IDBFactory())
    await db.append(1, alice, range(1, 10))
    await db.append(1, bob, range(1, 10))
    await db.prune(1, alice, pointAt(6).time)
    expect(blocksOf(await db.load(1, alice, Number.NEGATIVE_INFINITY))).toEqual([6, 7, 8, 9, 10])
    expect(blocksOf(await db.load(1, bob, Number.NEGATIVE_INFINITY))).toHaveLength(10)
  })

  test('without IndexedDB (private mode, SSR) history is memory-only with a reason, reported once', async () => {
    vi.stubGlobal('indexedDB', undefined)
    const onError = vi.fn()
    const db = openHistoryDb({ onError })
    expect(db.status()).toMatchObject({ kind: 'memory-only', reason: expect.stringMatching(/not available/) })
    await db.append(1, alice, range(1, 3))
    expect(await db.load(1, alice, 0)).toEqual([])
    await db.prune(1, alice, 0)
    expect(onError).toHaveBeenCalledTimes(1)
  })

  test('the global IndexedDB is used by default', async () => {
    const factory = new IDBFactory()
    vi.stubGlobal('indexedDB', factory)
    vi.stubGlobal('IDBKeyRange', IDBKeyRange)
    await openHistoryDb().append(1, alice, range(1, 2))
    expect(blocksOf(await open(factory).load(1, alice, 0))).toEqual([1, 2])
  })

  test('open() throwing or failing falls back to memory with the reason', async () => {
    const onError = vi.fn()
    const throwing = {
      open: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError')
      },
    } as unknown as IDBFactory
    const db = open(throwing, { onError })
    expect(await db.load(1, alice, 0)).toEqual([])
    await db.append(1, alice, range(1, 2))
    expect(db.status()).toMatchObject({ kind: 'memory-only', reason: expect.stringMatching(/SecurityError/) })
    expect(onError).toHaveBeenCalledTimes(1)

    // A database left at a newer schema by a newer app version: open(name, 1) fails with a VersionError.
    const factory = new IDBFactory()
    await new Promise((resolve) => {
      factory.open(HISTORY_DB_NAME, 99).onsuccess = (event) =>
        resolve((event.target as IDBOpenDBRequest).result.close())
    })
    const downgraded = open(factory)
    await downgraded.append(1, alice, range(1, 2))
    expect(downgraded.status()).toMatchObject({ kind: 'memory-only', reason: expect.stringMatching(/VersionError/) })
  })

  test('a transaction failing later (the browser closed the connection) turns memory-only, reported once', async () => {
    const factory = new IDBFactory()
    const connections: IDBDatabase[] = []
    const watched = {
      open: (name: string, version?: number) => {
        const request = factory.open(name, version)
        request.addEventListener('success', () => connections.push(request.result))
        return request
      },
    } as unknown as IDBFactory
    const onError = vi.fn()
    const db = open(watched, { onError })
    await db.append(1, alice, range(1, 2))
    expect(db.status()).toEqual({ kind: 'persisted' })
    forceCloseDatabase(connections[0] as never)
    await db.append(1, alice, range(3, 4))
    await db.append(1, alice, range(5, 6))
    expect(await db.load(1, alice, 0)).toEqual([])
    expect(db.status()).toMatchObject({ kind: 'memory-only', reason: expect.stringMatching(/transaction failed/) })
    expect(onError).toHaveBeenCalledTimes(1)
    expect(blocksOf(await open(factory).load(1, alice, 0))).toEqual([1, 2])
  })
})

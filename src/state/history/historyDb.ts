import type { Hex } from '../../engine/snapshot'
import { type HistoryPoint, healthFactorFloat } from './historyPoint'
import { DEFAULT_HISTORY_CAPACITY } from './ringBuffer'

/** Whether history survives a reload; the page shows the reason when it does not. */
export type HistoryStatus = { kind: 'persisted' } | { kind: 'memory-only'; reason: string }

/**
 * The per-block history of accounts in IndexedDB. Every method settles (never rejects): when
 * IndexedDB is missing or a transaction fails, the handle turns memory-only for good, reports the
 * error once, and from then on reads nothing and writes nothing, so the caller keeps its history in
 * memory as if nothing happened and shows `status()`.
 */
export type HistoryDb = {
  status(): HistoryStatus
  /** The points of an account from `sinceTime` (block time, s) on, oldest first, at most the newest `limit`. */
  load(chainId: number, account: Hex, sinceTime: number, limit?: number): Promise<HistoryPoint[]>
  /** Stores (or overwrites, by block) points in one transaction. */
  append(chainId: number, account: Hex, points: readonly HistoryPoint[]): Promise<void>
  /** A reorganisation: deletes every stored block ≥ `block`, then stores `points`, in one transaction. */
  replaceFrom(chainId: number, account: Hex, block: bigint, points: readonly HistoryPoint[]): Promise<void>
  /** Deletes the account's points older than `keepSinceTime` (block time, s). */
  prune(chainId: number, account: Hex, keepSinceTime: number): Promise<void>
  close(): void
}

export type HistoryDbOptions = {
  /** The IndexedDB factory; `globalThis.indexedDB` by default (absent in SSR, Node, some private modes). */
  indexedDB?: IDBFactory
  IDBKeyRange?: typeof IDBKeyRange
  name?: string
  /** Called once, when the handle turns memory-only; console.warn by default. */
  onError?: (reason: string, error: unknown) => void
}

export const HISTORY_DB_NAME = 'marginguard-history'
export const HISTORY_DB_VERSION = 1
const POINTS = 'points'
const BY_TIME = 'byAccountTime'

/** The stored form (schema 1): bigints as hex strings; the block fixed-width so that key order is block order. */
type StoredPoint = {
  chainId: number
  account: string
  block: string
  time: number
  healthFactorWad: string
  totalCollateralBase: string
  totalDebtBase: string
  prices: Record<string, string>
  probability24h?: number
  marker?: HistoryPoint['marker']
}

/**
 * Schema migrations: entry v upgrades a database at version v to v + 1, inside the versionchange
 * transaction. A new schema appends an entry and bumps HISTORY_DB_VERSION; old entries never change.
 */
const MIGRATIONS: ((db: IDBDatabase, tx: IDBTransaction) => void)[] = [
  (db) => {
    const store = db.createObjectStore(POINTS, { keyPath: ['chainId', 'account', 'block'] })
    store.createIndex(BY_TIME, ['chainId', 'account', 'time'])
  },
]

const hex = (value: bigint) => `0x${value.toString(16)}`
const BLOCK_DIGITS = 16 // uint64 block numbers
const blockKey = (block: bigint) => {
  if (block < 0n || block >= 1n << 64n) throw new RangeError(`block ${block} is outside uint64`)
  return `0x${block.toString(16).padStart(BLOCK_DIGITS, '0')}`
}
const LAST_BLOCK_KEY = `0x${'f'.repeat(BLOCK_DIGITS)}`

function toStored(chainId: number, account: string, p: HistoryPoint): StoredPoint {
  const stored: StoredPoint = {
    chainId,
    account,
    block: blockKey(p.block),
    time: p.time,
    healthFactorWad: hex(p.healthFactorWad),
    totalCollateralBase: hex(p.totalCollateralBase),
    totalDebtBase: hex(p.totalDebtBase),
    prices: Object.fromEntries(Object.entries(p.prices).map(([asset, price]) => [asset, hex(price)])),
  }
  if (p.probability24h !== undefined) stored.probability24h = p.probability24h
  if (p.marker) stored.marker = p.marker
  return stored
}

function fromStored(s: StoredPoint): HistoryPoint {
  const healthFactorWad = BigInt(s.healthFactorWad)
  const point: HistoryPoint = {
    block: BigInt(s.block),
    time: s.time,
    healthFactor: healthFactorFloat(healthFactorWad),
    healthFactorWad,
    totalCollateralBase: BigInt(s.totalCollateralBase),
    totalDebtBase: BigInt(s.totalDebtBase),
    prices: Object.fromEntries(Object.entries(s.prices).map(([asset, price]) => [asset, BigInt(price)])),
  }
  if (s.probability24h !== undefined) point.probability24h = s.probability24h
  if (s.marker) point.marker = s.marker
  return point
}

const settled = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error)
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'))
  })

function openDatabase(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, HISTORY_DB_VERSION)
    request.onupgradeneeded = (event) => {
      const tx = request.transaction as IDBTransaction
      for (let v = event.oldVersion; v < HISTORY_DB_VERSION; v++) MIGRATIONS[v]?.(request.result, tx)
    }
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

export function openHistoryDb(options: HistoryDbOptions = {}): HistoryDb {
  let factory: IDBFactory | undefined
  try {
    factory = options.indexedDB ?? globalThis.indexedDB
  } catch {
    // some sandboxed or storage-blocked contexts throw on the very access
  }
  const KeyRange = options.IDBKeyRange ?? globalThis.IDBKeyRange
  const report = options.onError ?? ((reason, error) => console.warn(`history kept in memory only: ${reason}`, error))
  let status: HistoryStatus = { kind: 'persisted' }
  let connection: Promise<IDBDatabase | undefined> | undefined

  const fail = (reason: string, error: unknown) => {
    if (status.kind === 'memory-only') return
    status = { kind: 'memory-only', reason }
    report(reason, error)
    void connection?.then((db) => db?.close())
  }
  if (!factory || !KeyRange)
    fail('IndexedDB is not available here (private mode, server rendering or an old browser)', null)

  async function connect(factory: IDBFactory) {
    try {
      const db = await openDatabase(factory, options.name ?? HISTORY_DB_NAME)
      // Another tab upgrades the schema (a newer MarginGuard) or deletes the database: step aside, never block it.
      db.onversionchange = () => {
        db.close()
        fail('another tab is upgrading or deleting the saved history', null)
      }
      return db
    } catch (error) {
      fail(`IndexedDB could not be opened (${explain(error)})`, error)
      return undefined
    }
  }
  const database = () => {
    connection ??= status.kind === 'memory-only' || !factory ? Promise.resolve(undefined) : connect(factory)
    return connection
  }

  /** Runs one transaction on the points store; any failure turns the handle memory-only. */
  async function run<T>(mode: IDBTransactionMode, body: (store: IDBObjectStore) => () => T, fallback: T) {
    const db = await database()
    if (!db || status.kind === 'memory-only') return fallback
    let tx: IDBTransaction | undefined
    try {
      tx = db.transaction(POINTS, mode)
      const done = settled(tx)
      done.catch(() => undefined) // awaited below; this only keeps a throw in `body` from leaving it unhandled
      const result = body(tx.objectStore(POINTS))
      await done
      return result()
    } catch (error) {
      try {
        tx?.abort() // nothing of a failed batch may land half-way
      } catch {
        // the transaction had already finished or aborted
      }
      fail(`an IndexedDB transaction failed (${explain(error)})`, error)
      return fallback
    }
  }

  const accountRange = (chainId: number, account: string, from: number, to: number, openUpper = false) =>
    KeyRange.bound([chainId, account, from], [chainId, account, to], false, openUpper)

  return {
    status: () => status,
    load(chainId, account, sinceTime, limit = DEFAULT_HISTORY_CAPACITY) {
      return run(
        'readonly',
        (store) => {
          const out: HistoryPoint[] = []
          const range = accountRange(chainId, account.toLowerCase(), sinceTime, Number.POSITIVE_INFINITY)
          // Newest first, to stop at `limit`; by block time, then block (the primary key).
          const request = store.index(BY_TIME).openCursor(range, 'prev')
          request.onsuccess = () => {
            const cursor = request.result
            if (!cursor || out.length >= limit) return
            out.push(fromStored(cursor.value as StoredPoint))
            cursor.continue()
          }
          return () => out.reverse()
        },
        [],
      )
    },
    append(chainId, account, points) {
      if (points.length === 0) return Promise.resolve()
      const owner = account.toLowerCase()
      return run(
        'readwrite',
        (store) => {
          for (const p of points) store.put(toStored(chainId, owner, p))
          return () => undefined
        },
        undefined,
      )
    },
    replaceFrom(chainId, account, block, points) {
      const owner = account.toLowerCase()
      return run(
        'readwrite',
        (store) => {
          store.delete(KeyRange.bound([chainId, owner, blockKey(block)], [chainId, owner, LAST_BLOCK_KEY]))
          for (const p of points) store.put(toStored(chainId, owner, p))
          return () => undefined
        },
        undefined,
      )
    },
    prune(chainId, account, keepSinceTime) {
      return run(
        'readwrite',
        (store) => {
          const range = accountRange(chainId, account.toLowerCase(), Number.NEGATIVE_INFINITY, keepSinceTime, true)
          const request = store.index(BY_TIME).openKeyCursor(range)
          request.onsuccess = () => {
            const cursor = request.result
            if (!cursor) return
            store.delete(cursor.primaryKey)
            cursor.continue()
          }
          return () => undefined
        },
        undefined,
      )
    },
    close() {
      void connection?.then((db) => db?.close())
      connection = Promise.resolve(undefined)
    },
  }
}

const explain = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : error == null ? 'no detail' : String(error)

import { createStore } from 'zustand/vanilla'
import type { Hex } from '../../engine/snapshot'
import { type HistoryDb, type HistoryStatus, openHistoryDb } from './historyDb'
import { DAY_SECONDS, type HistoryMarker, type HistoryPoint } from './historyPoint'
import { createRingBuffer, DEFAULT_HISTORY_CAPACITY, type RingBuffer } from './ringBuffer'

export type HistoryKey = { chainId: number; account: Hex }

export type HistoryActions = {
  /** Shows this account's history: its persisted last day at once (resolves when loaded), then live points. */
  activate(chainId: number, account: Hex): Promise<void>
  /** Adds the active account's point of a block: in memory at once, persisted in batches. */
  record(point: HistoryPoint): void
  /** Marks where a protective transaction landed: the point of `block`, or the first one after it. */
  mark(block: bigint, marker: HistoryMarker): void
  /** Writes what is pending now (page hidden, account switch, tests); resolves when written. */
  flush(): Promise<void>
  /** Resolves when every database operation issued so far has settled (nothing new is written). */
  idle(): Promise<void>
  /** Stops the timers and page listeners after a last flush. */
  dispose(): Promise<void>
}

export type HistoryState = {
  key: HistoryKey | undefined
  /** Mutated in place: subscribe to `version`, then read `buffer.toArray()` (one array per change). */
  buffer: RingBuffer
  /** Bumped on every change of the buffer. */
  version: number
  status: HistoryStatus
  /** True while the active account's persisted points load. */
  loading: boolean
  actions: HistoryActions
}

export type HistoryStoreOptions = {
  db?: HistoryDb
  capacity?: number
  /** How far back history is loaded and kept on disk, in seconds (a day). */
  windowSeconds?: number
  /** A batch is written this long after its first point, or at `flushSize` points, whichever comes first. */
  flushIntervalMs?: number
  flushSize?: number
  /** Wall clock, unix seconds: history loads from `now() − windowSeconds`. */
  now?: () => number
  /** Where `pagehide` and `visibilitychange` arrive (they bubble to window); null for none. */
  lifecycle?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null
}

/**
 * A lower block with a later time than the newest held, more blocks back than any reorganisation
 * reaches: the chain was reset (a devnet restarted under the same chain id), so every held point
 * belongs to a chain that no longer exists.
 */
const RESET_DEPTH = 64n
const isChainReset = (newest: HistoryPoint, point: HistoryPoint) =>
  point.block < newest.block && point.time > newest.time && newest.block - point.block > RESET_DEPTH

const PRUNE_EVERY_SECONDS = 3_600
const sameKey = (key: HistoryKey | undefined, chainId: number, account: Hex) =>
  key !== undefined && key.chainId === chainId && key.account.toLowerCase() === account.toLowerCase()

/**
 * The history of the active (chain, account): a ring buffer in memory, persisted by historyDb.
 * Client state, not chain data: it is what the page saw, block by block. The disk schema carries its
 * own version and migrations (historyDb.ts); this store itself is not persisted.
 */
export function createHistoryStore(options: HistoryStoreOptions = {}) {
  const db = options.db ?? openHistoryDb()
  const capacity = options.capacity ?? DEFAULT_HISTORY_CAPACITY
  const windowSeconds = options.windowSeconds ?? DAY_SECONDS
  const flushIntervalMs = options.flushIntervalMs ?? 2_000
  const flushSize = options.flushSize ?? 50
  const now = options.now ?? (() => Date.now() / 1000)
  const lifecycle = options.lifecycle === undefined ? globalThis.window : (options.lifecycle ?? undefined)

  // Unwritten points by block, and the lowest block a reorganisation rewrote since the last write.
  let pending = new Map<bigint, HistoryPoint>()
  let replaceFrom: bigint | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  // Markers for blocks with no point yet (the report of that block has not arrived, or never will).
  let waitingMarkers: { block: bigint; marker: HistoryMarker }[] = []
  let prunedAt = Number.NEGATIVE_INFINITY
  let generation = 0
  let activation: Promise<void> = Promise.resolve()
  // Every database operation in call order, so a load sees the writes issued before it.
  let queue: Promise<unknown> = Promise.resolve()
  const enqueue = <T>(op: () => Promise<T>): Promise<T> => {
    const result = queue.then(op)
    queue = result.catch(() => undefined)
    return result
  }
  const idle = () => queue.then(() => undefined)

  const store = createStore<HistoryState>()((set, get) => {
    const changed = () => set((s) => ({ version: s.version + 1 }))
    const syncStatus = () => {
      if (db.status() !== get().status) set({ status: db.status() })
    }

    /** Puts one point into the buffer and, if `persist` (a live point, not a loaded one), into the next batch. */
    function ingest(point: HistoryPoint, buffer: RingBuffer, persist: boolean) {
      let p = point
      // A marker waiting for this block (or an earlier one with no point), or the one this block already had.
      const waiting = waitingMarkers.length > 0 ? waitingMarkers.findLast((m) => m.block <= p.block) : undefined
      const marker = waiting?.marker ?? buffer.find(p.block)?.marker
      if (marker && !p.marker) p = { ...p, marker }
      if (waiting) waitingMarkers = waitingMarkers.filter((m) => m.block > p.block)
      const newest = buffer.latest()
      if (newest && isChainReset(newest, p)) {
        buffer.clear()
        if (persist) {
          pending.clear()
          replaceFrom = 0n
        }
      }
      if (buffer.append(p) === 'reorged' && persist) {
        for (const block of pending.keys()) if (block >= p.block) pending.delete(block)
        replaceFrom = replaceFrom === undefined || p.block < replaceFrom ? p.block : replaceFrom
      }
      if (persist || p !== point) pending.set(p.block, p)
    }

    function schedule() {
      if (pending.size >= flushSize) void flush()
      else timer ??= setTimeout(() => void flush(), flushIntervalMs)
    }

    function flush(): Promise<void> {
      clearTimeout(timer)
      timer = undefined
      const { key, buffer } = get()
      if (!key || (pending.size === 0 && replaceFrom === undefined)) return idle()
      const batch = [...pending.values()].sort((a, b) => (a.block < b.block ? -1 : 1))
      const from = replaceFrom
      pending = new Map()
      replaceFrom = undefined
      const { chainId, account } = key
      const written = enqueue(async () => {
        if (from === undefined) await db.append(chainId, account, batch)
        else await db.replaceFrom(chainId, account, from, batch)
        syncStatus()
      })
      const newest = buffer.latest()
      if (newest && newest.time - prunedAt >= PRUNE_EVERY_SECONDS) {
        prunedAt = newest.time
        void enqueue(() => db.prune(chainId, account, newest.time - windowSeconds))
      }
      return written
    }

    const flushOnHide = () => void flush()
    lifecycle?.addEventListener('pagehide', flushOnHide)
    lifecycle?.addEventListener('visibilitychange', flushOnHide)

    return {
      key: undefined,
      buffer: createRingBuffer(capacity),
      version: 0,
      status: db.status(),
      loading: false,
      actions: {
        activate(chainId, account) {
          if (sameKey(get().key, chainId, account)) return activation
          void flush() // the previous account's batch, under its own key
          const token = ++generation
          const buffer = createRingBuffer(capacity)
          waitingMarkers = []
          const since = now() - windowSeconds
          prunedAt = since + windowSeconds
          set((s) => ({ key: { chainId, account }, buffer, version: s.version + 1, loading: true }))
          activation = enqueue(async () => {
            const loaded = await db.load(chainId, account, since, capacity)
            if (token !== generation) return
            // Live points recorded while loading are newer; replay them on top (a reorg or reset among them is kept).
            const live = buffer.toArray()
            buffer.clear()
            for (const p of loaded) ingest(p, buffer, false)
            for (const p of live) ingest(p, buffer, true)
            set((s) => ({ version: s.version + 1, loading: false, status: db.status() }))
            if (pending.size > 0) schedule()
            void enqueue(() => db.prune(chainId, account, since))
          })
          return activation
        },
        record(point) {
          const { key, buffer } = get()
          if (!key) return
          ingest(point, buffer, true)
          changed()
          schedule()
        },
        mark(block, marker) {
          const { buffer, loading } = get()
          const target = buffer.atOrAfter(block)
          // While loading, the block's own point may still come from disk: wait for it rather than mark a later one.
          if (!target || (loading && target.block !== block)) {
            waitingMarkers.push({ block, marker })
            return
          }
          const marked = buffer.update(target.block, (p) => ({ ...p, marker }))
          if (marked) pending.set(marked.block, marked)
          changed()
          schedule()
        },
        flush,
        idle,
        dispose() {
          lifecycle?.removeEventListener('pagehide', flushOnHide)
          lifecycle?.removeEventListener('visibilitychange', flushOnHide)
          return flush()
        },
      },
    }
  })
  return store
}

export type HistoryStore = ReturnType<typeof createHistoryStore>

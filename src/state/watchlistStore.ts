import { type Address, getAddress, isAddress } from 'viem'
import { useStore } from 'zustand'
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware'
import { createStore } from 'zustand/vanilla'

/** An account watched read-only: on which market, and the ENS name it was found by, if any. */
export type WatchTarget = {
  address: Address
  chainId: number
  /** A MarketDefinition id (markets.ts): the `market` URL parameter. */
  marketId: string
  ensName?: string
}

export type WatchlistEntry = WatchTarget & {
  /** Wall clock, ms since the epoch. */
  addedAt: number
}

export type WatchlistActions = {
  /** Watches this account instead of the connected wallet (not persisted: the URL carries it). */
  watch(target: WatchTarget): void
  stopWatching(): void
  /** Adds an account to the saved watchlist (again: updates its ENS name, keeps its place). */
  add(target: WatchTarget): void
  remove(target: WatchTarget): void
}

export type WatchlistState = {
  /** Saved accounts, oldest first: persisted. */
  entries: WatchlistEntry[]
  /** The account the page shows instead of the wallet's; null for the wallet. */
  watching: WatchTarget | null
  actions: WatchlistActions
}

type PersistedWatchlist = { entries: WatchlistEntry[] }

export const WATCHLIST_STORAGE_KEY = 'marginguard.watchlist'
export const WATCHLIST_VERSION = 1
/** Enough for a book of accounts; each one costs a read per block. */
export const WATCHLIST_MAX_ENTRIES = 50

/** Same account on the same market (addresses are kept checksummed, so === compares them). */
export const sameTarget = (a: WatchTarget, b: WatchTarget) =>
  a.address === b.address && a.chainId === b.chainId && a.marketId === b.marketId

const toTarget = ({ address, chainId, marketId, ensName }: WatchTarget): WatchTarget =>
  ensName
    ? { address: getAddress(address), chainId, marketId, ensName }
    : { address: getAddress(address), chainId, marketId }

/**
 * Keeps the well-formed entries of whatever was stored (a hand-edited localStorage, another
 * version of the app): a bad entry is dropped, never allowed to break the page or the others.
 */
export function sanitizeEntries(raw: unknown): WatchlistEntry[] {
  if (!Array.isArray(raw)) return []
  const entries: WatchlistEntry[] = []
  for (const item of raw) {
    if (!item || typeof item !== 'object') continue
    const { address, chainId, marketId, ensName, addedAt } = item as Record<string, unknown>
    if (typeof address !== 'string' || !isAddress(address, { strict: false })) continue
    if (typeof chainId !== 'number' || !Number.isSafeInteger(chainId) || chainId <= 0) continue
    if (typeof marketId !== 'string' || marketId === '') continue
    const entry: WatchlistEntry = {
      ...toTarget({
        address: address as Address,
        chainId,
        marketId,
        ensName: typeof ensName === 'string' ? ensName : undefined,
      }),
      addedAt: typeof addedAt === 'number' && Number.isFinite(addedAt) ? addedAt : 0,
    }
    if (!entries.some((e) => sameTarget(e, entry))) entries.push(entry)
    if (entries.length === WATCHLIST_MAX_ENTRIES) break
  }
  return entries
}

/**
 * Brings a stored watchlist of any earlier (or later: a rolled-back deploy) version to this one.
 * Version 0 is what an unversioned store wrote; every version so far keeps `entries`, so the
 * migration is the sanitising of those entries. A new version adds its step here.
 */
export function migrateWatchlist(persisted: unknown, _fromVersion: number): PersistedWatchlist {
  const entries = persisted && typeof persisted === 'object' ? (persisted as { entries?: unknown }).entries : undefined
  return { entries: sanitizeEntries(entries) }
}

export type WatchlistStoreOptions = {
  /** Where entries persist (JSON under WATCHLIST_STORAGE_KEY); the page's localStorage by default. */
  storage?: StateStorage
  /** Wall clock in ms (tests pass a fixed one). */
  now?: () => number
}

export function createWatchlistStore({ storage, now = Date.now }: WatchlistStoreOptions = {}) {
  return createStore<WatchlistState>()(
    persist(
      (set) => ({
        entries: [],
        watching: null,
        actions: {
          watch: (target) => set({ watching: toTarget(target) }),
          stopWatching: () => set({ watching: null }),
          add: (target) =>
            set((state) => {
              const next = toTarget(target)
              const index = state.entries.findIndex((e) => sameTarget(e, next))
              if (index >= 0) {
                const current = state.entries[index] as WatchlistEntry
                if (!next.ensName || current.ensName === next.ensName) return state
                const entries = [...state.entries]
                entries[index] = { ...current, ensName: next.ensName }
                return { entries }
              }
              if (state.entries.length >= WATCHLIST_MAX_ENTRIES) return state
              return { entries: [...state.entries, { ...next, addedAt: now() }] }
            }),
          remove: (target) => set((state) => ({ entries: state.entries.filter((e) => !sameTarget(e, target)) })),
        },
      }),
      {
        name: WATCHLIST_STORAGE_KEY,
        version: WATCHLIST_VERSION,
        // Where there is no localStorage (Node; a browser that refuses it) the list lives in memory only.
        storage: createJSONStorage<PersistedWatchlist>(() => storage ?? window.localStorage),
        partialize: (state) => ({ entries: state.entries }),
        migrate: migrateWatchlist,
        // Same-version data is sanitised too: storage is input like any other.
        merge: (persisted, current) => ({
          ...current,
          entries: migrateWatchlist(persisted, WATCHLIST_VERSION).entries,
        }),
      },
    ),
  )
}

export type WatchlistStore = ReturnType<typeof createWatchlistStore>

/** The page's watchlist, in localStorage. */
export const watchlistStore = createWatchlistStore()

/** Atomic selectors (zustand 5 loops on selectors that build new objects). */
export const useWatchlistEntries = () => useStore(watchlistStore, (state) => state.entries)
export const useWatching = () => useStore(watchlistStore, (state) => state.watching)
export const useWatchlistActions = () => useStore(watchlistStore, (state) => state.actions)

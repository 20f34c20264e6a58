import { type Address, getAddress, type Hex, isAddress, isHex } from 'viem'
import { useStore } from 'zustand'
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware'
import { createStore } from 'zustand/vanilla'

/**
 * Protective transactions in flight, persisted: a reload (or a closed tab) must not forget that a
 * proposal's calls were sent, so the page resumes waiting for their receipts and blocks a second
 * "Protect" for the same account until they are resolved. One entry per chain and account.
 */

export type PendingCall = {
  /** What the call does, in words (the messages after a reload name the calls). */
  label: string
  /** Only approvals are harmless when left alone (they move nothing). */
  type: string
  /** Set once the wallet has sent it; null until then. */
  hash: Hex | null
}

export type PendingProtect = {
  chainId: number
  account: Address
  /** The Aave pool, to read the health factor where the calls landed. */
  pool: Address
  proposalId: string
  summary: string
  mode: 'batch' | 'sequence'
  calls: PendingCall[]
  /** EIP-5792 batch id, once the wallet returned it. */
  batchId?: string
  /** Wall clock, ms since the epoch. */
  startedAt: number
}

export type PendingTxActions = {
  /** Records a new protect; false (and nothing stored) when one is already pending for the account. */
  begin(entry: PendingProtect): boolean
  recordHash(chainId: number, account: Address, index: number, hash: Hex): void
  recordBatch(chainId: number, account: Address, batchId: string): void
  /** Confirmed, failed or explained: forget it. */
  resolve(chainId: number, account: Address): void
}

export type PendingTxState = {
  entries: Record<string, PendingProtect>
  actions: PendingTxActions
}

type PersistedPending = { entries: Record<string, PendingProtect> }

export const PENDING_TX_STORAGE_KEY = 'marginguard.pendingTx'
export const PENDING_TX_VERSION = 1

/** One key per chain and account (checksummed, so two spellings of an address are one entry). */
export const pendingKey = (chainId: number, account: Address) => `${chainId}:${getAddress(account)}`

const isHash = (x: unknown): x is Hex => typeof x === 'string' && isHex(x) && x.length === 66

function sanitizeCall(raw: unknown): PendingCall | undefined {
  if (!raw || typeof raw !== 'object') return undefined
  const { label, type, hash } = raw as Record<string, unknown>
  if (typeof label !== 'string' || typeof type !== 'string') return undefined
  if (hash !== null && !isHash(hash)) return undefined
  return { label, type, hash }
}

/** A stored entry if it is whole and well-formed; anything else (hand-edited, another version) is dropped. */
export function sanitizeEntry(raw: unknown): PendingProtect | undefined {
  if (!raw || typeof raw !== 'object') return undefined
  const r = raw as Record<string, unknown>
  const { chainId, account, pool, proposalId, summary, mode, calls, batchId, startedAt } = r
  if (typeof chainId !== 'number' || !Number.isSafeInteger(chainId) || chainId <= 0) return undefined
  if (typeof account !== 'string' || !isAddress(account, { strict: false })) return undefined
  if (typeof pool !== 'string' || !isAddress(pool, { strict: false })) return undefined
  if (typeof proposalId !== 'string' || typeof summary !== 'string') return undefined
  if (mode !== 'batch' && mode !== 'sequence') return undefined
  if (!Array.isArray(calls) || calls.length === 0) return undefined
  const clean = calls.map(sanitizeCall)
  if (clean.some((c) => c === undefined)) return undefined
  if (batchId !== undefined && typeof batchId !== 'string') return undefined
  return {
    chainId,
    account: getAddress(account),
    pool: getAddress(pool),
    proposalId,
    summary,
    mode,
    calls: clean as PendingCall[],
    ...(typeof batchId === 'string' ? { batchId } : {}),
    startedAt: typeof startedAt === 'number' && Number.isFinite(startedAt) ? startedAt : 0,
  }
}

/**
 * Brings stored entries of any version to this one. Version 0 (unversioned) and 1 share the shape;
 * the migration is the sanitising, re-keyed from each entry's own chain and account.
 */
export function migratePendingTx(persisted: unknown, _fromVersion: number): PersistedPending {
  const raw = persisted && typeof persisted === 'object' ? (persisted as { entries?: unknown }).entries : undefined
  const entries: Record<string, PendingProtect> = {}
  if (raw && typeof raw === 'object')
    for (const value of Object.values(raw)) {
      const entry = sanitizeEntry(value)
      if (entry) entries[pendingKey(entry.chainId, entry.account)] = entry
    }
  return { entries }
}

export function createPendingTxStore({ storage }: { storage?: StateStorage } = {}) {
  return createStore<PendingTxState>()(
    persist(
      (set, get) => {
        const update = (chainId: number, account: Address, change: (e: PendingProtect) => PendingProtect) =>
          set((state) => {
            const key = pendingKey(chainId, account)
            const entry = state.entries[key]
            return entry ? { entries: { ...state.entries, [key]: change(entry) } } : state
          })
        return {
          entries: {},
          actions: {
            begin: (entry) => {
              const key = pendingKey(entry.chainId, entry.account)
              if (get().entries[key]) return false
              set((state) => ({
                entries: { ...state.entries, [key]: { ...entry, account: getAddress(entry.account) } },
              }))
              return true
            },
            recordHash: (chainId, account, index, hash) =>
              update(chainId, account, (e) => ({
                ...e,
                calls: e.calls.map((c, i) => (i === index ? { ...c, hash } : c)),
              })),
            recordBatch: (chainId, account, batchId) => update(chainId, account, (e) => ({ ...e, batchId })),
            resolve: (chainId, account) =>
              set((state) => {
                const key = pendingKey(chainId, account)
                if (!state.entries[key]) return state
                const { [key]: _, ...rest } = state.entries
                return { entries: rest }
              }),
          },
        }
      },
      {
        name: PENDING_TX_STORAGE_KEY,
        version: PENDING_TX_VERSION,
        storage: createJSONStorage<PersistedPending>(() => storage ?? window.localStorage),
        partialize: (state) => ({ entries: state.entries }),
        migrate: migratePendingTx,
        // Same-version data is sanitised too: storage is input like any other.
        merge: (persisted, current) => ({
          ...current,
          entries: migratePendingTx(persisted, PENDING_TX_VERSION).entries,
        }),
      },
    ),
  )
}

export type PendingTxStore = ReturnType<typeof createPendingTxStore>

/** The page's pending protective transactions, in localStorage. */
export const pendingTxStore = createPendingTxStore()

/** The pending protect of one account on one chain (atomic selector: the stored object itself). */
export const usePendingProtect = (chainId: number, account: Address | undefined) =>
  useStore(pendingTxStore, (state) => (account ? state.entries[pendingKey(chainId, account)] : undefined))
export const usePendingTxActions = () => useStore(pendingTxStore, (state) => state.actions)

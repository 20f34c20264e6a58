import { useMemo } from 'react'
import type { Address } from 'viem'
import { useStore } from 'zustand'
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware'
import { createStore } from 'zustand/vanilla'
import { type RiskProfile, riskProfileKey } from '../../state/riskProfileStore'
import {
  ALERT_SEVERITY,
  type AlertEvent,
  type AlertInput,
  type AlertKind,
  type AlertSeverity,
  type AlertState,
  evaluateAlerts,
  INITIAL_ALERT_STATE,
  PROTECTIVE_KINDS,
  SEVERITY_RANK,
} from './alertRules'

/** One alert as the log keeps it; unacknowledged entries are the active alerts (banners). */
export type AlertLogEntry = {
  /** `${accountKey}/${sequence}`: unique across accounts and chain resets. */
  id: string
  kind: AlertKind
  severity: AlertSeverity
  block: bigint
  /** Block timestamp, unix seconds. */
  time: number
  message: string
  acknowledged: boolean
}

type AccountAlerts = {
  /** Newest first, at most ALERT_LOG_MAX_ENTRIES. */
  entries: AlertLogEntry[]
  /**
   * The rules' hysteresis, persisted with the log so a reload does not alert again for a line
   * already crossed and acknowledged.
   */
  rules: AlertState
  sequence: number
}

export type AlertActions = {
  /** Runs the rules on one block's input for the account; logs and returns what fired. */
  evaluate(accountKey: string, input: AlertInput, profile: RiskProfile): AlertEvent[]
  acknowledge(id: string): void
  acknowledgeAll(accountKey: string): void
}

type PersistedAlerts = { accounts: Record<string, AccountAlerts> }
export type AlertStoreState = PersistedAlerts & { actions: AlertActions }

export const ALERT_STORAGE_KEY = 'marginguard.alerts'
export const ALERT_STORE_VERSION = 1
export const ALERT_LOG_MAX_ENTRIES = 200
/** Accounts whose log is kept; the least recently alerted go first. */
export const ALERT_MAX_ACCOUNTS = 20

const KINDS = new Set<AlertKind>(Object.keys(ALERT_SEVERITY) as AlertKind[])
const KEY_PATTERN = /^[1-9]\d{0,15}:0x[0-9a-f]{40}$/
const EMPTY_ACCOUNT: AccountAlerts = Object.freeze({ entries: [], rules: INITIAL_ALERT_STATE, sequence: 0 })
const EMPTY_ENTRIES: AlertLogEntry[] = []

const record = (x: unknown): Record<string, unknown> =>
  x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : {}
const toBlock = (x: unknown): bigint | null => {
  if (typeof x === 'string' && /^\d{1,78}$/.test(x)) return BigInt(x)
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 ? BigInt(x) : null
}

function sanitizeEntry(raw: unknown): AlertLogEntry | null {
  const r = record(raw)
  const block = toBlock(r.block)
  if (typeof r.id !== 'string' || !KINDS.has(r.kind as AlertKind) || block === null) return null
  if (typeof r.time !== 'number' || !Number.isFinite(r.time) || typeof r.message !== 'string') return null
  const kind = r.kind as AlertKind
  // Without the flag (version 0) an old alert counts as seen: a reload must not raise old banners.
  const acknowledged = typeof r.acknowledged === 'boolean' ? r.acknowledged : true
  return { id: r.id, kind, severity: ALERT_SEVERITY[kind], block, time: r.time, message: r.message, acknowledged }
}

function sanitizeRules(raw: unknown): AlertState {
  const r = record(raw)
  const t = record(r.tripped)
  const flag = (x: unknown) => x === true
  return {
    lastBlock: toBlock(r.lastBlock),
    tripped: {
      liquidatable: flag(t.liquidatable),
      danger: flag(t.danger),
      warning: flag(t.warning),
      probability: flag(t.probability),
      upper: flag(t.upper),
    },
    staleFeeds: Array.isArray(r.staleFeeds) ? r.staleFeeds.filter((f): f is string => typeof f === 'string') : [],
    recoveryPending: flag(r.recoveryPending),
  }
}

const newestTime = (a: AccountAlerts) => a.entries[0]?.time ?? 0

/** The most recently alerted accounts, at most ALERT_MAX_ACCOUNTS. */
function capAccounts(accounts: Record<string, AccountAlerts>): Record<string, AccountAlerts> {
  const keys = Object.keys(accounts)
  if (keys.length <= ALERT_MAX_ACCOUNTS) return accounts
  const kept = keys.sort((a, b) => newestTime(accounts[b] as AccountAlerts) - newestTime(accounts[a] as AccountAlerts))
  return Object.fromEntries(kept.slice(0, ALERT_MAX_ACCOUNTS).map((k) => [k, accounts[k] as AccountAlerts]))
}

/**
 * Keeps what is well-formed in whatever was stored (bad entries dropped one by one, missing rule
 * state reset), under well-formed lower-case account keys. Version 0 (unversioned) entries carry
 * no acknowledged flag: they are taken as acknowledged.
 */
export function sanitizeAlerts(raw: unknown): PersistedAlerts {
  const accounts: Record<string, AccountAlerts> = {}
  for (const [key, value] of Object.entries(record(record(raw).accounts))) {
    if (!KEY_PATTERN.test(key)) continue
    const a = record(value)
    const entries = (Array.isArray(a.entries) ? a.entries : [])
      .map(sanitizeEntry)
      .filter((e): e is AlertLogEntry => e !== null)
      .slice(0, ALERT_LOG_MAX_ENTRIES)
    const sequence =
      typeof a.sequence === 'number' && Number.isSafeInteger(a.sequence) && a.sequence >= 0 ? a.sequence : 0
    // A sequence behind the stored ids would hand out an id twice; entries.length is a floor past the log.
    accounts[key] = { entries, rules: sanitizeRules(a.rules), sequence: Math.max(sequence, entries.length) }
  }
  return { accounts: capAccounts(accounts) }
}

/** Brings stored alerts of any version to this one; a new version adds its step here. */
export function migrateAlerts(persisted: unknown, _fromVersion: number): PersistedAlerts {
  return sanitizeAlerts(persisted)
}

/**
 * The page's storage, with writes that may fail: a full localStorage (QuotaExceededError) must not
 * stop alerts from showing, only from being remembered.
 */
const forgivingStorage = (storage: StateStorage): StateStorage => ({
  getItem: (name) => storage.getItem(name),
  removeItem: (name) => storage.removeItem(name),
  setItem: (name, value) => {
    try {
      return storage.setItem(name, value)
    } catch {
      // The in-memory log still has the alert; the next successful write includes it.
    }
  },
})

// bigint (blocks) is written as a decimal string; sanitizeAlerts reads it back.
const replacer = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)

const sameHysteresis = (a: AlertState, b: AlertState) =>
  a.recoveryPending === b.recoveryPending &&
  a.staleFeeds.length === b.staleFeeds.length &&
  a.staleFeeds.every((f, i) => f === b.staleFeeds[i]) &&
  (Object.keys(a.tripped) as (keyof AlertState['tripped'])[]).every((k) => a.tripped[k] === b.tripped[k])

function acknowledgeWhere(account: AccountAlerts, match: (e: AlertLogEntry) => boolean): AccountAlerts {
  if (!account.entries.some((e) => !e.acknowledged && match(e))) return account
  return {
    ...account,
    entries: account.entries.map((e) => (!e.acknowledged && match(e) ? { ...e, acknowledged: true } : e)),
  }
}

export function createAlertStore({ storage }: { storage?: StateStorage } = {}) {
  return createStore<AlertStoreState>()(
    persist(
      (set, get) => ({
        accounts: {},
        actions: {
          evaluate: (accountKey, input, profile) => {
            const account = get().accounts[accountKey] ?? EMPTY_ACCOUNT
            const { state: rules, fired } = evaluateAlerts(account.rules, input, profile)
            // Most blocks change nothing but lastBlock: no write then (the store persists on every set).
            if (fired.length === 0 && sameHysteresis(rules, account.rules)) return fired
            let sequence = account.sequence
            let entries = account.entries
            // A newer alert of a kind replaces an older unacknowledged one: one banner per kind.
            const firedKinds = new Set(fired.map((e) => e.kind))
            if (firedKinds.size > 0)
              entries = entries.map((e) =>
                !e.acknowledged && firedKinds.has(e.kind) ? { ...e, acknowledged: true } : e,
              )
            const added = fired.map(
              (e): AlertLogEntry => ({
                id: `${accountKey}/${++sequence}`,
                kind: e.kind,
                severity: e.severity,
                block: e.block,
                time: e.time,
                message: e.message,
                acknowledged: false,
              }),
            )
            entries = [...added, ...entries].slice(0, ALERT_LOG_MAX_ENTRIES)
            set((state) => ({
              accounts: capAccounts({ ...state.accounts, [accountKey]: { entries, rules, sequence } }),
            }))
            return fired
          },
          acknowledge: (id) =>
            set((state) => {
              const key = id.slice(0, id.lastIndexOf('/'))
              const account = state.accounts[key]
              if (!account) return state
              const next = acknowledgeWhere(account, (e) => e.id === id)
              return next === account ? state : { accounts: { ...state.accounts, [key]: next } }
            }),
          acknowledgeAll: (accountKey) =>
            set((state) => {
              const account = state.accounts[accountKey]
              if (!account) return state
              const next = acknowledgeWhere(account, () => true)
              return next === account ? state : { accounts: { ...state.accounts, [accountKey]: next } }
            }),
        },
      }),
      {
        name: ALERT_STORAGE_KEY,
        version: ALERT_STORE_VERSION,
        // Where there is no localStorage (Node; a browser that refuses it) alerts live in memory only.
        storage: createJSONStorage<PersistedAlerts>(() => forgivingStorage(storage ?? window.localStorage), {
          replacer,
        }),
        partialize: ({ accounts }) => ({ accounts }),
        migrate: migrateAlerts,
        // Same-version data is sanitised too: storage is input like any other.
        merge: (persisted, current) => ({ ...current, ...sanitizeAlerts(persisted) }),
      },
    ),
  )
}

export type AlertStore = ReturnType<typeof createAlertStore>

/** The page's alerts, in localStorage. */
export const alertStore = createAlertStore()

/** Unacknowledged alerts, most severe first, then newest first. */
export const activeAlerts = (entries: readonly AlertLogEntry[]) =>
  entries
    .filter((e) => !e.acknowledged)
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || (a.block < b.block ? 1 : -1))

/** Whether an unacknowledged alert says the account needs protecting (guard mode acts on it). */
export const guardTriggered = (entries: readonly AlertLogEntry[]) =>
  entries.some((e) => !e.acknowledged && PROTECTIVE_KINDS.has(e.kind))

/** Whether an unacknowledged alert is one that interrupts (title flash, notification): notice or above. */
export const interruptingAlertActive = (entries: readonly AlertLogEntry[]) =>
  entries.some((e) => !e.acknowledged && SEVERITY_RANK[e.severity] >= SEVERITY_RANK.notice)

const selectEntries = (state: AlertStoreState, key: string) => state.accounts[key]?.entries ?? EMPTY_ENTRIES

/** The account's log, newest first (a stable array while nothing changes). */
export const useAlertLog = (chainId: number, address: Address) =>
  useStore(alertStore, (state) => selectEntries(state, riskProfileKey(chainId, address)))

export function useActiveAlerts(chainId: number, address: Address): AlertLogEntry[] {
  const entries = useAlertLog(chainId, address)
  return useMemo(() => activeAlerts(entries), [entries])
}

/**
 * True while an unacknowledged alert of severity warning or above that calls for protection
 * (warning, danger, liquidatable, probability) is active: with guardMode on, the integrator puts
 * the best proposal in front of the user.
 */
export const useGuardTrigger = (chainId: number, address: Address): boolean =>
  useStore(alertStore, (state) => guardTriggered(selectEntries(state, riskProfileKey(chainId, address))))

export const useAlertActions = () => useStore(alertStore, (state) => state.actions)

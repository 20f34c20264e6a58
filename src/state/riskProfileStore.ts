import type { Address } from 'viem'
import { useStore } from 'zustand'
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware'
import { createStore } from 'zustand/vanilla'
import { DEFAULT_RISK_SETTINGS, type RiskSettings } from '../engine/settings'
import { WAD } from '../engine/wadRayMath'

/**
 * The user's intent for one account (issue 7, part 4): where they want to be warned, where the
 * proposals should take them, when to hear about room to borrow, how much 24 h liquidation risk
 * they accept, and whether guard mode acts on alerts. Health factors and the probability are
 * float64 here (what a person types); profileToRiskSettings turns the lines into the engine's WAD.
 */
export type RiskProfile = {
  /** Below this HF the page warns (engine default 1.2). */
  warningHealthFactor: number
  /** The HF protective proposals aim for (engine default 1.5). */
  targetHealthFactor: number
  /** Above this HF the user may want to borrow more ("room to borrow" alert); null: no such alert. */
  upperHealthFactor: number | null
  /** The accepted probability of liquidation within 24 h, a fraction in (0, 1). */
  probabilityLimit24h: number
  alertOnStaleOracle: boolean
  /** A crossing puts the best proposal in front of the user with the alert. */
  guardMode: boolean
  /** Guard mode may execute the proposal itself: honoured only on the devnet's demo wallet (the caller enforces it). */
  guardAutoExecute: boolean
}

const wadToNumber = (wad: bigint) => Number(wad) / 1e18

/** Consistent with the engine's DEFAULT_RISK_SETTINGS: warning 1.2, target 1.5, 5 % in 24 h. */
export const DEFAULT_RISK_PROFILE: Readonly<RiskProfile> = Object.freeze({
  warningHealthFactor: wadToNumber(DEFAULT_RISK_SETTINGS.warningHealthFactorWad),
  targetHealthFactor: wadToNumber(DEFAULT_RISK_SETTINGS.targetHealthFactorWad),
  upperHealthFactor: null,
  probabilityLimit24h: DEFAULT_RISK_SETTINGS.probabilityThreshold,
  alertOnStaleOracle: true,
  guardMode: false,
  guardAutoExecute: false,
})

export type RiskProfileErrors = Partial<Record<keyof RiskProfile, string>>

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)

/**
 * Per-field errors, in words for the form (empty object: valid). The lines must be ordered as the
 * engine needs them: warning above 1 (below 1 the account is already liquidatable), the target
 * above the warning (a proposal must end outside the warning zone), the upper line above the target.
 */
export function validateRiskProfile(draft: RiskProfile): RiskProfileErrors {
  const errors: RiskProfileErrors = {}
  const { warningHealthFactor: warning, targetHealthFactor: target, upperHealthFactor: upper } = draft
  if (!finite(warning)) errors.warningHealthFactor = 'Enter a number, e.g. 1.2.'
  else if (warning <= 1)
    errors.warningHealthFactor = 'The warning line must be above 1 (at 1 the account is liquidated).'
  if (!finite(target)) errors.targetHealthFactor = 'Enter a number, e.g. 1.5.'
  else if (finite(warning) && target <= warning)
    errors.targetHealthFactor = 'The target must be above the warning line.'
  else if (target <= 1) errors.targetHealthFactor = 'The target must be above 1.'
  if (upper !== null) {
    if (!finite(upper)) errors.upperHealthFactor = 'Enter a number, or leave empty for no upper line.'
    else if (finite(target) && upper <= target) errors.upperHealthFactor = 'The upper line must be above the target.'
  }
  const p = draft.probabilityLimit24h
  if (!finite(p) || !(p > 0 && p < 1)) errors.probabilityLimit24h = 'The limit must be between 0 % and 100 %.'
  return errors
}

export const isValidRiskProfile = (draft: RiskProfile) => Object.keys(validateRiskProfile(draft)).length === 0

/** One account on one chain: `${chainId}:${address.toLowerCase()}`. */
export const riskProfileKey = (chainId: number, address: string) => `${chainId}:${address.toLowerCase()}`

// HF lines reach the engine with four decimals: enough for any line a person sets, and 1.2 becomes
// exactly 1.2e18 (a float64 product would not).
const toWad = (hf: number) => BigInt(Math.round(hf * 1e4)) * (WAD / 10_000n)

const settingsCache = new Map<string, Partial<RiskSettings>>()
const SETTINGS_CACHE_MAX = 64

/**
 * The engine settings the profile sets: warning and target lines (WAD) and the probability whose
 * first time the report gives (time to trouble at the user's own limit). Memoised by value: the
 * same lines return the same frozen object, because useRiskReport treats a new object as a new
 * request to the worker.
 */
export function profileToRiskSettings(profile: RiskProfile): Partial<RiskSettings> {
  const warning = toWad(profile.warningHealthFactor)
  const target = toWad(profile.targetHealthFactor)
  const p = profile.probabilityLimit24h
  const id = `${warning}|${target}|${p}`
  let settings = settingsCache.get(id)
  if (!settings) {
    // An oversized cache is simply dropped: a profile is edited a handful of times per session.
    if (settingsCache.size >= SETTINGS_CACHE_MAX) settingsCache.clear()
    settings = Object.freeze({
      warningHealthFactorWad: warning,
      targetHealthFactorWad: target,
      probabilityThreshold: p,
    })
    settingsCache.set(id, settings)
  }
  return settings
}

/**
 * A stored profile made whole: each field of the right type is kept, a missing or mistyped one
 * takes the default; a profile whose lines are out of order is not used at all (null).
 */
export function sanitizeRiskProfile(raw: unknown): RiskProfile | null {
  if (!raw || typeof raw !== 'object') return null
  const r = raw as Record<string, unknown>
  const d = DEFAULT_RISK_PROFILE
  const bool = (x: unknown, fallback: boolean) => (typeof x === 'boolean' ? x : fallback)
  const profile: RiskProfile = {
    warningHealthFactor: finite(r.warningHealthFactor) ? r.warningHealthFactor : d.warningHealthFactor,
    targetHealthFactor: finite(r.targetHealthFactor) ? r.targetHealthFactor : d.targetHealthFactor,
    upperHealthFactor: finite(r.upperHealthFactor) ? r.upperHealthFactor : null,
    probabilityLimit24h: finite(r.probabilityLimit24h) ? r.probabilityLimit24h : d.probabilityLimit24h,
    alertOnStaleOracle: bool(r.alertOnStaleOracle, d.alertOnStaleOracle),
    guardMode: bool(r.guardMode, d.guardMode),
    guardAutoExecute: bool(r.guardAutoExecute, d.guardAutoExecute),
  }
  return isValidRiskProfile(profile) ? profile : null
}

type PersistedRiskProfiles = { defaultProfile: RiskProfile; profiles: Record<string, RiskProfile> }

export const RISK_PROFILE_STORAGE_KEY = 'marginguard.riskProfiles'
export const RISK_PROFILE_VERSION = 1
/** Accounts with their own profile; more are not stored (they keep the default). */
export const RISK_PROFILE_MAX_ACCOUNTS = 200

const KEY_PATTERN = /^[1-9]\d{0,15}:0x[0-9a-fA-F]{40}$/

/**
 * Keeps what is well-formed in whatever was stored: the default profile if valid, and each
 * account's profile under a well-formed key, lower-cased (version 0 — an unversioned store —
 * may hold checksummed keys and no default profile).
 */
export function sanitizeRiskProfiles(raw: unknown): PersistedRiskProfiles {
  const stored = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {}
  const defaultProfile = sanitizeRiskProfile(stored.defaultProfile) ?? { ...DEFAULT_RISK_PROFILE }
  const profiles: Record<string, RiskProfile> = {}
  if (stored.profiles && typeof stored.profiles === 'object' && !Array.isArray(stored.profiles))
    for (const [key, value] of Object.entries(stored.profiles as Record<string, unknown>)) {
      if (Object.keys(profiles).length >= RISK_PROFILE_MAX_ACCOUNTS) break
      const profile = KEY_PATTERN.test(key) ? sanitizeRiskProfile(value) : null
      if (profile) profiles[key.toLowerCase()] = profile
    }
  return { defaultProfile, profiles }
}

/** Brings stored profiles of any version to this one; a new version adds its step here. */
export function migrateRiskProfiles(persisted: unknown, _fromVersion: number): PersistedRiskProfiles {
  return sanitizeRiskProfiles(persisted)
}

export type RiskProfileActions = {
  /** Saves the account's own profile; throws a RangeError for an invalid one (validate first). */
  set(key: string, profile: RiskProfile): void
  /** The account goes back to the default profile. */
  reset(key: string): void
  /** The profile of every account without its own. */
  setDefault(profile: RiskProfile): void
}

export type RiskProfileState = PersistedRiskProfiles & { actions: RiskProfileActions }

const checked = (profile: RiskProfile): RiskProfile => {
  const errors = validateRiskProfile(profile)
  const first = Object.entries(errors)[0]
  if (first) throw new RangeError(`${first[0]}: ${first[1]}`)
  // Copied field by field: callers may pass a form's object with more in it.
  return sanitizeRiskProfile(profile) as RiskProfile
}

export function createRiskProfileStore({ storage }: { storage?: StateStorage } = {}) {
  return createStore<RiskProfileState>()(
    persist(
      (set) => ({
        defaultProfile: { ...DEFAULT_RISK_PROFILE },
        profiles: {},
        actions: {
          set: (key, profile) => {
            const next = checked(profile)
            set((state) => {
              const isNew = !(key in state.profiles)
              if (isNew && Object.keys(state.profiles).length >= RISK_PROFILE_MAX_ACCOUNTS)
                throw new RangeError(`at most ${RISK_PROFILE_MAX_ACCOUNTS} accounts keep their own profile`)
              return { profiles: { ...state.profiles, [key]: next } }
            })
          },
          reset: (key) =>
            set((state) => {
              if (!(key in state.profiles)) return state
              const { [key]: _, ...profiles } = state.profiles
              return { profiles }
            }),
          setDefault: (profile) => set({ defaultProfile: checked(profile) }),
        },
      }),
      {
        name: RISK_PROFILE_STORAGE_KEY,
        version: RISK_PROFILE_VERSION,
        // Where there is no localStorage (Node; a browser that refuses it) profiles live in memory only.
        storage: createJSONStorage<PersistedRiskProfiles>(() => storage ?? window.localStorage),
        partialize: ({ defaultProfile, profiles }) => ({ defaultProfile, profiles }),
        migrate: migrateRiskProfiles,
        // Same-version data is sanitised too: storage is input like any other.
        merge: (persisted, current) => ({ ...current, ...sanitizeRiskProfiles(persisted) }),
      },
    ),
  )
}

export type RiskProfileStore = ReturnType<typeof createRiskProfileStore>

/** The page's risk profiles, in localStorage. */
export const riskProfileStore = createRiskProfileStore()

/** The account's profile, or the default one; a stable reference while it is unchanged. */
export const selectRiskProfile = (state: RiskProfileState, key: string) => state.profiles[key] ?? state.defaultProfile

export const useRiskProfile = (chainId: number, address: Address): RiskProfile =>
  useStore(riskProfileStore, (state) => selectRiskProfile(state, riskProfileKey(chainId, address)))

/** Whether the account has its own profile (false: it follows the default). */
export const useHasOwnRiskProfile = (chainId: number, address: Address): boolean =>
  useStore(riskProfileStore, (state) => riskProfileKey(chainId, address) in state.profiles)

export const setRiskProfile = (chainId: number, address: Address, profile: RiskProfile) =>
  riskProfileStore.getState().actions.set(riskProfileKey(chainId, address), profile)

export const resetRiskProfile = (chainId: number, address: Address) =>
  riskProfileStore.getState().actions.reset(riskProfileKey(chainId, address))

export const setDefaultRiskProfile = (profile: RiskProfile) => riskProfileStore.getState().actions.setDefault(profile)

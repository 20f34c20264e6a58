import { describe, expect, test } from 'vitest'
import { DEFAULT_RISK_SETTINGS, resolveRiskSettings } from '../engine/settings'
import { memoryStorage } from './memoryStorage'
import {
  createRiskProfileStore,
  DEFAULT_RISK_PROFILE,
  migrateRiskProfiles,
  profileToRiskSettings,
  RISK_PROFILE_STORAGE_KEY,
  RISK_PROFILE_VERSION,
  type RiskProfile,
  riskProfileKey,
  selectRiskProfile,
  validateRiskProfile,
} from './riskProfileStore'

const ALICE = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const BOB = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
const ALICE_KEY = riskProfileKey(31337, ALICE)
const careful: RiskProfile = {
  ...DEFAULT_RISK_PROFILE,
  warningHealthFactor: 1.3,
  targetHealthFactor: 1.8,
  upperHealthFactor: 2.5,
  probabilityLimit24h: 0.01,
  guardMode: true,
}
const stored = (state: unknown, version = RISK_PROFILE_VERSION) => ({
  [RISK_PROFILE_STORAGE_KEY]: JSON.stringify({ version, state }),
})

describe('risk profile validation', () => {
  test('the defaults are valid and match the engine’s default lines', () => {
    expect(validateRiskProfile(DEFAULT_RISK_PROFILE)).toEqual({})
    expect(DEFAULT_RISK_PROFILE).toMatchObject({ warningHealthFactor: 1.2, targetHealthFactor: 1.5 })
    expect(profileToRiskSettings(DEFAULT_RISK_PROFILE)).toEqual({
      warningHealthFactorWad: DEFAULT_RISK_SETTINGS.warningHealthFactorWad,
      targetHealthFactorWad: DEFAULT_RISK_SETTINGS.targetHealthFactorWad,
      probabilityThreshold: DEFAULT_RISK_SETTINGS.probabilityThreshold,
    })
  })

  test('lines out of order are reported on the field that breaks the order', () => {
    const errors = (patch: Partial<RiskProfile>) =>
      Object.keys(validateRiskProfile({ ...DEFAULT_RISK_PROFILE, ...patch }))
    expect(errors({ warningHealthFactor: 1 })).toEqual(['warningHealthFactor'])
    expect(errors({ warningHealthFactor: 0.9, targetHealthFactor: 1.5 })).toEqual(['warningHealthFactor'])
    expect(errors({ targetHealthFactor: 1.2 })).toEqual(['targetHealthFactor'])
    expect(errors({ upperHealthFactor: 1.5 })).toEqual(['upperHealthFactor'])
    expect(errors({ upperHealthFactor: 1.51 })).toEqual([])
    expect(errors({ probabilityLimit24h: 0 })).toEqual(['probabilityLimit24h'])
    expect(errors({ probabilityLimit24h: 1 })).toEqual(['probabilityLimit24h'])
    expect(errors({ warningHealthFactor: Number.NaN, upperHealthFactor: Number.POSITIVE_INFINITY })).toEqual([
      'warningHealthFactor',
      'upperHealthFactor',
    ])
  })
})

describe('profileToRiskSettings', () => {
  test('the same lines give the same object (the worker treats a new object as a new request)', () => {
    const a = profileToRiskSettings(careful)
    expect(profileToRiskSettings({ ...careful })).toBe(a)
    // Alert-only fields do not reach the engine, so they do not make a new request either.
    expect(profileToRiskSettings({ ...careful, upperHealthFactor: null, alertOnStaleOracle: false })).toBe(a)
    expect(profileToRiskSettings({ ...careful, targetHealthFactor: 1.81 })).not.toBe(a)
    expect(Object.isFrozen(a)).toBe(true)
  })

  test('lines become exact WAD values the engine accepts', () => {
    const settings = profileToRiskSettings({ ...careful, warningHealthFactor: 1.05, targetHealthFactor: 1.15 })
    expect(settings.warningHealthFactorWad).toBe(1_050_000_000_000_000_000n)
    expect(settings.targetHealthFactorWad).toBe(1_150_000_000_000_000_000n)
    expect(resolveRiskSettings(settings).probabilityThreshold).toBe(0.01)
  })
})

describe('risk profile store', () => {
  test('an account without its own profile follows the default', () => {
    const store = createRiskProfileStore({ storage: memoryStorage().storage })
    expect(selectRiskProfile(store.getState(), ALICE_KEY)).toEqual(DEFAULT_RISK_PROFILE)
  })

  test('profiles are kept per chain and account (address case does not matter) and survive a reload', () => {
    const { items, storage } = memoryStorage()
    const page = createRiskProfileStore({ storage })
    page.getState().actions.set(riskProfileKey(31337, ALICE.toLowerCase()), careful)
    expect(selectRiskProfile(page.getState(), ALICE_KEY)).toEqual(careful)
    expect(selectRiskProfile(page.getState(), riskProfileKey(1, ALICE))).toEqual(DEFAULT_RISK_PROFILE)
    expect(selectRiskProfile(page.getState(), riskProfileKey(31337, BOB))).toEqual(DEFAULT_RISK_PROFILE)

    const saved = JSON.parse(items.get(RISK_PROFILE_STORAGE_KEY) ?? '{}')
    expect(saved.version).toBe(RISK_PROFILE_VERSION)
    const reloaded = createRiskProfileStore({ storage })
    expect(selectRiskProfile(reloaded.getState(), ALICE_KEY)).toEqual(careful)

    reloaded.getState().actions.reset(ALICE_KEY)
    expect(selectRiskProfile(reloaded.getState(), ALICE_KEY)).toEqual(DEFAULT_RISK_PROFILE)
  })

  test('an invalid profile is refused and the saved one stays', () => {
    const store = createRiskProfileStore({ storage: memoryStorage().storage })
    store.getState().actions.set(ALICE_KEY, careful)
    expect(() => store.getState().actions.set(ALICE_KEY, { ...careful, targetHealthFactor: 1.1 })).toThrow(
      /targetHealthFactor/,
    )
    expect(selectRiskProfile(store.getState(), ALICE_KEY)).toEqual(careful)
  })

  test('the default profile applies to every account without its own', () => {
    const store = createRiskProfileStore({ storage: memoryStorage().storage })
    store.getState().actions.set(ALICE_KEY, careful)
    store.getState().actions.setDefault({ ...DEFAULT_RISK_PROFILE, warningHealthFactor: 1.25 })
    expect(selectRiskProfile(store.getState(), riskProfileKey(31337, BOB)).warningHealthFactor).toBe(1.25)
    expect(selectRiskProfile(store.getState(), ALICE_KEY)).toEqual(careful)
  })

  test('garbage in storage falls back to defaults field by field and never crashes', () => {
    const badJson = createRiskProfileStore({ storage: memoryStorage({ [RISK_PROFILE_STORAGE_KEY]: '{oops' }).storage })
    expect(selectRiskProfile(badJson.getState(), ALICE_KEY)).toEqual(DEFAULT_RISK_PROFILE)

    const { storage } = memoryStorage(
      stored({
        defaultProfile: 'nope',
        profiles: {
          [ALICE_KEY]: { ...careful, alertOnStaleOracle: 'yes', upperHealthFactor: '3', probabilityLimit24h: null },
          [riskProfileKey(31337, BOB)]: { warningHealthFactor: 2, targetHealthFactor: 1.5 },
          'not-a-key': careful,
          '31337:0x12': careful,
        },
      }),
    )
    const store = createRiskProfileStore({ storage })
    expect(store.getState().defaultProfile).toEqual(DEFAULT_RISK_PROFILE)
    expect(Object.keys(store.getState().profiles)).toEqual([ALICE_KEY])
    expect(selectRiskProfile(store.getState(), ALICE_KEY)).toEqual({
      ...careful,
      alertOnStaleOracle: true,
      upperHealthFactor: null,
      probabilityLimit24h: 0.05,
    })

    for (const state of [null, 42, [], { profiles: [careful] }, { profiles: null }])
      expect(createRiskProfileStore({ storage: memoryStorage(stored(state)).storage }).getState().profiles).toEqual({})
  })

  test('an unversioned store (version 0) is migrated: checksummed keys are lower-cased, the default filled in', () => {
    expect(migrateRiskProfiles({ profiles: { [`31337:${ALICE}`]: careful } }, 0)).toEqual({
      defaultProfile: DEFAULT_RISK_PROFILE,
      profiles: { [ALICE_KEY]: careful },
    })
    const store = createRiskProfileStore({
      storage: memoryStorage(stored({ profiles: { [`31337:${ALICE}`]: careful } }, 0)).storage,
    })
    expect(selectRiskProfile(store.getState(), ALICE_KEY)).toEqual(careful)
  })
})

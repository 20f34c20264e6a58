import { describe, expect, test } from 'vitest'
import { memoryStorage } from '../../state/memoryStorage'
import { DEFAULT_RISK_PROFILE, riskProfileKey } from '../../state/riskProfileStore'
import type { AlertInput } from './alertRules'
import {
  ALERT_LOG_MAX_ENTRIES,
  ALERT_MAX_ACCOUNTS,
  ALERT_STORAGE_KEY,
  ALERT_STORE_VERSION,
  activeAlerts,
  createAlertStore,
  guardTriggered,
  interruptingAlertActive,
  migrateAlerts,
} from './alertStore'

const KEY = riskProfileKey(31337, '0x70997970C51812dc3A010C7d01b50e0d17dc79C8')
const OTHER = riskProfileKey(31337, '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC')
const at = (block: number, healthFactor: number, extra: Partial<AlertInput> = {}): AlertInput => ({
  block: BigInt(block),
  time: 1_750_000_000 + block * 12,
  healthFactor,
  staleFeeds: [],
  ...extra,
})
const stored = (state: unknown, version = ALERT_STORE_VERSION) => ({
  [ALERT_STORAGE_KEY]: JSON.stringify({ version, state }),
})

describe('alert store', () => {
  test('a fired alert is logged as active, acknowledged by id, and both survive a reload', () => {
    const { items, storage } = memoryStorage()
    const page = createAlertStore({ storage })
    const { evaluate, acknowledge } = page.getState().actions
    expect(evaluate(KEY, at(1, 1.4), DEFAULT_RISK_PROFILE)).toEqual([])
    const fired = evaluate(KEY, at(2, 1.18), DEFAULT_RISK_PROFILE)
    expect(fired.map((e) => e.kind)).toEqual(['warning'])

    const entries = page.getState().accounts[KEY]?.entries ?? []
    expect(entries).toEqual([
      {
        id: `${KEY}/1`,
        kind: 'warning',
        severity: 'warning',
        block: 2n,
        time: 1_750_000_024,
        message: 'Health factor 1.18 is below your warning line 1.20',
        acknowledged: false,
      },
    ])
    expect(activeAlerts(entries)).toHaveLength(1)
    expect(guardTriggered(entries)).toBe(true)
    expect(JSON.parse(items.get(ALERT_STORAGE_KEY) ?? '{}').version).toBe(ALERT_STORE_VERSION)

    const reloaded = createAlertStore({ storage })
    expect(reloaded.getState().accounts[KEY]?.entries).toEqual(entries)
    // The hysteresis came back too: the same situation after a reload does not alert again.
    expect(reloaded.getState().actions.evaluate(KEY, at(3, 1.17), DEFAULT_RISK_PROFILE)).toEqual([])

    acknowledge(`${KEY}/1`)
    expect(activeAlerts(page.getState().accounts[KEY]?.entries ?? [])).toEqual([])
    expect(guardTriggered(page.getState().accounts[KEY]?.entries ?? [])).toBe(false)
  })

  test('accounts are separate; acknowledgeAll clears one account’s banners only', () => {
    const store = createAlertStore({ storage: memoryStorage().storage })
    const { evaluate, acknowledgeAll } = store.getState().actions
    evaluate(KEY, at(1, 0.99, { probability24h: 1, staleFeeds: ['WETH'] }), DEFAULT_RISK_PROFILE)
    evaluate(OTHER, at(1, 1.1), DEFAULT_RISK_PROFILE)
    const mine = store.getState().accounts[KEY]?.entries ?? []
    expect(activeAlerts(mine).map((e) => e.kind)).toEqual(['liquidatable', 'probability', 'staleOracle'])
    acknowledgeAll(KEY)
    expect(activeAlerts(store.getState().accounts[KEY]?.entries ?? [])).toEqual([])
    expect(activeAlerts(store.getState().accounts[OTHER]?.entries ?? [])).toHaveLength(1)
  })

  test('a newer alert of a kind replaces the older unacknowledged banner; the log keeps both', () => {
    const store = createAlertStore({ storage: memoryStorage().storage })
    const { evaluate } = store.getState().actions
    evaluate(KEY, at(1, 1.1), DEFAULT_RISK_PROFILE)
    evaluate(KEY, at(2, 1.3), DEFAULT_RISK_PROFILE)
    evaluate(KEY, at(3, 1.15), DEFAULT_RISK_PROFILE)
    const entries = store.getState().accounts[KEY]?.entries ?? []
    expect(entries.map((e) => [e.block, e.acknowledged])).toEqual([
      [3n, false],
      [1n, true],
    ])
  })

  test('blocks without news write nothing to storage', () => {
    const { items, storage } = memoryStorage()
    const store = createAlertStore({ storage })
    store.getState().actions.evaluate(KEY, at(1, 1.1), DEFAULT_RISK_PROFILE)
    const written = items.get(ALERT_STORAGE_KEY)
    const state = store.getState()
    for (let block = 2; block < 20; block++)
      store.getState().actions.evaluate(KEY, at(block, 1.11), DEFAULT_RISK_PROFILE)
    expect(store.getState()).toBe(state)
    expect(items.get(ALERT_STORAGE_KEY)).toBe(written)
  })

  test('a full localStorage loses the memory of alerts, never the alerts themselves', () => {
    const { storage } = memoryStorage()
    const full = {
      ...storage,
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError')
      },
    }
    const store = createAlertStore({ storage: full })
    expect(store.getState().actions.evaluate(KEY, at(1, 1.1), DEFAULT_RISK_PROFILE)).toHaveLength(1)
    expect(activeAlerts(store.getState().accounts[KEY]?.entries ?? [])).toHaveLength(1)
  })

  test('the log is capped, newest first, and ids stay unique', () => {
    const store = createAlertStore({ storage: memoryStorage().storage })
    const { evaluate } = store.getState().actions
    for (let i = 0; i < ALERT_LOG_MAX_ENTRIES + 30; i++) {
      evaluate(KEY, at(2 * i + 1, 1.1), DEFAULT_RISK_PROFILE)
      evaluate(KEY, at(2 * i + 2, 1.3), DEFAULT_RISK_PROFILE)
    }
    const entries = store.getState().accounts[KEY]?.entries ?? []
    expect(entries).toHaveLength(ALERT_LOG_MAX_ENTRIES)
    expect(entries[0]?.block).toBe(BigInt(2 * (ALERT_LOG_MAX_ENTRIES + 29) + 1))
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length)
  })

  test('only the most recently alerted accounts are kept', () => {
    const store = createAlertStore({ storage: memoryStorage().storage })
    for (let i = 0; i <= ALERT_MAX_ACCOUNTS; i++) {
      const key = riskProfileKey(31337, `0x${i.toString(16).padStart(40, '0')}`)
      store.getState().actions.evaluate(key, at(i + 1, 1.1), DEFAULT_RISK_PROFILE)
    }
    const keys = Object.keys(store.getState().accounts)
    expect(keys).toHaveLength(ALERT_MAX_ACCOUNTS)
    expect(keys).not.toContain(riskProfileKey(31337, `0x${'0'.repeat(40)}`))
  })

  test('garbage in storage is dropped entry by entry and never crashes', () => {
    const badJson = createAlertStore({ storage: memoryStorage({ [ALERT_STORAGE_KEY]: '{"state":' }).storage })
    expect(badJson.getState().accounts).toEqual({})

    const good = { id: `${KEY}/7`, kind: 'danger', block: '12', time: 5, message: 'm', acknowledged: false }
    const store = createAlertStore({
      storage: memoryStorage(
        stored({
          accounts: {
            [KEY]: {
              entries: [good, { ...good, kind: 'boom' }, { ...good, block: -1 }, null, { ...good, time: 'x' }],
              rules: { tripped: { danger: true, warning: 'yes' }, staleFeeds: ['WETH', 3], lastBlock: 'NaN' },
              sequence: -4,
            },
            'not-a-key': { entries: [good] },
            [`31337:${'0x70997970C51812dc3A010C7d01b50e0d17dc79C8'}`]: { entries: [good] },
          },
        }),
      ).storage,
    })
    const account = store.getState().accounts[KEY]
    expect(Object.keys(store.getState().accounts)).toEqual([KEY])
    expect(account?.entries).toEqual([{ ...good, block: 12n, severity: 'danger' }])
    expect(account?.rules).toMatchObject({
      lastBlock: null,
      tripped: { danger: true, warning: false },
      staleFeeds: ['WETH'],
    })
    // The next id is past every stored one.
    expect(account?.sequence).toBeGreaterThanOrEqual(1)
    for (const state of [null, [], { accounts: [] }, { accounts: { [KEY]: 'x' } }])
      expect(() => createAlertStore({ storage: memoryStorage(stored(state)).storage })).not.toThrow()
  })

  test('an unversioned (version 0) log is migrated: old entries count as acknowledged', () => {
    const v0 = { accounts: { [KEY]: { entries: [{ id: 'a', kind: 'warning', block: 3, time: 9, message: 'old' }] } } }
    const migrated = migrateAlerts(v0, 0)
    expect(migrated.accounts[KEY]?.entries).toEqual([
      { id: 'a', kind: 'warning', severity: 'warning', block: 3n, time: 9, message: 'old', acknowledged: true },
    ])
    const store = createAlertStore({ storage: memoryStorage(stored(v0, 0)).storage })
    expect(activeAlerts(store.getState().accounts[KEY]?.entries ?? [])).toEqual([])
  })

  test('only notice and above interrupt; only protective kinds trigger guard mode', () => {
    const store = createAlertStore({ storage: memoryStorage().storage })
    const { evaluate } = store.getState().actions
    const entries = () => store.getState().accounts[KEY]?.entries ?? []
    evaluate(KEY, at(1, 1.4, { staleFeeds: ['WETH'] }), DEFAULT_RISK_PROFILE)
    expect([interruptingAlertActive(entries()), guardTriggered(entries())]).toEqual([true, false])
    store.getState().actions.acknowledgeAll(KEY)
    evaluate(KEY, at(2, 1.1), DEFAULT_RISK_PROFILE)
    store.getState().actions.acknowledgeAll(KEY)
    evaluate(KEY, at(3, 1.6), DEFAULT_RISK_PROFILE)
    expect(entries()[0]?.kind).toBe('recovered')
    expect([interruptingAlertActive(entries()), guardTriggered(entries())]).toEqual([false, false])
  })
})

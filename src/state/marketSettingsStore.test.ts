import { describe, expect, test } from 'vitest'
import {
  createMarketSettingsStore,
  MARKET_SETTINGS_STORAGE_KEY,
  MARKET_SETTINGS_VERSION,
  migrateMarketSettings,
} from './marketSettingsStore'
import { memoryStorage } from './memoryStorage'

describe('market settings store', () => {
  test('nothing chosen at first: the page shows its default market and public RPCs', () => {
    const { storage } = memoryStorage()
    const store = createMarketSettingsStore({ storage })
    expect(store.getState()).toMatchObject({ marketId: null, rpcUrls: {} })
  })

  test('the chosen market and RPC URLs are persisted with the version and come back after a reload', () => {
    const { items, storage } = memoryStorage()
    const page = createMarketSettingsStore({ storage })
    page.getState().actions.selectMarket('aave-v3-base')
    page.getState().actions.setRpcUrl(8453, 'https://base.example.org/rpc')
    page.getState().actions.setRpcUrl(1, 'http://127.0.0.1:8545')

    const stored = JSON.parse(items.get(MARKET_SETTINGS_STORAGE_KEY) ?? '{}')
    expect(stored.version).toBe(MARKET_SETTINGS_VERSION)
    expect(stored.state).toEqual({
      marketId: 'aave-v3-base',
      rpcUrls: { '8453': 'https://base.example.org/rpc', '1': 'http://127.0.0.1:8545' },
    })

    const reloaded = createMarketSettingsStore({ storage })
    expect(reloaded.getState()).toMatchObject(stored.state)
  })

  test('resetting a chain’s RPC removes only that chain’s URL', () => {
    const { storage } = memoryStorage()
    const store = createMarketSettingsStore({ storage })
    store.getState().actions.setRpcUrl(8453, 'https://base.example.org')
    store.getState().actions.setRpcUrl(10, 'https://op.example.org')
    store.getState().actions.resetRpcUrl(8453)
    expect(store.getState().rpcUrls).toEqual({ '10': 'https://op.example.org' })
    const before = store.getState()
    store.getState().actions.resetRpcUrl(8453)
    expect(store.getState()).toBe(before)
  })

  test('a URL that is not http(s) is never stored, and what was saved stays', () => {
    const { storage } = memoryStorage()
    const store = createMarketSettingsStore({ storage })
    store.getState().actions.setRpcUrl(1, 'https://eth.example.org')
    expect(() => store.getState().actions.setRpcUrl(1, 'wss://eth.example.org')).toThrow(/http/)
    expect(() => store.getState().actions.setRpcUrl(1, 'not a url')).toThrow()
    expect(store.getState().rpcUrls).toEqual({ '1': 'https://eth.example.org' })
  })

  test('stored garbage is dropped entry by entry, never breaking the page', () => {
    const { storage } = memoryStorage({
      [MARKET_SETTINGS_STORAGE_KEY]: JSON.stringify({
        version: MARKET_SETTINGS_VERSION,
        state: {
          marketId: 42,
          rpcUrls: {
            '1': 'https://ok.example.org',
            '0': 'https://zero.example.org',
            x: 'https://x.example.org',
            '10': 'ftp://a',
            '8453': 7,
          },
        },
      }),
    })
    const store = createMarketSettingsStore({ storage })
    expect(store.getState()).toMatchObject({ marketId: null, rpcUrls: { '1': 'https://ok.example.org' } })
    expect(
      createMarketSettingsStore({
        storage: memoryStorage({ [MARKET_SETTINGS_STORAGE_KEY]: '{not json' }).storage,
      }).getState(),
    ).toMatchObject({ marketId: null, rpcUrls: {} })
  })

  test('an unversioned (version 0) store is migrated and sanitised', () => {
    expect(migrateMarketSettings({ marketId: 'devnet', rpcUrls: { '137': 'https://polygon.example.org' } }, 0)).toEqual(
      {
        marketId: 'devnet',
        rpcUrls: { '137': 'https://polygon.example.org' },
      },
    )
    expect(migrateMarketSettings(null, 0)).toEqual({ marketId: null, rpcUrls: {} })
    const { storage } = memoryStorage({
      [MARKET_SETTINGS_STORAGE_KEY]: JSON.stringify({
        version: 0,
        state: { marketId: 'aave-v3-polygon', rpcUrls: [] },
      }),
    })
    expect(createMarketSettingsStore({ storage }).getState()).toMatchObject({
      marketId: 'aave-v3-polygon',
      rpcUrls: {},
    })
  })
})

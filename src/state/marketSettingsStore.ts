import { useStore } from 'zustand'
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware'
import { createStore } from 'zustand/vanilla'
import type { CustomRpcUrls } from '../chain/marketEndpoint'

export type MarketSettingsActions = {
  /** Shows this market (a MarketDefinition id) from now on, across reloads. */
  selectMarket(marketId: string): void
  /** Reads this chain through `url` from now on. Check the URL first (validateRpcUrl): the store only keeps it. */
  setRpcUrl(chainId: number, url: string): void
  /** Back to the chain's public default RPC. */
  resetRpcUrl(chainId: number): void
}

export type MarketSettingsState = {
  /** The market the page shows; null until the user picks one (the default then: the devnet when served). */
  marketId: string | null
  /** The user's RPC per chain id (decimal string keys); a chain without one uses its public default. */
  rpcUrls: CustomRpcUrls
  actions: MarketSettingsActions
}

type PersistedMarketSettings = Pick<MarketSettingsState, 'marketId' | 'rpcUrls'>

export const MARKET_SETTINGS_STORAGE_KEY = 'marginguard.markets'
export const MARKET_SETTINGS_VERSION = 1

const isHttpUrl = (value: unknown): value is string => {
  if (typeof value !== 'string' || !URL.canParse(value)) return false
  const { protocol } = new URL(value)
  return protocol === 'http:' || protocol === 'https:'
}

/**
 * Keeps what is well-formed in whatever was stored (a hand-edited localStorage, another version of
 * the app): a market id that is a non-empty string, and http(s) URLs under decimal chain ids. Whether
 * the market still exists is decided when it is shown (chooseMarket falls back to the default).
 */
export function sanitizeMarketSettings(raw: unknown): PersistedMarketSettings {
  const stored = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {}
  const marketId = typeof stored.marketId === 'string' && stored.marketId !== '' ? stored.marketId : null
  const rpcUrls: Record<string, string> = {}
  if (stored.rpcUrls && typeof stored.rpcUrls === 'object')
    for (const [chainId, url] of Object.entries(stored.rpcUrls as Record<string, unknown>))
      if (/^[1-9]\d{0,15}$/.test(chainId) && isHttpUrl(url)) rpcUrls[chainId] = url
  return { marketId, rpcUrls }
}

/**
 * Brings stored settings of any version to this one. Version 0 is what an unversioned store wrote;
 * version 1 is the first. A new version adds its step here.
 */
export function migrateMarketSettings(persisted: unknown, _fromVersion: number): PersistedMarketSettings {
  return sanitizeMarketSettings(persisted)
}

export type MarketSettingsStoreOptions = {
  /** Where settings persist (JSON under MARKET_SETTINGS_STORAGE_KEY); the page's localStorage by default. */
  storage?: StateStorage
}

export function createMarketSettingsStore({ storage }: MarketSettingsStoreOptions = {}) {
  return createStore<MarketSettingsState>()(
    persist(
      (set) => ({
        marketId: null,
        rpcUrls: {},
        actions: {
          selectMarket: (marketId) => set((state) => (state.marketId === marketId ? state : { marketId })),
          setRpcUrl: (chainId, url) => {
            // validateRpcUrl refuses these before anything is saved; this guards the stored data itself.
            if (!isHttpUrl(url)) throw new Error(`not an http(s) URL: ${url}`)
            set((state) =>
              state.rpcUrls[String(chainId)] === url ? state : { rpcUrls: { ...state.rpcUrls, [chainId]: url } },
            )
          },
          resetRpcUrl: (chainId) =>
            set((state) => {
              if (!(String(chainId) in state.rpcUrls)) return state
              const { [String(chainId)]: _, ...rpcUrls } = state.rpcUrls
              return { rpcUrls }
            }),
        },
      }),
      {
        name: MARKET_SETTINGS_STORAGE_KEY,
        version: MARKET_SETTINGS_VERSION,
        // Where there is no localStorage (Node; a browser that refuses it) settings live in memory only.
        storage: createJSONStorage<PersistedMarketSettings>(() => storage ?? window.localStorage),
        partialize: ({ marketId, rpcUrls }) => ({ marketId, rpcUrls }),
        migrate: migrateMarketSettings,
        // Same-version data is sanitised too: storage is input like any other.
        merge: (persisted, current) => ({ ...current, ...sanitizeMarketSettings(persisted) }),
      },
    ),
  )
}

export type MarketSettingsStore = ReturnType<typeof createMarketSettingsStore>

/** The page's market settings, in localStorage. */
export const marketSettingsStore = createMarketSettingsStore()

/** Atomic selectors (zustand 5 loops on selectors that build new objects). */
export const useSelectedMarketId = () => useStore(marketSettingsStore, (state) => state.marketId)
export const useCustomRpcUrls = () => useStore(marketSettingsStore, (state) => state.rpcUrls)
export const useMarketSettingsActions = () => useStore(marketSettingsStore, (state) => state.actions)

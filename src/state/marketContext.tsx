import { createContext, type ReactNode, useContext, useMemo } from 'react'
import type { DevnetManifest } from '../chain/devnetManifest'
import { type MarketEndpoint, marketEndpoint } from '../chain/marketEndpoint'
import { chooseMarket, type MarketDefinition, selectableMarkets } from '../chain/markets'
import { useCustomRpcUrls, useSelectedMarketId } from './marketSettingsStore'

/**
 * The market the page shows, how it is reached, and what else could be shown. Screens read the
 * market from here, never from the manifest: the same screens serve the devnet and the live markets.
 */
export type MarketContextValue = MarketEndpoint & {
  /** Every market the selector offers: the devnet first (the default) when served, then the live ones. */
  markets: readonly MarketDefinition[]
  /** Each offered market with its node: wagmi's config has a chain and transport for each. */
  endpoints: readonly MarketEndpoint[]
  /** The market shown when none is chosen (or the chosen one is not offered): the devnet when served. */
  defaultMarket: MarketDefinition
  /**
   * The devnet manifest, only while the devnet is the market shown: devnet-only pieces (demo
   * accounts, its Uniswap router, its feeds' rules and asset classes) come from here and are absent
   * on a live market.
   */
  devnet: DevnetManifest | undefined
}

const MarketContext = createContext<MarketContextValue | null>(null)

/**
 * Resolves the chosen market (persisted) among those offered, with the RPC in use for each: the
 * manifest's for the devnet, the user's for a chain where one is set, the public default otherwise.
 */
export function MarketProvider({ manifest, children }: { manifest: DevnetManifest | undefined; children: ReactNode }) {
  const selectedId = useSelectedMarketId()
  const customRpcUrls = useCustomRpcUrls()
  const markets = useMemo(() => selectableMarkets(manifest), [manifest])
  const endpoints = useMemo(() => markets.map((m) => marketEndpoint(m, customRpcUrls)), [markets, customRpcUrls])
  const value = useMemo<MarketContextValue>(() => {
    const market = chooseMarket(markets, selectedId)
    const endpoint = endpoints.find((e) => e.market === market) ?? marketEndpoint(market, customRpcUrls)
    return {
      ...endpoint,
      markets,
      endpoints,
      defaultMarket: chooseMarket(markets, null),
      devnet: endpoint.isDevnet ? manifest : undefined,
    }
  }, [markets, endpoints, selectedId, manifest, customRpcUrls])
  return <MarketContext value={value}>{children}</MarketContext>
}

export function useMarketContext(): MarketContextValue {
  const context = useContext(MarketContext)
  if (!context) throw new Error('useMarketContext outside <MarketProvider>')
  return context
}

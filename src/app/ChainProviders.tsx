import { type ReactNode, useMemo } from 'react'
import { WagmiProvider } from 'wagmi'
import type { DevnetManifest } from '../chain/devnetManifest'
import type { MarketEndpoint } from '../chain/marketEndpoint'
import { createWagmiConfig } from '../chain/wagmi'
import { useMarketContext } from '../state/marketContext'
import { useBlockStream } from '../state/useBlockStream'

/** Streams the shown market's blocks; another market (or RPC) restarts the stream, nothing else. */
function BlockStream() {
  const { chain, pollIntervalMs, retryIntervalMs } = useMarketContext()
  useBlockStream({ chain, pollIntervalMs, retryIntervalMs })
  return null
}

function ChainProvidersFor({
  manifest,
  endpoints,
  children,
}: {
  manifest: DevnetManifest | undefined
  endpoints: readonly MarketEndpoint[]
  children: ReactNode
}) {
  const config = useMemo(() => createWagmiConfig({ endpoints, manifest }), [endpoints, manifest])
  return (
    <WagmiProvider config={config}>
      <BlockStream />
      {children}
    </WagmiProvider>
  )
}

/**
 * wagmi (a chain and an HTTP transport for every market offered) and the block stream of the market
 * shown. Switching markets keeps the config: the screens and the stream follow the market context.
 * A manifest with other content (the devnet was redeployed) or another RPC URL for a chain remounts
 * everything below with a fresh config, so no client, connection or cached read of the old node
 * survives.
 */
export function ChainProviders({ manifest, children }: { manifest: DevnetManifest | undefined; children: ReactNode }) {
  const { endpoints } = useMarketContext()
  const generation = useMemo(
    () => JSON.stringify([manifest ?? null, endpoints.map((e) => [e.chain.id, e.rpcUrl])]),
    [manifest, endpoints],
  )
  return (
    <ChainProvidersFor key={generation} manifest={manifest} endpoints={endpoints}>
      {children}
    </ChainProvidersFor>
  )
}

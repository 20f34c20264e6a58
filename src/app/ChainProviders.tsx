import { type ReactNode, useMemo } from 'react'
import type { Chain } from 'viem'
import { WagmiProvider } from 'wagmi'
import type { DevnetManifest } from '../chain/devnetManifest'
import { createWagmiConfig } from '../chain/wagmi'
import { DevnetProvider } from '../state/devnetContext'
import { useBlockStream } from '../state/useBlockStream'

function BlockStream({ chain }: { chain: Chain }) {
  useBlockStream(chain)
  return null
}

/** wagmi, the manifest context and the block stream for one manifest. */
function ChainProvidersFor({ manifest, children }: { manifest: DevnetManifest; children: ReactNode }) {
  const config = useMemo(() => createWagmiConfig(manifest), [manifest])
  const devnet = useMemo(() => ({ manifest, chain: config.chains[0] }), [manifest, config])
  return (
    <WagmiProvider config={config}>
      <DevnetProvider value={devnet}>
        <BlockStream chain={devnet.chain} />
        {children}
      </DevnetProvider>
    </WagmiProvider>
  )
}

/**
 * A manifest with other content (the devnet was redeployed) remounts everything below with a
 * fresh wagmi config, so no client, connection or cached read of the old chain survives.
 */
export function ChainProviders({ manifest, children }: { manifest: DevnetManifest; children: ReactNode }) {
  const generation = useMemo(() => JSON.stringify(manifest), [manifest])
  return (
    <ChainProvidersFor key={generation} manifest={manifest}>
      {children}
    </ChainProvidersFor>
  )
}

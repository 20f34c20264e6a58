import { useEffect, useState } from 'react'
import { type Connector, useConnectors } from 'wagmi'
import { isDiscoveredWallet, walletOptions } from './walletOptions'

const windowEthereum = () => (typeof window !== 'undefined' && 'ethereum' in window ? window.ethereum : undefined)

/**
 * The connectors the wallet bar offers (see walletOptions): wagmi's connectors, with the EIP-1193
 * provider of each discovered wallet looked up (asynchronous in wagmi) so that "Browser wallet" is
 * not offered a second time for a wallet already listed by name.
 */
export function useWalletOptions(): readonly Connector[] {
  const connectors = useConnectors()
  const [providers, setProviders] = useState<{ for: readonly Connector[]; map: Map<string, unknown> }>()

  useEffect(() => {
    let cancelled = false
    const discovered = connectors.filter(isDiscoveredWallet)
    Promise.all(discovered.map(async (c) => [c.uid, await c.getProvider().catch(() => undefined)] as const)).then(
      (entries) => {
        if (!cancelled) setProviders({ for: connectors, map: new Map(entries) })
      },
    )
    return () => {
      cancelled = true
    }
  }, [connectors])

  return walletOptions(connectors, {
    // Providers looked up for an older list of connectors do not speak for a newly announced wallet.
    discoveredProviders: providers?.for === connectors ? providers.map : undefined,
    windowEthereum: windowEthereum(),
  })
}

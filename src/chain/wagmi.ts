import { http } from 'viem'
import { createConfig, createStorage, injected } from 'wagmi'
import { demoWallet } from './demoWalletConnector'
import { devnetChain, isLocalDevnet } from './devnetChain'
import type { DevnetManifest } from './devnetManifest'

/** anvil mines in milliseconds: viem's default 4 s polling would make every receipt wait slow. */
export const DEVNET_POLLING_INTERVAL_MS = 50

/**
 * Builds the wagmi config for the chain a manifest describes. Built at runtime (the manifest is
 * fetched, never bundled), so the registered type is this function's return type.
 */
export function createWagmiConfig(manifest: DevnetManifest) {
  const chain = devnetChain(manifest)
  const trader = manifest.accounts.trader
  const connectors = [
    injected(),
    ...(trader && isLocalDevnet(chain) ? [demoWallet({ chain, account: trader.address })] : []),
  ]
  return createConfig({
    chains: [chain],
    connectors,
    // Reads go over HTTP. wagmi batches eth_calls made in the same tick through the chain's Multicall3
    // (manifest.multicall3, which must hold the contract). Blocks are streamed separately (blockStream.ts).
    transports: { [chain.id]: http(manifest.rpcUrl) },
    pollingInterval: DEVNET_POLLING_INTERVAL_MS,
    // One "Browser wallet" button for window.ethereum; EIP-6963 discovery would add one per extension.
    multiInjectedProviderDiscovery: false,
    // Connections are remembered per chain, so a devnet on another chain id starts clean.
    storage: createStorage({
      key: `marginguard.wagmi.${chain.id}`,
      storage: typeof window === 'undefined' ? undefined : window.localStorage,
    }),
  })
}

export type WagmiConfig = ReturnType<typeof createWagmiConfig>

declare module 'wagmi' {
  interface Register {
    config: WagmiConfig
  }
}

import { http } from 'viem'
import { createConfig, createStorage, injected } from 'wagmi'
import { walletConnect } from 'wagmi/connectors/walletConnect'
import { demoWallet } from './demoWalletConnector'
import { devnetChain, isLocalDevnet } from './devnetChain'
import type { DevnetManifest } from './devnetManifest'

declare global {
  interface ImportMetaEnv {
    /** A Reown (WalletConnect) Cloud project id; without one the WalletConnect connector is left out. */
    readonly VITE_WALLETCONNECT_PROJECT_ID?: string
  }
}

/** anvil mines in milliseconds: viem's default 4 s polling would make every receipt wait slow. */
export const DEVNET_POLLING_INTERVAL_MS = 50

/**
 * The WalletConnect project id, fixed at build time (empty counts as none). Read straight from
 * import.meta.env so that a build without one drops the connector's code altogether.
 */
const WALLETCONNECT_PROJECT_ID = import.meta.env?.VITE_WALLETCONNECT_PROJECT_ID?.trim() || undefined

/**
 * Builds the wagmi config for the chain a manifest describes. Built at runtime (the manifest is
 * fetched, never bundled), so the registered type is this function's return type.
 *
 * Connectors: every wallet that announces itself through EIP-6963 (wagmi adds one connector per
 * wallet, named by the wallet), the plain `injected()` fallback for a window.ethereum that does not
 * announce itself (the wallet bar hides it when it is one of the announced wallets), WalletConnect
 * when a project id is configured, and the demo wallet on a local devnet only.
 */
export function createWagmiConfig(manifest: DevnetManifest) {
  const chain = devnetChain(manifest)
  const trader = manifest.accounts.trader
  const projectId = WALLETCONNECT_PROJECT_ID
  const connectors = [
    injected(),
    // TODO(wallets): walletConnect() loads `@walletconnect/ethereum-provider` on first use, an optional
    // peer of @wagmi/connectors that is not installed yet: until it is, connecting fails with
    // "Could not resolve @walletconnect/ethereum-provider", shown on the wallet bar.
    ...(projectId
      ? [
          walletConnect({
            projectId,
            showQrModal: true,
            metadata: {
              name: 'MarginGuard',
              description: 'Keeps leveraged positions from being liquidated.',
              url: typeof window === 'undefined' ? 'https://marginguard.invalid' : window.location.origin,
              icons: [],
            },
          }),
        ]
      : []),
    ...(trader && isLocalDevnet(chain) ? [demoWallet({ chain, account: trader.address })] : []),
  ]
  return createConfig({
    chains: [chain],
    connectors,
    // Reads go over HTTP. wagmi batches eth_calls made in the same tick through the chain's Multicall3
    // (manifest.multicall3, which must hold the contract). Blocks are streamed separately (blockStream.ts).
    transports: { [chain.id]: http(manifest.rpcUrl) },
    pollingInterval: DEVNET_POLLING_INTERVAL_MS,
    // EIP-6963: one connector per wallet extension, by its own name and icon.
    multiInjectedProviderDiscovery: true,
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

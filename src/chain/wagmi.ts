import { type Chain, http, type Transport } from 'viem'
import { createConfig, createStorage, injected } from 'wagmi'
import { walletConnect } from 'wagmi/connectors/walletConnect'
import { demoWallet } from './demoWalletConnector'
import { isLocalDevnet } from './devnetChain'
import type { DevnetManifest } from './devnetManifest'
import type { MarketEndpoint } from './marketEndpoint'

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

export type WagmiConfigParameters = {
  /** Every market the page offers, each with the node it is read from (marketEndpoint). */
  endpoints: readonly MarketEndpoint[]
  /** The devnet's manifest when one is served: its trader is the demo wallet's account. */
  manifest?: DevnetManifest | undefined
}

/**
 * Builds the wagmi config for every chain the page can show: the devnet's (from its manifest,
 * fetched at runtime, never bundled) and the live markets' chains, each with an HTTP transport to
 * the RPC in use (the user's for that chain, or the public default). Built at runtime, so the
 * registered type is this function's return type.
 *
 * Connectors: every wallet that announces itself through EIP-6963 (wagmi adds one connector per
 * wallet, named by the wallet), the plain `injected()` fallback for a window.ethereum that does not
 * announce itself (the wallet bar hides it when it is one of the announced wallets), WalletConnect
 * when a project id is configured, and the demo wallet on a local devnet only.
 */
export function createWagmiConfig({ endpoints, manifest }: WagmiConfigParameters) {
  // One chain per chain id (selectableMarkets never offers two markets on one chain yet; the first would win).
  const byChain = new Map<number, MarketEndpoint>()
  for (const endpoint of endpoints) if (!byChain.has(endpoint.chain.id)) byChain.set(endpoint.chain.id, endpoint)
  const [first, ...others] = [...byChain.values()].map((e) => e.chain)
  if (!first) throw new Error('createWagmiConfig: no market to read')
  const chains: readonly [Chain, ...Chain[]] = [first, ...others]
  const devnet = [...byChain.values()].find((e) => e.isDevnet)?.chain
  const trader = manifest?.accounts.trader
  const projectId = WALLETCONNECT_PROJECT_ID
  const connectors = [
    injected(),
    // walletConnect() imports `@walletconnect/ethereum-provider` (and its QR modal) on first use: a
    // lazy chunk, and absent from the build altogether without a project id (the constant folds away).
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
    ...(trader && devnet && isLocalDevnet(devnet) ? [demoWallet({ chain: devnet, account: trader.address })] : []),
  ]
  const transports: Record<number, Transport> = {}
  const pollingInterval: Record<number, number> = {}
  for (const [chainId, endpoint] of byChain) {
    transports[chainId] = http(endpoint.rpcUrl)
    // anvil answers in milliseconds; a public RPC is asked no faster than its block stream reads heads.
    pollingInterval[chainId] = endpoint.isDevnet ? DEVNET_POLLING_INTERVAL_MS : endpoint.pollIntervalMs
  }
  return createConfig({
    chains,
    connectors,
    // Reads go over HTTP. wagmi batches eth_calls made in the same tick through the chain's Multicall3
    // (manifest.multicall3 on the devnet, which must hold the contract). Blocks are streamed separately (blockStream.ts).
    transports,
    // Per chain id: wagmi resolves chain-keyed client options for each chain's client.
    pollingInterval,
    // EIP-6963: one connector per wallet extension, by its own name and icon.
    multiInjectedProviderDiscovery: true,
    // Connections are remembered per devnet chain id, so a devnet on another chain id starts clean.
    storage: createStorage({
      key: `marginguard.wagmi.${manifest?.chainId ?? 'live'}`,
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

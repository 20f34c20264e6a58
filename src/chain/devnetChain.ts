import { type Chain, defineChain } from 'viem'
import type { DevnetManifest } from './devnetManifest'

/** The devnet as a viem chain: RPC, WebSocket and Multicall3 from the manifest, nothing hard-coded. */
export function devnetChain(manifest: DevnetManifest) {
  return defineChain({
    id: manifest.chainId,
    name: 'MarginGuard devnet',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: {
      default: { http: [manifest.rpcUrl], webSocket: [manifest.wsUrl] },
    },
    contracts: {
      multicall3: { address: manifest.multicall3, blockCreated: manifest.deployBlock },
    },
    testnet: true,
  })
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * Whether a chain is a local devnet whose accounts the node itself unlocks. The demo wallet
 * relays eth_sendTransaction to the node unsigned, which only makes sense there: it is never
 * offered for any other chain.
 */
export function isLocalDevnet(chain: Chain): boolean {
  const url = chain.rpcUrls.default.http[0]
  if (!url) return false
  return loopbackHosts.has(new URL(url).hostname)
}

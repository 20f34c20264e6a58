import {
  type Address,
  type Chain,
  type EIP1193RequestFn,
  getAddress,
  http,
  numberToHex,
  SwitchChainError,
  UnsupportedProviderMethodError,
} from 'viem'
import { createConnector } from 'wagmi'
import { isLocalDevnet } from './devnetChain'

export type DemoWalletParameters = {
  /** The devnet chain; the connector refuses every other chain. */
  chain: Chain
  /** The account the demo wallet holds: the devnet's trader, unlocked on the node. */
  account: Address
}

type DemoProvider = { request: EIP1193RequestFn }
type StorageItem = { 'demoWallet.connected': true }

demoWallet.type = 'demoWallet' as const

/** The demo wallet's connector id: guard mode executes by itself only through this wallet. */
export const DEMO_WALLET_ID = 'demoWallet'

/**
 * A wallet for the devnet that needs no extension: an EIP-1193 provider that answers account
 * requests with the manifest's trader and relays everything else to the node over HTTP. anvil
 * keeps its accounts unlocked, so `eth_sendTransaction` is signed by the node itself; this is why
 * the connector exists only for a local devnet (see `isLocalDevnet`).
 */
export function demoWallet({ chain, account }: DemoWalletParameters) {
  if (!isLocalDevnet(chain)) throw new Error(`The demo wallet is only for a local devnet, not ${chain.name}`)
  const address = getAddress(account)
  const relay = http(chain.rpcUrls.default.http[0], { retryCount: 0 })({ chain }).request

  const request: EIP1193RequestFn = async ({ method, params }) => {
    switch (method) {
      case 'eth_accounts':
      case 'eth_requestAccounts':
        return [address] as never
      case 'eth_chainId':
        return numberToHex(chain.id) as never
      case 'wallet_switchEthereumChain': {
        const [{ chainId }] = params as [{ chainId: `0x${string}` }]
        if (Number(chainId) !== chain.id)
          throw new SwitchChainError(new Error(`The demo wallet lives on ${chain.name}`))
        return null as never
      }
      case 'wallet_addEthereumChain':
      case 'wallet_requestPermissions':
      case 'wallet_revokePermissions':
        throw new UnsupportedProviderMethodError(new Error(`The demo wallet does not support ${method}`))
      default:
        return relay({ method, params } as never) as never
    }
  }
  const provider: DemoProvider = { request }

  return createConnector<DemoProvider, Record<string, unknown>, StorageItem>((config) => ({
    id: DEMO_WALLET_ID,
    name: 'Demo wallet',
    type: demoWallet.type,
    async connect({ withCapabilities } = {}) {
      await config.storage?.setItem('demoWallet.connected', true)
      const accounts = withCapabilities ? [{ address, capabilities: {} }] : [address]
      return { accounts: accounts as never, chainId: chain.id }
    },
    async disconnect() {
      await config.storage?.removeItem('demoWallet.connected')
    },
    async getAccounts() {
      return [address]
    },
    async getChainId() {
      return chain.id
    },
    async getProvider() {
      return provider
    },
    // Reconnect after a reload if the demo wallet was connected and not explicitly disconnected.
    async isAuthorized() {
      return Boolean(await config.storage?.getItem('demoWallet.connected'))
    },
    async switchChain({ chainId }) {
      if (chainId !== chain.id) throw new SwitchChainError(new Error(`The demo wallet lives on ${chain.name}`))
      return chain
    },
    // The demo account and chain never change, so the provider emits no events to forward.
    onAccountsChanged() {},
    onChainChanged() {},
    onDisconnect() {
      config.emitter.emit('disconnect')
    },
  }))
}

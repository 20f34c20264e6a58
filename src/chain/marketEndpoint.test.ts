import { describe, expect, test } from 'vitest'
import type { DevnetManifest } from './devnetManifest'
import {
  DEVNET_RETRY_INTERVAL_MS,
  LIVE_RETRY_INTERVAL_MS,
  MIN_LIVE_POLL_INTERVAL_MS,
  marketEndpoint,
} from './marketEndpoint'
import { devnetMarket, type MarketDefinition, marketById } from './markets'

const manifest = {
  chainId: 31337,
  rpcUrl: 'http://127.0.0.1:8545',
  wsUrl: 'ws://127.0.0.1:8545',
  deployBlock: 1,
  multicall3: '0xcA11bde05977b3631167028862bE2a173976CA11',
  aave: {
    pool: '0x0000000000000000000000000000000000000001',
    poolAddressesProvider: '0x0000000000000000000000000000000000000002',
    uiPoolDataProvider: '0x0000000000000000000000000000000000000003',
    oracle: '0x0000000000000000000000000000000000000004',
    walletBalanceProvider: '0x0000000000000000000000000000000000000005',
  },
} as unknown as DevnetManifest

const live = (id: string) => marketById(id) as MarketDefinition

describe('marketEndpoint', () => {
  test('a live market reads its public default RPC, and nothing else, when the user set none', () => {
    const ethereum = live('aave-v3-ethereum')
    const endpoint = marketEndpoint(ethereum, { '8453': 'https://base.example.org' })
    expect(endpoint).toMatchObject({ rpcUrl: ethereum.rpcUrl, customRpc: false, isDevnet: false })
    expect(endpoint.chain.id).toBe(1)
    // viem's own default RPCs for the chain are not used behind the user's back.
    expect(endpoint.chain.rpcUrls).toEqual({ default: { http: [ethereum.rpcUrl] } })
    // Contracts the chain definition carries (Multicall3, ENS) are kept.
    expect(endpoint.chain.contracts?.multicall3?.address).toBe('0xca11bde05977b3631167028862be2a173976ca11')
  })

  test('the user’s RPC for the chain replaces the default, and the default’s WebSocket with it', () => {
    const withSocket = { ...live('aave-v3-base'), wsUrl: 'wss://base.example.org' }
    expect(marketEndpoint(withSocket).chain.rpcUrls.default.webSocket).toEqual(['wss://base.example.org'])
    const endpoint = marketEndpoint(withSocket, { '8453': 'https://my-node.example.org/rpc' })
    expect(endpoint).toMatchObject({ rpcUrl: 'https://my-node.example.org/rpc', customRpc: true })
    expect(endpoint.chain.rpcUrls).toEqual({ default: { http: ['https://my-node.example.org/rpc'] } })
  })

  test('public RPCs are polled at the block time but never faster than once a second', () => {
    expect(marketEndpoint(live('aave-v3-ethereum')).pollIntervalMs).toBe(12_000)
    expect(marketEndpoint(live('aave-v3-base')).pollIntervalMs).toBe(2_000)
    expect(marketEndpoint(live('aave-v3-arbitrum')).pollIntervalMs).toBe(MIN_LIVE_POLL_INTERVAL_MS)
    expect(marketEndpoint(live('aave-v3-arbitrum')).retryIntervalMs).toBe(LIVE_RETRY_INTERVAL_MS)
  })

  test('the devnet is read where its manifest says, with its socket, at its own fast pace, whatever is stored', () => {
    const endpoint = marketEndpoint(devnetMarket(manifest), { '31337': 'https://elsewhere.example.org' })
    expect(endpoint).toMatchObject({ rpcUrl: 'http://127.0.0.1:8545', customRpc: false, isDevnet: true })
    expect(endpoint.chain.rpcUrls.default).toEqual({
      http: ['http://127.0.0.1:8545'],
      webSocket: ['ws://127.0.0.1:8545'],
    })
    expect(endpoint.pollIntervalMs).toBeLessThan(MIN_LIVE_POLL_INTERVAL_MS)
    expect(endpoint.retryIntervalMs).toBe(DEVNET_RETRY_INTERVAL_MS)
  })
})

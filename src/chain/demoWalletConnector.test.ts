import { defineChain } from 'viem'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { demoWallet } from './demoWalletConnector'

const chainAt = (rpcUrl: string) =>
  defineChain({
    id: 31337,
    name: 'MarginGuard devnet',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  })

const trader = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'

function setUp(rpcUrl = 'http://127.0.0.1:8545') {
  const chain = chainAt(rpcUrl)
  const stored = new Map<string, unknown>()
  const storage = {
    getItem: async (key: string) => stored.get(key) ?? null,
    setItem: async (key: string, value: unknown) => void stored.set(key, value),
    removeItem: async (key: string) => void stored.delete(key),
  }
  const connector = demoWallet({ chain, account: trader })({
    chains: [chain],
    emitter: { emit: vi.fn() } as never,
    providers: [],
    storage: storage as never,
  })
  return { connector, chain }
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('demo wallet', () => {
  test('holds the trader account and the devnet chain', async () => {
    const { connector } = setUp()
    expect(await connector.connect()).toEqual({ accounts: [trader], chainId: 31337 })
    const provider = await connector.getProvider()
    expect(await provider.request({ method: 'eth_requestAccounts' })).toEqual([trader])
    expect(await provider.request({ method: 'eth_chainId' })).toBe('0x7a69')
  })

  test('relays everything else to the devnet node over HTTP', async () => {
    const bodies: unknown[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        expect(String(url)).toMatch(/^http:\/\/127\.0\.0\.1:8545\/?$/)
        const body = JSON.parse(String(init.body))
        bodies.push(body)
        return new Response(JSON.stringify({ jsonrpc: '2.0', id: body.id, result: '0xabc' }), {
          headers: { 'content-type': 'application/json' },
        })
      }),
    )
    const { connector } = setUp()
    const provider = await connector.getProvider()
    const tx = { from: trader, to: trader, value: '0x1' } as const
    expect(await provider.request({ method: 'eth_sendTransaction', params: [tx] })).toBe('0xabc')
    expect(bodies).toMatchObject([{ method: 'eth_sendTransaction', params: [tx] }])
  })

  test('reconnects after a reload only if it was connected and not disconnected', async () => {
    const { connector } = setUp()
    expect(await connector.isAuthorized()).toBe(false)
    await connector.connect()
    expect(await connector.isAuthorized()).toBe(true)
    await connector.disconnect()
    expect(await connector.isAuthorized()).toBe(false)
  })

  test('refuses to switch to another chain', async () => {
    const { connector } = setUp()
    await expect(connector.switchChain?.({ chainId: 1 })).rejects.toThrow(/demo wallet lives on/)
  })

  test('is never built for a node that is not local', () => {
    expect(() => setUp('https://eth.example.org')).toThrow(/only for a local devnet/)
  })
})

import { getAddress, isAddress } from 'viem'
import { describe, expect, expectTypeOf, test } from 'vitest'
import type { DevnetManifest } from './devnetManifest'
import {
  chooseMarket,
  DEVNET_MARKET_ID,
  LIVE_MARKETS,
  type LiveMarketId,
  type MarketDefinition,
  marketById,
  marketsForChain,
  selectableMarkets,
} from './markets'

const CHAINS: Record<LiveMarketId, number> = {
  'aave-v3-ethereum': 1,
  'aave-v3-arbitrum': 42161,
  'aave-v3-optimism': 10,
  'aave-v3-base': 8453,
  'aave-v3-polygon': 137,
  'aave-v3-avalanche': 43114,
}

const addressesOf = (m: MarketDefinition) => ({
  poolAddressesProvider: m.poolAddressesProvider,
  pool: m.pool,
  uiPoolDataProvider: m.uiPoolDataProvider,
  oracle: m.oracle,
  walletBalanceProvider: m.walletBalanceProvider,
  multicall3: m.multicall3,
})

describe('the live markets', () => {
  test('are Aave V3 on Ethereum, Arbitrum, Optimism, Base, Polygon and Avalanche, each on its known chain', () => {
    expect(Object.fromEntries(LIVE_MARKETS.map((m) => [m.id, m.chainId]))).toEqual(CHAINS)
    for (const m of LIVE_MARKETS) expect(m.chain.id, m.id).toBe(m.chainId)
    expect(new Set(LIVE_MARKETS.map((m) => m.id)).size).toBe(LIVE_MARKETS.length)
  })

  test.each(LIVE_MARKETS.map((m) => [m.id, m] as const))('%s has checksummed, distinct addresses', (_, m) => {
    const addresses = Object.entries(addressesOf(m))
    for (const [name, address] of addresses) {
      expect(address && isAddress(address, { strict: true }), `${m.id} ${name}`).toBe(true)
      expect(address && getAddress(address), `${m.id} ${name} checksum`).toBe(address)
    }
    expect(new Set(addresses.map(([, a]) => a?.toLowerCase())).size).toBe(addresses.length)
    expect(m.multicall3).toBe('0xcA11bde05977b3631167028862bE2a173976CA11')
  })

  test('come with a public https RPC and the block time to poll at', () => {
    for (const m of LIVE_MARKETS) {
      expect(new URL(m.rpcUrl).protocol, m.id).toBe('https:')
      expect(m.blockTimeMs, m.id).toBeGreaterThanOrEqual(250)
    }
    expect(marketById('aave-v3-ethereum')?.pool).toBe('0x87870Bca3F3fD6335C3F4ce8392D69350B4fA4E2')
  })
})

describe('market lookup', () => {
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

  test('finds a market by id and the markets of a chain; unknown ids and chains find nothing', () => {
    expect(marketById('aave-v3-base')?.chainId).toBe(8453)
    expect(marketById('aave-v2-ethereum')).toBeUndefined()
    expect(marketsForChain(42161).map((m) => m.id)).toEqual(['aave-v3-arbitrum'])
    expect(marketsForChain(56)).toEqual([])
  })

  test('the devnet is a market when its manifest is at hand, with its addresses', () => {
    expect(marketById(DEVNET_MARKET_ID)).toBeUndefined()
    const devnet = marketById(DEVNET_MARKET_ID, manifest)
    expect(devnet).toMatchObject({
      chainId: 31337,
      rpcUrl: 'http://127.0.0.1:8545',
      pool: manifest.aave.pool,
      uiPoolDataProvider: manifest.aave.uiPoolDataProvider,
      multicall3: manifest.multicall3,
    })
    expect(devnet?.chain.id).toBe(31337)
    expect(marketsForChain(31337, manifest).map((m) => m.id)).toEqual([DEVNET_MARKET_ID])
  })

  test('the selector offers the devnet first when its manifest is served, then the six live markets', () => {
    expect(selectableMarkets().map((m) => m.id)).toEqual(LIVE_MARKETS.map((m) => m.id))
    expect(selectableMarkets(manifest).map((m) => m.id)).toEqual([DEVNET_MARKET_ID, ...LIVE_MARKETS.map((m) => m.id)])
    expect(selectableMarkets(manifest)[0]?.wsUrl).toBe('ws://127.0.0.1:8545')
  })

  test('a devnet on a live chain id replaces that chain’s market: one chain id, one node', () => {
    const onMainnetId = { ...manifest, chainId: 1 } as DevnetManifest
    const ids = selectableMarkets(onMainnetId).map((m) => m.id)
    expect(ids).toHaveLength(LIVE_MARKETS.length)
    expect(ids).toContain(DEVNET_MARKET_ID)
    expect(ids).not.toContain('aave-v3-ethereum')
  })

  test('the chosen market is the stored one when offered, else the first (the default)', () => {
    const markets = selectableMarkets(manifest)
    expect(chooseMarket(markets, 'aave-v3-base').id).toBe('aave-v3-base')
    expect(chooseMarket(markets, null).id).toBe(DEVNET_MARKET_ID)
    expect(chooseMarket(markets, 'aave-v2-fantom').id).toBe(DEVNET_MARKET_ID)
    // The devnet was chosen, but no manifest is served now: the first live market stands in.
    expect(chooseMarket(selectableMarkets(), DEVNET_MARKET_ID).id).toBe('aave-v3-ethereum')
    expect(() => chooseMarket([], null)).toThrow()
  })

  test('an entry must have the whole shape (checked by tsc -b)', () => {
    const [ethereum] = LIVE_MARKETS
    const { uiPoolDataProvider: _, ...withoutDataProvider } = ethereum
    // @ts-expect-error: a market without its UiPoolDataProviderV3 is not a market.
    const missing: MarketDefinition = withoutDataProvider
    // @ts-expect-error: addresses are 0x-prefixed hex.
    const malformed: MarketDefinition = { ...ethereum, pool: 'pool' }
    expectTypeOf(ethereum).toExtend<MarketDefinition>()
    expectTypeOf<LiveMarketId>().toEqualTypeOf<keyof typeof CHAINS>()
    expect([missing, malformed]).toHaveLength(2)
  })
})

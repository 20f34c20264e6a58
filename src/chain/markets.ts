import * as AaveV3Arbitrum from '@aave-dao/aave-address-book/AaveV3Arbitrum'
import * as AaveV3Avalanche from '@aave-dao/aave-address-book/AaveV3Avalanche'
import * as AaveV3Base from '@aave-dao/aave-address-book/AaveV3Base'
import * as AaveV3Ethereum from '@aave-dao/aave-address-book/AaveV3Ethereum'
import * as AaveV3Optimism from '@aave-dao/aave-address-book/AaveV3Optimism'
import * as AaveV3Polygon from '@aave-dao/aave-address-book/AaveV3Polygon'
import type { Chain } from 'viem'
import { arbitrum, avalanche, base, mainnet, optimism, polygon } from 'viem/chains'
import { type AaveMarket, marketFromDevnetManifest } from './aaveMarket'
import { devnetChain } from './devnetChain'
import type { DevnetManifest } from './devnetManifest'
import { MULTICALL3_ADDRESS } from './marketFromPoolAddressesProvider'

/**
 * The markets MarginGuard reads: one entry per Aave V3 market, addresses from
 * @aave-dao/aave-address-book (per-market subpath modules, each read by static member access so
 * the bundler keeps only these few constants of a 22 MB book), plus the devnet from its manifest.
 * Adding a market is adding one entry to LIVE_MARKETS (and its address-book import).
 */
export type MarketDefinition = AaveMarket & {
  /** Stable id for URLs (`?market=`) and persisted settings. */
  id: string
  name: string
  chainId: number
  /** The viem chain (wagmi's config takes it); its rpcUrls are viem's, `rpcUrl` below is ours. */
  chain: Chain
  /** A keyless public HTTP RPC that answers browsers (CORS), used unless the user sets one for the chain. */
  rpcUrl: string
  /** The chain's block interval: the stream polls at this pace where no WebSocket subscription exists. */
  blockTimeMs: number
  /** A WebSocket endpoint beside `rpcUrl` that pushes new heads (eth_subscribe), where the market has one. */
  wsUrl?: string
}

export const LIVE_MARKETS = [
  {
    id: 'aave-v3-ethereum',
    name: 'Aave V3 Ethereum',
    chain: mainnet,
    chainId: AaveV3Ethereum.CHAIN_ID,
    poolAddressesProvider: AaveV3Ethereum.POOL_ADDRESSES_PROVIDER,
    pool: AaveV3Ethereum.POOL,
    uiPoolDataProvider: AaveV3Ethereum.UI_POOL_DATA_PROVIDER,
    oracle: AaveV3Ethereum.ORACLE,
    walletBalanceProvider: AaveV3Ethereum.WALLET_BALANCE_PROVIDER,
    multicall3: MULTICALL3_ADDRESS,
    rpcUrl: 'https://ethereum-rpc.publicnode.com',
    blockTimeMs: 12_000,
  },
  {
    id: 'aave-v3-arbitrum',
    name: 'Aave V3 Arbitrum',
    chain: arbitrum,
    chainId: AaveV3Arbitrum.CHAIN_ID,
    poolAddressesProvider: AaveV3Arbitrum.POOL_ADDRESSES_PROVIDER,
    pool: AaveV3Arbitrum.POOL,
    uiPoolDataProvider: AaveV3Arbitrum.UI_POOL_DATA_PROVIDER,
    oracle: AaveV3Arbitrum.ORACLE,
    walletBalanceProvider: AaveV3Arbitrum.WALLET_BALANCE_PROVIDER,
    multicall3: MULTICALL3_ADDRESS,
    rpcUrl: 'https://arb1.arbitrum.io/rpc',
    blockTimeMs: 250,
  },
  {
    id: 'aave-v3-optimism',
    name: 'Aave V3 Optimism',
    chain: optimism,
    chainId: AaveV3Optimism.CHAIN_ID,
    poolAddressesProvider: AaveV3Optimism.POOL_ADDRESSES_PROVIDER,
    pool: AaveV3Optimism.POOL,
    uiPoolDataProvider: AaveV3Optimism.UI_POOL_DATA_PROVIDER,
    oracle: AaveV3Optimism.ORACLE,
    walletBalanceProvider: AaveV3Optimism.WALLET_BALANCE_PROVIDER,
    multicall3: MULTICALL3_ADDRESS,
    rpcUrl: 'https://mainnet.optimism.io',
    blockTimeMs: 2_000,
  },
  {
    id: 'aave-v3-base',
    name: 'Aave V3 Base',
    chain: base,
    chainId: AaveV3Base.CHAIN_ID,
    poolAddressesProvider: AaveV3Base.POOL_ADDRESSES_PROVIDER,
    pool: AaveV3Base.POOL,
    uiPoolDataProvider: AaveV3Base.UI_POOL_DATA_PROVIDER,
    oracle: AaveV3Base.ORACLE,
    walletBalanceProvider: AaveV3Base.WALLET_BALANCE_PROVIDER,
    multicall3: MULTICALL3_ADDRESS,
    rpcUrl: 'https://mainnet.base.org',
    blockTimeMs: 2_000,
  },
  {
    id: 'aave-v3-polygon',
    name: 'Aave V3 Polygon',
    chain: polygon,
    chainId: AaveV3Polygon.CHAIN_ID,
    poolAddressesProvider: AaveV3Polygon.POOL_ADDRESSES_PROVIDER,
    pool: AaveV3Polygon.POOL,
    uiPoolDataProvider: AaveV3Polygon.UI_POOL_DATA_PROVIDER,
    oracle: AaveV3Polygon.ORACLE,
    walletBalanceProvider: AaveV3Polygon.WALLET_BALANCE_PROVIDER,
    multicall3: MULTICALL3_ADDRESS,
    rpcUrl: 'https://polygon-bor-rpc.publicnode.com',
    blockTimeMs: 2_000,
  },
  {
    id: 'aave-v3-avalanche',
    name: 'Aave V3 Avalanche',
    chain: avalanche,
    chainId: AaveV3Avalanche.CHAIN_ID,
    poolAddressesProvider: AaveV3Avalanche.POOL_ADDRESSES_PROVIDER,
    pool: AaveV3Avalanche.POOL,
    uiPoolDataProvider: AaveV3Avalanche.UI_POOL_DATA_PROVIDER,
    oracle: AaveV3Avalanche.ORACLE,
    walletBalanceProvider: AaveV3Avalanche.WALLET_BALANCE_PROVIDER,
    multicall3: MULTICALL3_ADDRESS,
    rpcUrl: 'https://api.avax.network/ext/bc/C/rpc',
    blockTimeMs: 2_000,
  },
] as const satisfies readonly MarketDefinition[]

export type LiveMarketId = (typeof LIVE_MARKETS)[number]['id']

/**
 * anvil mines in milliseconds and only on transactions: poll the devnet at wagmi.ts's
 * DEVNET_POLLING_INTERVAL_MS pace (not imported: the wagmi config will import the markets).
 */
const DEVNET_POLL_MS = 50
export const DEVNET_MARKET_ID = 'devnet'
export const DEVNET_MARKET_NAME = 'MarginGuard devnet'
export type MarketId = LiveMarketId | typeof DEVNET_MARKET_ID

/**
 * The devnet's market, from its manifest (fetched at runtime: the devnet's addresses change with
 * every deployment). anvil mines only on transactions and pushes heads over WebSocket; the
 * polling fallback runs at the devnet's short interval.
 */
export function devnetMarket(manifest: DevnetManifest): MarketDefinition {
  return {
    id: DEVNET_MARKET_ID,
    name: DEVNET_MARKET_NAME,
    chain: devnetChain(manifest),
    chainId: manifest.chainId,
    ...marketFromDevnetManifest(manifest),
    rpcUrl: manifest.rpcUrl,
    wsUrl: manifest.wsUrl,
    blockTimeMs: DEVNET_POLL_MS,
  }
}

export const isDevnetMarket = (market: Pick<MarketDefinition, 'id'>) => market.id === DEVNET_MARKET_ID

/**
 * The markets the page offers, in the selector's order: the devnet first (the default) when its
 * manifest is served, then the live ones. A live market on the devnet's own chain id (a devnet
 * started with `--chain-id 1`, say) is left out: one chain id, one node.
 */
export function selectableMarkets(devnet?: DevnetManifest): readonly MarketDefinition[] {
  if (!devnet) return LIVE_MARKETS
  return [devnetMarket(devnet), ...LIVE_MARKETS.filter((m) => m.chainId !== devnet.chainId)]
}

/** The selected market among `markets` (an id from storage or a link), else the first: the default. */
export function chooseMarket(markets: readonly MarketDefinition[], id: string | null | undefined): MarketDefinition {
  const chosen = (id && markets.find((m) => m.id === id)) || markets[0]
  if (!chosen) throw new Error('no market to choose from')
  return chosen
}

/** Every market known: the live ones, and the devnet when its manifest is at hand. */
export function allMarkets(devnet?: DevnetManifest): readonly MarketDefinition[] {
  return devnet ? [...LIVE_MARKETS, devnetMarket(devnet)] : LIVE_MARKETS
}

/** The market with this id (an untrusted string, e.g. from the URL), or undefined. */
export function marketById(id: string, devnet?: DevnetManifest): MarketDefinition | undefined {
  return allMarkets(devnet).find((m) => m.id === id)
}

/** The markets on a chain (none for a chain MarginGuard does not know). */
export function marketsForChain(chainId: number, devnet?: DevnetManifest): MarketDefinition[] {
  return allMarkets(devnet).filter((m) => m.chainId === chainId)
}

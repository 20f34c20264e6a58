import type { Address } from 'viem'
import type { DevnetManifest } from './devnetManifest'

/**
 * The Uniswap V3 contracts read with a market on every block: the pools proposals may swap
 * through and the position manager whose NFTs are the account's LP positions.
 */
export type UniswapVenue = {
  /** Pools by the asset each prices (against a stablecoin): `PortfolioSnapshot.pools` is keyed the same way. */
  pools: readonly { asset: Address; pool: Address }[]
  /** NonfungiblePositionManager: the account's positions in it become `PortfolioSnapshot.lpPositions`. */
  positionManager?: Address
  /** The manager's factory (pool addresses are CREATE2 from it); read from `positionManager.factory()` when absent. */
  factory?: Address
}

/**
 * The addresses that make one Aave V3 market readable in one multicall. Real markets take them
 * from `@aave-dao/aave-address-book`; the devnet from its manifest.
 */
export type AaveMarket = {
  pool: Address
  poolAddressesProvider: Address
  uiPoolDataProvider: Address
  oracle: Address
  walletBalanceProvider?: Address
  multicall3: Address
  /** The DEX read along with the market, where one is known (the devnet's own Uniswap V3). */
  uniswap?: UniswapVenue
}

/** The devnet's market, from its deployment manifest (the only place devnet addresses come from). */
export function marketFromDevnetManifest(manifest: DevnetManifest): AaveMarket {
  const { aave } = manifest
  const uniswap = uniswapFromDevnetManifest(manifest)
  return {
    pool: aave.pool,
    poolAddressesProvider: aave.poolAddressesProvider,
    uiPoolDataProvider: aave.uiPoolDataProvider,
    oracle: aave.oracle,
    walletBalanceProvider: aave.walletBalanceProvider,
    multicall3: manifest.multicall3,
    ...(uniswap ? { uniswap } : {}),
  }
}

/** The devnet's Uniswap V3: each asset's pool (against USDC), the position manager and its factory. */
export function uniswapFromDevnetManifest(manifest: DevnetManifest): UniswapVenue | undefined {
  // parseDevnetManifest does not require the Uniswap section, and markets are built from partial manifests in tests.
  const assets = (manifest.assets as DevnetManifest['assets'] | undefined) ?? []
  const pools = assets.flatMap((a) => (a.uniswapPool ? [{ asset: a.address, pool: a.uniswapPool }] : []))
  const contracts = manifest.uniswap as DevnetManifest['uniswap'] | undefined
  if (!contracts) return pools.length ? { pools } : undefined
  return { pools, positionManager: contracts.positionManager, factory: contracts.factory }
}

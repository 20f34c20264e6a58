import type { Address } from 'viem'
import type { DevnetManifest } from './devnetManifest'

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
}

/** The devnet's market, from its deployment manifest (the only place devnet addresses come from). */
export function marketFromDevnetManifest(manifest: DevnetManifest): AaveMarket {
  const { aave } = manifest
  return {
    pool: aave.pool,
    poolAddressesProvider: aave.poolAddressesProvider,
    uiPoolDataProvider: aave.uiPoolDataProvider,
    oracle: aave.oracle,
    walletBalanceProvider: aave.walletBalanceProvider,
    multicall3: manifest.multicall3,
  }
}

import { type Address, type Client, getAddress, isAddressEqual, zeroAddress } from 'viem'
import { getCode, readContract } from 'viem/actions'
import type { AaveMarket } from './aaveMarket'

/** Multicall3's canonical address (the same on every EVM chain that has it, the devnet included). */
export const MULTICALL3_ADDRESS: Address = '0xcA11bde05977b3631167028862bE2a173976CA11'

const poolAddressesProviderAbi = [
  { type: 'function', name: 'getPool', stateMutability: 'view', inputs: [], outputs: [{ type: 'address' }] },
  { type: 'function', name: 'getPriceOracle', stateMutability: 'view', inputs: [], outputs: [{ type: 'address' }] },
] as const

const poolProbeAbi = [
  { type: 'function', name: 'getReservesList', stateMutability: 'view', inputs: [], outputs: [{ type: 'address[]' }] },
  {
    type: 'function',
    name: 'ADDRESSES_PROVIDER',
    stateMutability: 'view',
    inputs: [],
    outputs: [{ type: 'address' }],
  },
] as const

/** Why an address is not a readable Aave V3 market, in words a person can act on. */
export class NotAnAaveMarketError extends Error {
  override name = 'NotAnAaveMarketError'
}

export type MarketFromProviderParams = {
  poolAddressesProvider: Address
  /**
   * UiPoolDataProviderV3 is a periphery contract the PoolAddressesProvider does not register, so it
   * cannot be derived: the caller names it (address book, manifest or a command-line flag).
   */
  uiPoolDataProvider: Address
  multicall3?: Address
}

/**
 * Resolves an Aave V3 market from its PoolAddressesProvider: the Pool and the AaveOracle as the
 * provider registers them, checked to be contracts that answer as a Pool does (a reserve list, and
 * an ADDRESSES_PROVIDER pointing back), plus Multicall3. Throws NotAnAaveMarketError otherwise.
 */
export async function marketFromPoolAddressesProvider(
  client: Client,
  { poolAddressesProvider, uiPoolDataProvider, multicall3 = MULTICALL3_ADDRESS }: MarketFromProviderParams,
): Promise<AaveMarket> {
  const requireCode = async (address: Address, what: string) => {
    const code = await getCode(client, { address })
    if (!code || code === '0x') throw new NotAnAaveMarketError(`${what} ${address} has no contract code on this chain`)
  }
  await requireCode(poolAddressesProvider, 'the PoolAddressesProvider')
  const read = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call()
    } catch {
      throw new NotAnAaveMarketError(
        `${poolAddressesProvider} is not an Aave V3 PoolAddressesProvider (${what} failed)`,
      )
    }
  }
  const abi = poolAddressesProviderAbi
  const [pool, oracle] = await Promise.all([
    read('getPool()', () => readContract(client, { address: poolAddressesProvider, abi, functionName: 'getPool' })),
    read('getPriceOracle()', () =>
      readContract(client, { address: poolAddressesProvider, abi, functionName: 'getPriceOracle' }),
    ),
  ])
  if (isAddressEqual(pool, zeroAddress) || isAddressEqual(oracle, zeroAddress))
    throw new NotAnAaveMarketError(`the PoolAddressesProvider ${poolAddressesProvider} has no pool or no oracle set`)
  const [backPointer, reserves] = await Promise.all([
    read('Pool.ADDRESSES_PROVIDER()', () =>
      readContract(client, { address: pool, abi: poolProbeAbi, functionName: 'ADDRESSES_PROVIDER' }),
    ),
    read('Pool.getReservesList()', () =>
      readContract(client, { address: pool, abi: poolProbeAbi, functionName: 'getReservesList' }),
    ),
  ])
  if (!isAddressEqual(backPointer, poolAddressesProvider))
    throw new NotAnAaveMarketError(`the pool ${pool} belongs to another PoolAddressesProvider (${backPointer})`)
  if (reserves.length === 0) throw new NotAnAaveMarketError(`the pool ${pool} lists no reserves`)
  await requireCode(uiPoolDataProvider, 'the UiPoolDataProviderV3')
  await requireCode(multicall3, 'Multicall3')
  return {
    pool: getAddress(pool),
    poolAddressesProvider: getAddress(poolAddressesProvider),
    uiPoolDataProvider: getAddress(uiPoolDataProvider),
    oracle: getAddress(oracle),
    multicall3,
  }
}

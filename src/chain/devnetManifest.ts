import { type Address, type Hex, isAddress } from 'viem'

/**
 * The devnet's deployment manifest (`devnet/deployments.json`), written by
 * `npm run devnet` / `npm start` once the node is ready. The app, the tests, the
 * benchmarks and the command line read addresses from here and nowhere else.
 */
export type DevnetAsset = {
  symbol: string
  address: Address
  decimals: number
  /** Chainlink-style feed (AggregatorV3Interface) wired as AaveOracle's source. */
  feed: Address
  aToken: Address
  variableDebtToken: Address
  stableDebtToken: Address
  /** true for assets whose price the simulator moves. */
  volatile: boolean
  /** Uniswap V3 pool against USDC, when there is one. */
  uniswapPool?: Address
}

export type DevnetRole =
  | 'deployer'
  | 'trader'
  | 'nearLiquidation'
  | 'emode'
  | 'lp'
  | 'liquidator'
  | 'supplier'
  | 'arbitrageur'
  | 'isolated'
  | 'spare'

export type DevnetAccount = { address: Address; privateKey: Hex; role: string }

export type DevnetManifest = {
  version: 1
  chainId: number
  rpcUrl: string
  wsUrl: string
  deployBlock: number
  scenario: string
  aave: {
    poolAddressesProvider: Address
    pool: Address
    poolConfigurator: Address
    aclManager: Address
    oracle: Address
    protocolDataProvider: Address
    uiPoolDataProvider: Address
    walletBalanceProvider: Address
    /** Feeds UiPoolDataProviderV3 reads for the network token and the reference currency. */
    ethUsdFeed: Address
    usdUsdFeed: Address
  }
  uniswap: {
    factory: Address
    swapRouter: Address
    quoterV2: Address
    positionManager: Address
    feeTier: number
  }
  multicall3: Address
  assets: DevnetAsset[]
  /** Demo accounts by role (anvil's default mnemonic, one index per role; devnet/accounts.mjs). */
  accounts: Record<DevnetRole, DevnetAccount>
}

/** Parses an untrusted manifest (fetched or read from disk), failing with a message a person can act on. */
export function parseDevnetManifest(raw: unknown): DevnetManifest {
  const m = raw as Partial<DevnetManifest> | null
  if (!m || typeof m !== 'object') throw new Error('devnet manifest is not a JSON object')
  if (m.version !== 1)
    throw new Error(`devnet manifest has version ${String(m.version)}, expected 1: restart the devnet`)
  if (typeof m.chainId !== 'number' || typeof m.rpcUrl !== 'string')
    throw new Error('devnet manifest lacks chainId or rpcUrl')
  if (!URL.canParse(m.rpcUrl)) throw new Error(`devnet manifest has an invalid rpcUrl: ${m.rpcUrl}`)
  if (typeof m.wsUrl !== 'string' || !URL.canParse(m.wsUrl))
    throw new Error(`devnet manifest has an invalid wsUrl: ${String(m.wsUrl)}`)
  const addresses = [
    ...Object.values(m.aave ?? {}),
    ...Object.values(m.uniswap ?? {}).filter((v) => typeof v === 'string'),
    m.multicall3,
    ...(m.assets ?? []).flatMap((a) => [a.address, a.feed]),
  ]
  for (const a of addresses)
    if (typeof a !== 'string' || !isAddress(a))
      throw new Error(`devnet manifest holds an invalid address: ${String(a)}`)
  if (!m.assets?.length || !m.accounts?.trader) throw new Error('devnet manifest lists no assets or no trader account')
  for (const [role, account] of Object.entries(m.accounts))
    if (!isAddress(account?.address ?? '')) throw new Error(`devnet manifest has an invalid ${role} account address`)
  return m as DevnetManifest
}

// The live-data bench's own devnet market: the devnet's seven reserves plus three more listed here
// (modelled on mainnet listings, as bench/tenReserveSnapshot.ts does for the engine), so that an
// account can have 10 reserves in use, and accounts with 1, 5 and 10 reserves in use on it.
import { type Address, encodeFunctionData, type Hex, type PublicClient, parseAbi, parseUnits } from 'viem'
import { artifact, linkedBytecode } from '../devnet/artifacts.mjs'
import { compileDevnetContracts } from '../devnet/compile.mjs'
import type { startTestDevnet } from '../devnet/testing.mjs'
import { devnetRpc, mineBatch, type Tx } from '../src/chain/testing/seedRandomAccounts'

type Devnet = Awaited<ReturnType<typeof startTestDevnet>>

const poolAbi = parseAbi([
  'function supply(address asset, uint256 amount, address onBehalfOf, uint16 referralCode)',
  'function borrow(address asset, uint256 amount, uint256 interestRateMode, uint16 referralCode, address onBehalfOf)',
  'function getUserConfiguration(address user) view returns ((uint256 data))',
  'function getReservesList() view returns (address[])',
])
const tokenAbi = parseAbi([
  'function mint(address account, uint256 value) returns (bool)',
  'function approve(address spender, uint256 amount) returns (bool)',
  'function decimals() view returns (uint8)',
])
const oracleAbi = parseAbi(['function getAssetPrice(address asset) view returns (uint256)'])

/** Three more reserves (risk parameters as on Ethereum's market), collateral and borrowable. */
const EXTRA = [
  { symbol: 'wstETH', name: 'Wrapped liquid staked Ether', price: 3_520, ltv: 7_100, lt: 7_600, bonus: 10_600 },
  { symbol: 'AAVE', name: 'Aave Token', price: 251.4, ltv: 6_600, lt: 7_300, bonus: 10_750 },
  { symbol: 'LUSD', name: 'LUSD Stablecoin', price: 0.9987, ltv: 7_700, lt: 8_000, bonus: 10_450 },
] as const

/** Lists EXTRA on the devnet's pool (deployer = pool admin); returns every reserve by symbol. */
export async function listExtraReserves(devnet: Devnet): Promise<Record<string, Address>> {
  const { clients, manifest } = devnet
  const admin = manifest.accounts.deployer.address
  const { pool, poolConfigurator, oracle } = manifest.aave
  // devnet/client.mjs's JSDoc types `args` from its default ([]), hence the casts.
  const deploy = (name: string, args: unknown[] = []) =>
    clients.deploy(
      admin,
      { abi: artifact(name).abi, bytecode: linkedBytecode(name), args: args as never[] },
      name,
    ) as Promise<Address>
  const DevnetPriceFeed = compileDevnetContracts().DevnetPriceFeed
  if (!DevnetPriceFeed) throw new Error('devnet/contracts has no DevnetPriceFeed')

  const tokens: Address[] = []
  const feeds: Address[] = []
  for (const r of EXTRA) {
    tokens.push(await deploy('MintableERC20', [r.name, r.symbol, 18]))
    const feed = (await clients.deploy(
      admin,
      { ...DevnetPriceFeed, args: [8, `${r.symbol} / USD`] as never[] },
      `${r.symbol} feed`,
    )) as Address
    await clients.write(admin, {
      address: feed,
      abi: DevnetPriceFeed.abi,
      functionName: 'updateAnswer',
      args: [parseUnits(String(r.price), 8)],
    })
    feeds.push(feed)
  }
  const [aTokenImpl, stableDebtTokenImpl, variableDebtTokenImpl] = [
    await deploy('AToken', [pool]),
    await deploy('StableDebtToken', [pool]),
    await deploy('VariableDebtToken', [pool]),
  ]
  const weth = manifest.assets.find((a) => a.symbol === 'WETH')?.address as Address
  const wethReserve = (await clients.publicClient.readContract({
    address: pool,
    abi: artifact('Pool').abi,
    functionName: 'getReserveData',
    args: [weth],
  })) as { interestRateStrategyAddress: Address }

  const configurator = (functionName: string, args: unknown[]) =>
    clients.write(admin, { address: poolConfigurator, abi: artifact('PoolConfigurator').abi, functionName, args })
  await clients.write(admin, {
    address: oracle,
    abi: artifact('AaveOracle').abi,
    functionName: 'setAssetSources',
    args: [tokens, feeds],
  })
  await configurator('initReserves', [
    EXTRA.map((r, i) => ({
      aTokenImpl,
      stableDebtTokenImpl,
      variableDebtTokenImpl,
      underlyingAssetDecimals: 18,
      interestRateStrategyAddress: wethReserve.interestRateStrategyAddress,
      underlyingAsset: tokens[i],
      treasury: admin,
      incentivesController: '0x0000000000000000000000000000000000000000',
      aTokenName: `Aave Devnet ${r.symbol}`,
      aTokenSymbol: `aDev${r.symbol}`,
      variableDebtTokenName: `Aave Devnet Variable Debt ${r.symbol}`,
      variableDebtTokenSymbol: `variableDebtDev${r.symbol}`,
      stableDebtTokenName: `Aave Devnet Stable Debt ${r.symbol}`,
      stableDebtTokenSymbol: `stableDebtDev${r.symbol}`,
      params: '0x',
    })),
  ])
  for (const [i, r] of EXTRA.entries()) {
    await configurator('configureReserveAsCollateral', [tokens[i], BigInt(r.ltv), BigInt(r.lt), BigInt(r.bonus)])
    await configurator('setReserveBorrowing', [tokens[i], true])
  }
  return {
    ...Object.fromEntries(manifest.assets.map((a) => [a.symbol, a.address])),
    ...Object.fromEntries(EXTRA.map((r, i) => [r.symbol, tokens[i] as Address])),
  }
}

/** What each bench account supplies and borrows (USD each): 1, 5 and 10 reserves in use. */
const PLANS: Record<number, { supply: string[]; borrow: string[]; supplyUsd: number; borrowUsd: number }> = {
  1: { supply: ['WETH'], borrow: ['WETH'], supplyUsd: 20_000, borrowUsd: 9_000 },
  5: { supply: ['WETH', 'WBTC', 'LINK'], borrow: ['USDC', 'DAI'], supplyUsd: 20_000, borrowUsd: 12_000 },
  10: {
    supply: ['WETH', 'WBTC', 'LINK', 'wstETH', 'AAVE', 'LUSD'],
    borrow: ['USDC', 'DAI', 'USDT', 'CRV'],
    supplyUsd: 20_000,
    borrowUsd: 12_000,
  },
}
export const RESERVES_IN_USE = [1, 5, 10] as const

/**
 * Seeds one fresh account per entry of RESERVES_IN_USE (supplies from its own minted tokens, then
 * variable borrows from the demo supplier's liquidity) and checks on chain (the user configuration
 * bitmap) that each has exactly that many reserves in use.
 */
export async function seedReservesInUseAccounts(
  devnet: Devnet,
  assets: Record<string, Address>,
): Promise<Record<number, Address>> {
  const client = devnet.clients.publicClient as PublicClient
  const rpc = devnetRpc(client)
  const pool = devnet.manifest.aave.pool
  const oracle = devnet.manifest.aave.oracle
  await rpc('anvil_autoImpersonateAccount', [true])
  const accounts: Record<number, Address> = {}
  for (const n of RESERVES_IN_USE) {
    accounts[n] = `0x${(0xbe0c4000 + n).toString(16).padStart(40, '0')}` as Address
    await rpc('anvil_setBalance', [accounts[n], '0x3635c9adc5dea00000'])
  }
  const symbols = [...new Set(Object.values(PLANS).flatMap((p) => [...p.supply, ...p.borrow]))]
  const info = Object.fromEntries(
    await Promise.all(
      symbols.map(async (s) => {
        const address = assets[s] as Address
        const [price, decimals] = await Promise.all([
          client.readContract({ address: oracle, abi: oracleAbi, functionName: 'getAssetPrice', args: [address] }),
          client.readContract({ address, abi: tokenAbi, functionName: 'decimals' }),
        ])
        return [s, { address, price, decimals }] as const
      }),
    ),
  )
  // usd / price (8 decimals), in the token's smallest unit.
  const amount = (symbol: string, usd: number) => {
    const { price, decimals } = info[symbol] as { price: bigint; decimals: number }
    return (BigInt(Math.round(usd * 100)) * 10n ** BigInt(decimals) * 10n ** 6n) / price
  }
  const tx = (from: Address, to: Address, data: Hex, label: string): Tx => ({ from, to, data, label })
  const plans = RESERVES_IN_USE.map((n) => ({ user: accounts[n] as Address, plan: PLANS[n] as (typeof PLANS)[1] }))
  await mineBatch(
    client,
    plans.flatMap(({ user, plan }) =>
      plan.supply.flatMap((s) => {
        const token = info[s]?.address as Address
        const value = amount(s, plan.supplyUsd / plan.supply.length)
        return [
          tx(
            user,
            token,
            encodeFunctionData({ abi: tokenAbi, functionName: 'mint', args: [user, value] }),
            `mint ${s}`,
          ),
          tx(
            user,
            token,
            encodeFunctionData({ abi: tokenAbi, functionName: 'approve', args: [pool, value] }),
            'approve',
          ),
          tx(
            user,
            pool,
            encodeFunctionData({ abi: poolAbi, functionName: 'supply', args: [token, value, user, 0] }),
            `supply ${s}`,
          ),
        ]
      }),
    ),
  )
  await mineBatch(
    client,
    plans.flatMap(({ user, plan }) =>
      plan.borrow.map((s) =>
        tx(
          user,
          pool,
          encodeFunctionData({
            abi: poolAbi,
            functionName: 'borrow',
            args: [info[s]?.address as Address, amount(s, plan.borrowUsd / plan.borrow.length), 2n, 0, user],
          }),
          `borrow ${s} by ${user}`,
        ),
      ),
    ),
  )
  for (const n of RESERVES_IN_USE) {
    const inUse = await reservesInUse(client, pool, accounts[n] as Address)
    if (inUse !== n) throw new Error(`bench account meant to have ${n} reserves in use has ${inUse}`)
  }
  return accounts
}

/** UserConfiguration: bit 2i borrowing, bit 2i+1 using reserve i as collateral (ReserveConfiguration ids). */
export async function reservesInUse(client: PublicClient, pool: Address, user: Address): Promise<number> {
  const { data } = await client.readContract({
    address: pool,
    abi: poolAbi,
    functionName: 'getUserConfiguration',
    args: [user],
  })
  let count = 0
  for (let bits = data; bits > 0n; bits >>= 2n) if (bits & 3n) count++
  return count
}

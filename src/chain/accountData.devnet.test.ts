import {
  type Address,
  createPublicClient,
  encodeFunctionData,
  getAddress,
  http,
  isAddressEqual,
  type PublicClient,
} from 'viem'
import { multicall } from 'viem/actions'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { setPrice } from '../../devnet/prices.mjs'
import { startTestDevnet } from '../../devnet/testing.mjs'
import { computeAccountData } from '../engine/accountData'
import type { PortfolioSnapshot } from '../engine/snapshot'
import { WAD } from '../engine/wadRayMath'
import { type AaveMarket, marketFromDevnetManifest } from './aaveMarket'
import { poolAbi } from './abi/pool'
import { clearMarketLayouts, readPortfolioSnapshot } from './readPortfolioSnapshot'
import { type AccountPlan, DECIMALS, type DevnetSymbol } from './testing/randomAccounts'
import {
  assetOf,
  configuratorAbi,
  devnetRpc,
  mineBatch,
  seedAccountsAtOraclePrices,
} from './testing/seedRandomAccounts'

// 240 random accounts (seeded) plus the devnet's demo accounts, checked at six blocks: right after
// they borrow, after time passes (stale indexes, accruing stable debt), after a crash that puts
// many below HF 1, after more time, with an e-mode price source and a reserve at LTV 0, and after
// a rally. Each time the engine's account data from one multicall must equal
// Pool.getUserAccountData at the same block to the wei.

const SEED = 20_240_601
const ACCOUNTS = 240
const FIELDS = [
  'totalCollateralBase',
  'totalDebtBase',
  'availableBorrowsBase',
  'currentLiquidationThreshold',
  'ltv',
  'healthFactor',
] as const

let devnet: Awaited<ReturnType<typeof startTestDevnet>>
let client: PublicClient
let market: AaveMarket
let plans: AccountPlan[]
let accounts: Address[]

beforeAll(async () => {
  devnet = await startTestDevnet()
  client = devnet.clients.publicClient as PublicClient
  market = marketFromDevnetManifest(devnet.manifest)
  const env = { client, manifest: devnet.manifest }
  plans = await seedAccountsAtOraclePrices(env, SEED, ACCOUNTS)
  accounts = [...plans.map((p) => p.address), ...Object.values(devnet.manifest.accounts).map((a) => a.address)]
}, 120_000)
afterAll(() => devnet?.stop())

type Comparison = { account: Address; field: (typeof FIELDS)[number]; engine: bigint; chain: bigint }

/** Reads every account at the latest block both ways and returns the differences (none expected). */
async function compareAll() {
  const blockNumber = await client.getBlockNumber()
  const chain = await multicall(client, {
    multicallAddress: devnet.manifest.multicall3,
    allowFailure: false,
    blockNumber,
    contracts: accounts.map((user) => ({
      address: market.pool,
      abi: poolAbi,
      functionName: 'getUserAccountData' as const,
      args: [user],
    })),
  })
  const snapshots: PortfolioSnapshot[] = []
  // A few reads in flight at once: anvil answers eth_call concurrently.
  for (let i = 0; i < accounts.length; i += 8)
    snapshots.push(
      ...(await Promise.all(
        accounts.slice(i, i + 8).map((user) => readPortfolioSnapshot(client, { market, user, blockNumber })),
      )),
    )
  const differences: Comparison[] = []
  const healthFactors: bigint[] = []
  for (const [i, account] of accounts.entries()) {
    const engine = computeAccountData(snapshots[i] as PortfolioSnapshot)
    const onChain = chain[i] as readonly bigint[]
    FIELDS.forEach((field, k) => {
      if (engine[field] !== onChain[k])
        differences.push({ account, field, engine: engine[field], chain: onChain[k] as bigint })
    })
    healthFactors.push(onChain[5] as bigint)
  }
  const block = await client.getBlock({ blockNumber })
  return { differences, healthFactors, snapshots, block }
}

const rpc = () => devnetRpc(client)
async function passTime(seconds: number) {
  await rpc()('evm_increaseTime', [seconds])
  await rpc()('evm_mine')
}
async function setPrices(prices: Partial<Record<DevnetSymbol, number>>) {
  for (const [symbol, price] of Object.entries(prices)) await setPrice(devnet.clients, devnet.manifest, symbol, price)
}

describe('engine account data equals Pool.getUserAccountData to the wei', () => {
  test('the random accounts cover the cases the math branches on', () => {
    const kinds = new Set(plans.map((p) => p.kind))
    expect([...kinds].sort()).toEqual(['emode', 'isolated', 'plain'])
    expect(plans.filter((p) => p.collateralOff.length > 0).length).toBeGreaterThan(20)
    expect(plans.filter((p) => p.borrows.some((b) => b.stable)).length).toBeGreaterThan(10)
    expect(plans.filter((p) => p.borrows.length >= 2 && p.supplies.length >= 2).length).toBeGreaterThan(50)
    expect(accounts.length).toBeGreaterThanOrEqual(200)
  })

  test('right after the accounts borrow (indexes updated in this very block for some reserves)', async () => {
    const { differences, snapshots, block } = await compareAll()
    expect(differences).toEqual([])
    expect(snapshots.every((s) => BigInt(s.blockTimestamp) === block.timestamp)).toBe(true)
    const fresh = snapshots[0]?.reserves.filter((r) => BigInt(r.lastUpdateTimestamp) === block.timestamp)
    expect(fresh?.length).toBeGreaterThan(0)
  })

  test('after three days: stale indexes, accrued variable and stable debt', async () => {
    await passTime(3 * 86_400)
    const { differences, snapshots, block } = await compareAll()
    expect(differences).toEqual([])
    expect(snapshots[0]?.reserves.every((r) => BigInt(r.lastUpdateTimestamp) < block.timestamp)).toBe(true)
    expect(snapshots.some((s) => s.user.reserves.some((u) => u.principalStableDebt > 0n))).toBe(true)
  })

  test('after a crash that puts many accounts below HF 1', async () => {
    await setPrices({ WETH: 1850, WBTC: 61_000, LINK: 9.5, CRV: 0.27, DAI: 0.93, USDT: 1.04 })
    const { differences, healthFactors } = await compareAll()
    expect(differences).toEqual([])
    expect(healthFactors.filter((hf) => hf < WAD).length).toBeGreaterThan(20)
  })

  test('after 45 more days of interest', async () => {
    await passTime(45 * 86_400)
    const { differences } = await compareAll()
    expect(differences).toEqual([])
  })

  test('with an e-mode price source and a collateral at LTV 0 (e-mode LTV does not apply to it)', async () => {
    const admin = devnet.manifest.accounts.deployer.address
    const configurator = devnet.manifest.aave.poolConfigurator
    const usdt = assetOf(devnet.manifest, 'USDT')
    await mineBatch(client, [
      {
        from: admin,
        to: configurator,
        data: encodeFunctionData({
          abi: configuratorAbi,
          functionName: 'setEModeCategory',
          args: [1, 9300, 9500, 10100, assetOf(devnet.manifest, 'USDC'), 'Stablecoins'],
        }),
        label: 'e-mode price source',
      },
      {
        from: admin,
        to: configurator,
        data: encodeFunctionData({
          abi: configuratorAbi,
          functionName: 'configureReserveAsCollateral',
          args: [usdt, 0n, 7600n, 10450n],
        }),
        label: 'USDT at LTV 0',
      },
    ])
    await setPrices({ USDC: 1.01 })
    const { differences, snapshots } = await compareAll()
    expect(differences).toEqual([])
    const emode = snapshots.find((s) => s.user.eModeCategoryId === 1)
    expect(emode?.eModes[0]?.priceBase).toBe(101_000_000n)
    // Some e-mode account holds USDT as collateral: the LTV-0 rule changed its LTV, not its HF.
    const usdtCollateral = snapshots.filter(
      (s) =>
        s.user.eModeCategoryId === 1 &&
        s.user.reserves.some((u) => isAddressEqual(u.asset, usdt) && u.usageAsCollateralEnabledOnUser),
    )
    expect(usdtCollateral.length).toBeGreaterThan(0)
  })

  test('after a rally and a year of interest', async () => {
    await setPrices({ WETH: 4100, WBTC: 120_000, LINK: 22, CRV: 0.8 })
    await passTime(365 * 86_400)
    const { differences } = await compareAll()
    expect(differences).toEqual([])
  })
})

describe('readPortfolioSnapshot', () => {
  test('makes one eth_call per block once the market layout is known', async () => {
    const methods: string[] = []
    const counting = createPublicClient({
      transport: http(devnet.manifest.rpcUrl, {
        onFetchRequest: async (request) => {
          const body = JSON.parse(await request.clone().text()) as { method: string } | { method: string }[]
          for (const b of Array.isArray(body) ? body : [body]) methods.push(b.method)
        },
      }),
    })
    clearMarketLayouts(counting)
    const user = plans[0]?.address as Address
    const first = await counting.getBlockNumber()
    await readPortfolioSnapshot(counting, { market, user, blockNumber: first })
    await devnet.mine(1)
    methods.length = 0
    const blockNumber = await client.getBlockNumber()
    const snapshot = await readPortfolioSnapshot(counting, { market, user, blockNumber })
    expect(methods).toEqual(['eth_call'])
    expect(snapshot.blockNumber).toBe(blockNumber)
    // Wallet balances are read in the same call.
    const withWallet = plans.find((p) => p.wallet.length > 0) as AccountPlan
    const s = await readPortfolioSnapshot(counting, { market, user: withWallet.address, blockNumber })
    for (const w of withWallet.wallet)
      expect(s.walletBalances[getAddress(assetOf(devnet.manifest, w.symbol))]).toBeGreaterThanOrEqual(w.amount)
    expect(Object.keys(s.walletBalances)).toHaveLength(Object.keys(DECIMALS).length)
  })
})

import {
  type Address,
  encodeAbiParameters,
  type Hex,
  hexToBigInt,
  isAddressEqual,
  keccak256,
  numberToHex,
  type PublicClient,
  type StateOverride,
} from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { setPrice } from '../../devnet/prices.mjs'
import { startTestDevnet } from '../../devnet/testing.mjs'
import { FACTOR_ONE } from '../engine/correlatedLiquidation'
import { type LiquidationPriceReport, liquidationPrices } from '../engine/liquidationPrice'
import type { PortfolioSnapshot } from '../engine/snapshot'
import { WAD } from '../engine/wadRayMath'
import { type AaveMarket, marketFromDevnetManifest } from './aaveMarket'
import { poolAbi } from './abi/pool'
import { readPortfolioSnapshot } from './readPortfolioSnapshot'
import { devnetRpc, seedAccountsAtOraclePrices } from './testing/seedRandomAccounts'

// Issue 4, point 3: for every asset of ≥ 50 random accounts (seeded), the engine's liquidation price is
// checked on chain at the report's own block: Pool.getUserAccountData by eth_call with the asset's feed
// answer overridden (state override of DevnetPriceFeed's storage), so no interest accrues between the
// report and the check. One step past the price on the liquidating side must give HF < 1, one step on the
// other side HF ≥ 1. Done twice: right after the accounts borrow, and 40 days and a crash later (stale
// indexes, accrued debt, accounts already below 1). The correlated price (all volatile feeds at once) too.

const SEED = 4_004_003
const ACCOUNTS = 60

let devnet: Awaited<ReturnType<typeof startTestDevnet>>
let client: PublicClient
let market: AaveMarket
let accounts: Address[]

beforeAll(async () => {
  devnet = await startTestDevnet()
  client = devnet.clients.publicClient as PublicClient
  market = marketFromDevnetManifest(devnet.manifest)
  const env = { client, manifest: devnet.manifest }
  const plans = await seedAccountsAtOraclePrices(env, SEED, ACCOUNTS)
  const demo = (['trader', 'nearLiquidation', 'emode', 'isolated', 'lp'] as const).map(
    (r) => devnet.manifest.accounts[r].address,
  )
  accounts = [...plans.map((p) => p.address), ...demo]
}, 120_000)
afterAll(() => devnet?.stop())

/** DevnetPriceFeed storage: `owner` and `aggregatorRound` share slot 1; `rounds` (uint64 ⇒ Round) is slot 2. */
const ROUNDS_SLOT = 2n
async function answerSlot(feed: Address, blockNumber: bigint): Promise<Hex> {
  const packed = await client.getStorageAt({ address: feed, slot: numberToHex(1n, { size: 32 }), blockNumber })
  const round = (hexToBigInt(packed ?? '0x0') >> 160n) & (2n ** 64n - 1n)
  return keccak256(encodeAbiParameters([{ type: 'uint64' }, { type: 'uint256' }], [round, ROUNDS_SLOT]))
}

/** Pool.getUserAccountData(user).healthFactor at `blockNumber` with some feeds answering other prices. */
async function healthFactorWith(
  user: Address,
  blockNumber: bigint,
  prices: { asset: Address; priceBase: bigint }[],
): Promise<bigint> {
  const stateOverride: StateOverride = []
  for (const { asset, priceBase } of prices) {
    const feed = devnet.manifest.assets.find((a) => isAddressEqual(a.address, asset))?.feed as Address
    const slot = await answerSlot(feed, blockNumber)
    stateOverride.push({ address: feed, stateDiff: [{ slot, value: numberToHex(priceBase, { size: 32 }) }] })
  }
  const data = await client.readContract({
    address: market.pool,
    abi: poolAbi,
    functionName: 'getUserAccountData',
    args: [user],
    blockNumber,
    stateOverride,
  })
  return data[5]
}

type Check = { account: Address; what: string; price: bigint; side: 'liquidating' | 'safe'; hf: bigint }
type Stats = { down: number; up: number; smallStep: number; correlated: number; reasons: Record<string, number> }

/** Reads every account at the latest block, computes its liquidation prices and checks them all on chain. */
async function checkAll() {
  const blockNumber = await client.getBlockNumber()
  const failures: Check[] = []
  const stats: Stats = { down: 0, up: 0, smallStep: 0, correlated: 0, reasons: {} }
  const reports: { account: Address; snapshot: PortfolioSnapshot; report: LiquidationPriceReport }[] = []
  for (let i = 0; i < accounts.length; i += 8)
    reports.push(
      ...(await Promise.all(
        accounts.slice(i, i + 8).map(async (account) => {
          const snapshot = await readPortfolioSnapshot(client, { market, user: account, blockNumber })
          return { account, snapshot, report: liquidationPrices(snapshot) }
        }),
      )),
    )
  const expectSide = async (
    account: Address,
    what: string,
    side: Check['side'],
    prices: { asset: Address; priceBase: bigint }[],
  ) => {
    const hf = await healthFactorWith(account, blockNumber, prices)
    const ok = side === 'liquidating' ? hf < WAD : hf >= WAD
    if (!ok) failures.push({ account, what, price: prices[0]?.priceBase ?? 0n, side, hf })
  }
  for (const { account, snapshot, report } of reports) {
    // The override machinery itself: today's prices written back give today's HF, which is the engine's.
    const first = report.assets[0]
    if (first) expect(await healthFactorWith(account, blockNumber, [first])).toBe(report.healthFactor)
    const checks: Promise<void>[] = []
    for (const a of report.assets) {
      if (a.liquidationPriceBase === null) {
        stats.reasons[a.reason] = (stats.reasons[a.reason] ?? 0) + 1
        // A collateral that cannot liquidate the account: even at one oracle unit HF stays ≥ 1.
        if (a.reason === 'cannot-liquidate-by-this-asset' && report.healthFactor >= WAD)
          checks.push(expectSide(account, `${a.symbol} at 1`, 'safe', [{ asset: a.asset, priceBase: 1n }]))
        continue
      }
      stats[a.direction]++
      if (a.step > 1n) stats.smallStep++
      const below = a.liquidationPriceBase - a.step
      const above = a.liquidationPriceBase + a.step
      const [liquidating, safe] = a.direction === 'down' ? [below, above] : [above, below]
      if (liquidating > 0n)
        checks.push(expectSide(account, a.symbol, 'liquidating', [{ asset: a.asset, priceBase: liquidating }]))
      if (safe > 0n) checks.push(expectSide(account, a.symbol, 'safe', [{ asset: a.asset, priceBase: safe }]))
    }
    const c = report.correlated
    if (c.factor !== null) {
      stats.correlated++
      const at = (factor: bigint) =>
        report.terms.assets
          .map((asset, i) => ({ asset, i }))
          .filter(({ asset }) => c.prices.some((p) => p.asset === asset))
          .map(({ asset, i }) => ({ asset, priceBase: ((report.terms.price[i] as bigint) * factor) / FACTOR_ONE }))
      const [liquidating, safe] =
        c.direction === 'down' ? [c.factor - 1n, c.factor + 1n] : [c.factor + 1n, c.factor - 1n]
      checks.push(expectSide(account, 'correlated', 'liquidating', at(liquidating)))
      checks.push(expectSide(account, 'correlated', 'safe', at(safe)))
    }
    await Promise.all(checks)
    expect(snapshot.blockNumber).toBe(blockNumber)
  }
  return { failures, stats, reports }
}

describe('liquidation prices hold on chain, one step each side, at the report’s own block', () => {
  test('right after the random accounts borrow', async () => {
    const { failures, stats, reports } = await checkAll()
    expect(failures).toEqual([])
    // The accounts cover what the solver branches on.
    expect(reports.filter((r) => r.report.assets.some((a) => a.liquidationPriceBase !== null)).length).toBeGreaterThan(
      50,
    )
    expect(stats.down).toBeGreaterThan(40)
    expect(stats.up).toBeGreaterThan(40)
    expect(stats.smallStep).toBeGreaterThan(5)
    expect(stats.correlated).toBeGreaterThan(20)
    expect(stats.reasons['cannot-liquidate-by-this-asset'] ?? 0).toBeGreaterThan(0)
  })

  test('40 days and a crash later: accrued interest, some accounts already below 1', async () => {
    const rpc = devnetRpc(client)
    await rpc('evm_increaseTime', [40 * 86_400])
    await rpc('evm_mine')
    for (const [symbol, price] of Object.entries({ WETH: 1700, WBTC: 55_000, LINK: 8.5, CRV: 0.25, DAI: 0.96 }))
      await setPrice(devnet.clients, devnet.manifest, symbol, price)
    const { failures, reports } = await checkAll()
    expect(failures).toEqual([])
    expect(reports.filter((r) => r.report.liquidatableNow).length).toBeGreaterThan(5)
    // Interest accrued: the snapshot's reserves were last updated before its block.
    const snapshot = reports[0]?.snapshot as PortfolioSnapshot
    expect(snapshot.reserves.filter((r) => r.lastUpdateTimestamp < snapshot.blockTimestamp).length).toBeGreaterThan(0)
  })
})

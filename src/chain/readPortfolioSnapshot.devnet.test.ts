import { type Address, createPublicClient, custom, getAddress, type Hex, maxUint256, parseAbi, parseUnits } from 'viem'
import { readContract } from 'viem/actions'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { feedAnswer, setPrice } from '../../devnet/prices.mjs'
import { startTestDevnet } from '../../devnet/testing.mjs'
import { computeAccountData } from '../engine/accountData'
import type { PortfolioSnapshot, PriceRound } from '../engine/snapshot'
import { type AaveMarket, marketFromDevnetManifest } from './aaveMarket'
import { poolAbi } from './abi/pool'
import { swapRouterAbi } from './abi/swapRouter'
import { readLpPositions } from './readLpPositions'
import { DEFAULT_PRICE_HISTORY_WINDOW, readPortfolioSnapshot } from './readPortfolioSnapshot'
import { readPriceHistory } from './readPriceHistory'
import { readUniswapPool } from './readUniswapPool'

// The page's per-block read on the devnet: the Aave market, every Uniswap pool, the LP account's
// position (it also has an Aave loan) and every reserve feed's latest round in one eth_call per
// block; each part equal to its standalone read, the health factor to Pool.getUserAccountData.

let devnet: Awaited<ReturnType<typeof startTestDevnet>>
let market: AaveMarket
let counting: ReturnType<typeof countingClient>
let lp: Address
beforeAll(async () => {
  devnet = await startTestDevnet()
  market = marketFromDevnetManifest(devnet.manifest)
  counting = countingClient()
  lp = devnet.manifest.accounts.lp.address
})
afterAll(async () => {
  await devnet?.stop()
})

/** A client of its own (so its own layouts and history cache) that records the JSON-RPC methods it sends. */
function countingClient() {
  const methods: string[] = []
  const client = createPublicClient({
    chain: devnet.clients.chain,
    transport: custom({
      request: ({ method, params }: { method: string; params?: unknown }) => {
        methods.push(method)
        return devnet.clients.publicClient.request({ method, params } as never)
      },
    }),
  })
  return { client, methods }
}

const HISTORY = DEFAULT_PRICE_HISTORY_WINDOW
/** The page's read (portfolioSnapshotQuery) at the latest block, with the methods it sent. */
async function readLatest() {
  const blockNumber = await devnet.clients.publicClient.getBlockNumber()
  counting.methods.length = 0
  const snapshot = await readPortfolioSnapshot(counting.client, {
    market,
    user: lp,
    blockNumber,
    ...(market.uniswap ? { uniswap: market.uniswap } : {}),
    history: HISTORY,
    accountData: true,
  })
  return { snapshot, methods: [...counting.methods] }
}

const client = () => devnet.clients.publicClient
const asset = (symbol: string) => {
  const a = devnet.manifest.assets.find((x) => x.symbol === symbol)
  if (!a) throw new Error(`no ${symbol} on the devnet`)
  return a
}

/** Every part of the snapshot against its standalone read at the same block, and HF against the pool. */
async function expectEqualsStandaloneReads(snapshot: PortfolioSnapshot) {
  const { blockNumber } = snapshot
  // The page's headline rides in the same call: Pool.getUserAccountData at that block, and the engine's equal to it.
  const chain = await readContract(client(), {
    address: market.pool,
    abi: poolAbi,
    functionName: 'getUserAccountData',
    args: [snapshot.user.address],
    blockNumber,
  })
  expect(snapshot.chainAccountData).toEqual({
    totalCollateralBase: chain[0],
    totalDebtBase: chain[1],
    availableBorrowsBase: chain[2],
    currentLiquidationThreshold: chain[3],
    ltv: chain[4],
    healthFactor: chain[5],
  })
  const pools = devnet.manifest.assets.filter((a) => a.uniswapPool)
  expect(Object.keys(snapshot.pools).sort()).toEqual(pools.map((a) => getAddress(a.address)).sort())
  for (const a of pools) {
    const { pool } = await readUniswapPool(client(), {
      address: a.uniswapPool as Address,
      multicall3: devnet.manifest.multicall3,
      blockNumber,
    })
    expect(snapshot.pools[getAddress(a.address)]).toEqual(pool)
  }
  const positions = await readLpPositions(countingClient().client, {
    positionManager: devnet.manifest.uniswap.positionManager,
    factory: devnet.manifest.uniswap.factory,
    owner: lp,
    blockNumber,
    multicall3: devnet.manifest.multicall3,
  })
  expect(snapshot.lpPositions).toEqual(positions)

  const [, totalDebtBase, , , , healthFactor] = await readContract(client(), {
    address: market.pool,
    abi: poolAbi,
    functionName: 'getUserAccountData',
    args: [lp],
    blockNumber,
  })
  expect(totalDebtBase).toBeGreaterThan(0n)
  expect(computeAccountData(snapshot).healthFactor).toBe(healthFactor)
}

const newest = (rounds: readonly PriceRound[] | undefined) => rounds?.at(-1) as PriceRound
const since = (s: PortfolioSnapshot) => s.blockTimestamp - HISTORY.windowSeconds

describe('one eth_call per block reads the market, the pools, the LP positions and the feeds', () => {
  test('steady state: exactly one eth_call, each part equal to its standalone read, HF to the wei', async () => {
    const first = await readLatest()
    await devnet.mine(1)
    const { snapshot, methods } = await readLatest()
    expect(methods).toEqual(['eth_call'])
    expect(snapshot.blockNumber).toBe(first.snapshot.blockNumber + 1n)
    await expectEqualsStandaloneReads(snapshot)

    // The LP account holds one in-range WETH/USDC position.
    expect(snapshot.lpPositions).toHaveLength(1)
    expect(snapshot.lpPositions?.[0]?.pool).toBe(asset('WETH').uniswapPool)
    expect(snapshot.lpPositions?.[0]?.liquidity).toBeGreaterThan(0n)

    // Every reserve has its feed's rounds, equal to an uncached readPriceHistory of the same window.
    const feeds = snapshot.reserves.map((r) => ({ asset: r.asset, feed: r.priceSource as Hex }))
    expect(Object.keys(snapshot.priceHistory).sort()).toEqual(feeds.map((f) => f.asset).sort())
    const fresh = await readPriceHistory(countingClient().client, {
      feeds,
      sinceSeconds: since(snapshot),
      maxRounds: HISTORY.maxRounds,
      blockNumber: snapshot.blockNumber,
      multicall3: devnet.manifest.multicall3,
    })
    expect(snapshot.priceHistory).toEqual(fresh)
    expect(snapshot.priceHistory[getAddress(asset('WETH').address)]?.length).toBeGreaterThan(100)
  })

  test('one oracle update: the next block is still one eth_call and the history gained exactly that round', async () => {
    const before = (await readLatest()).snapshot
    const weth = getAddress(asset('WETH').address)
    await setPrice(devnet.clients, devnet.manifest, 'WETH', 3210.5)
    const { snapshot, methods } = await readLatest()
    expect(methods).toEqual(['eth_call'])
    expect(snapshot.blockNumber).toBe(before.blockNumber + 1n)

    const added = newest(snapshot.priceHistory[weth])
    expect(added.roundId).toBe(newest(before.priceHistory[weth]).roundId + 1n)
    expect(added.answer).toBe(feedAnswer(3210.5))
    expect(added.updatedAt).toBe(snapshot.blockTimestamp)
    // The rest is the previous history (less what left the 14-day window in that second).
    const kept = (rounds: readonly PriceRound[] | undefined) =>
      (rounds ?? []).filter((r) => r.updatedAt >= since(snapshot))
    expect(snapshot.priceHistory[weth]).toEqual([...kept(before.priceHistory[weth]), added])
    for (const r of snapshot.reserves)
      if (r.asset !== weth) expect(snapshot.priceHistory[r.asset]).toEqual(kept(before.priceHistory[r.asset]))
    // The oracle price moved with it; HF still equals the pool's.
    expect(snapshot.reserves.find((r) => r.asset === weth)?.priceBase).toBe(feedAnswer(3210.5))
    await expectEqualsStandaloneReads(snapshot)
  })

  test('several rounds since the last block cost one getRoundData read more', async () => {
    const before = (await readLatest()).snapshot
    const weth = getAddress(asset('WETH').address)
    await setPrice(devnet.clients, devnet.manifest, 'WETH', 3220)
    await setPrice(devnet.clients, devnet.manifest, 'WETH', 3230)
    await setPrice(devnet.clients, devnet.manifest, 'WETH', 3240)
    const { snapshot, methods } = await readLatest()
    expect(methods).toEqual(['eth_call', 'eth_call'])
    expect(snapshot.priceHistory[weth]?.slice(-4).map((r) => r.answer)).toEqual([
      newest(before.priceHistory[weth]).answer,
      ...[3220, 3230, 3240].map(feedAnswer),
    ])
    expect((await readLatest()).methods).toEqual(['eth_call'])
  })

  test('after swaps through the LP’s pool: still one eth_call, pools and fees equal their standalone reads', async () => {
    const trader = devnet.manifest.accounts.spare.address
    const [weth, usdc] = [asset('WETH'), asset('USDC')]
    const tokenAbi = parseAbi([
      'function mint(address account, uint256 value)',
      'function approve(address spender, uint256 amount) returns (bool)',
    ])
    const { write } = devnet.clients
    for (const a of [weth, usdc]) {
      const amount = parseUnits('10000000', a.decimals)
      await write(trader, { address: a.address, abi: tokenAbi, functionName: 'mint', args: [trader, amount] })
      const router = devnet.manifest.uniswap.swapRouter
      await write(trader, { address: a.address, abi: tokenAbi, functionName: 'approve', args: [router, maxUint256] })
    }
    await readLatest()
    for (const [tokenIn, tokenOut, amount] of [
      [weth, usdc, '20'],
      [usdc, weth, '50000'],
    ] as const) {
      await write(trader, {
        address: devnet.manifest.uniswap.swapRouter,
        abi: swapRouterAbi,
        functionName: 'exactInputSingle',
        args: [
          {
            tokenIn: tokenIn.address,
            tokenOut: tokenOut.address,
            fee: devnet.manifest.uniswap.feeTier,
            recipient: trader,
            deadline: 2n ** 64n,
            amountIn: parseUnits(amount, tokenIn.decimals),
            amountOutMinimum: 0n,
            sqrtPriceLimitX96: 0n,
          },
        ],
      })
      const { snapshot, methods } = await readLatest()
      expect(methods).toEqual(['eth_call'])
      await expectEqualsStandaloneReads(snapshot)
    }
  })
})

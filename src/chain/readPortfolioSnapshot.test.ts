import type { Client } from 'viem'
import { beforeEach, describe, expect, test } from 'vitest'
import type { PortfolioSnapshot, PriceRound } from '../engine/snapshot'
import { portfolioCallCount } from './portfolioCalls'
import { clearMarketLayouts, type ReadPortfolioSnapshotParams, readPortfolioSnapshot } from './readPortfolioSnapshot'
import { clearPriceHistoryCache } from './readPriceHistory'
import { uniswapPoolCallCount, wordWindow } from './readUniswapPool'
import { FAKE_MARKET as market } from './testing/fakeAaveMarket'
import {
  type FakeChain,
  fakeChain,
  fakeSnapshotClient,
  feedOf,
  NPM,
  pushRound,
  USDC,
  USER as user,
  WETH,
} from './testing/fakeSnapshotChain'

// readPortfolioSnapshot over a fake chain that records each eth_call's batch size: one call per
// block in steady state with pools, LP positions and feeds folded in; a stale part re-read alone.

let chain: FakeChain
let fake: ReturnType<typeof fakeSnapshotClient>
beforeEach(() => {
  chain = fakeChain()
  fake = fakeSnapshotClient(chain)
})

const HOUR = 3600
const options = (client: Client, blockNumber: bigint, extra: Partial<ReadPortfolioSnapshotParams> = {}) =>
  readPortfolioSnapshot(client, {
    market,
    user,
    blockNumber,
    uniswap: { pools: [{ asset: WETH, pool: chain.pool.address }], positionManager: NPM },
    history: { windowSeconds: 24 * HOUR },
    ...extra,
  })
/** Reads at a block and returns the snapshot and the batch size of each eth_call it sent. */
async function readAt(blockNumber: bigint, extra: Partial<ReadPortfolioSnapshotParams> = {}) {
  fake.calls.length = 0
  const snapshot = await options(fake.client, blockNumber, extra)
  return { snapshot, calls: [...fake.calls] }
}
const rounds = (feed: number) => chain.rounds.get(feedOf(feed)) as PriceRound[]
const inDay = (list: readonly PriceRound[]) =>
  list.filter((r) => r.updatedAt >= Number(chain.market.blockTimestamp) - 24 * HOUR)

describe('readPortfolioSnapshot with pools, LP positions and feeds', () => {
  test('steady state is one eth_call per block holding every part', async () => {
    const first = await readAt(1n)
    expect(first.snapshot.pools[WETH]).toMatchObject({ address: chain.pool.address, tick: chain.pool.tick })
    expect(first.snapshot.lpPositions).toEqual([expect.objectContaining({ tokenId: 7n, pool: chain.pool.address })])
    expect(first.snapshot.priceHistory).toEqual({ [WETH]: inDay(rounds(0)), [USDC]: inDay(rounds(1)) })
    expect(first.snapshot.priceHistory[WETH]).toHaveLength(24)

    const second = await readAt(2n)
    const pool = uniswapPoolCallCount({
      ...chain.pool,
      words: wordWindow(chain.pool.tick, 60, 2),
      ticks: chain.pool.initialized,
    })
    const market = portfolioCallCount({ assets: [WETH, USDC], eModePriceSources: [], poolRevision: 3 })
    // Market, the pool, balanceOf + tokenOfOwnerByIndex + positions + the pool's 3 + 2 ticks, 2 feeds.
    expect(second.calls).toEqual([market + pool + (1 + 2 + 3 + 2) + 2])
    expect(second.snapshot).toEqual({ ...first.snapshot, blockNumber: 2n })
  })

  test('a feed’s one new round rides in the block’s call; several cost one getRoundData read', async () => {
    const before = (await readAt(1n)).snapshot
    const round = pushRound(chain, feedOf(0), 3100_00000000n)
    const one = await readAt(2n)
    expect(one.calls).toHaveLength(1)
    expect(one.snapshot.priceHistory[WETH]).toEqual([...(before.priceHistory[WETH] as PriceRound[]), round])
    expect(one.snapshot.priceHistory[USDC]).toEqual(before.priceHistory[USDC])

    const three = [3101, 3102, 3103].map((p) => pushRound(chain, feedOf(0), BigInt(p) * 10n ** 8n))
    const gap = await readAt(3n)
    expect(gap.calls).toEqual([gap.calls[0], 2]) // the block, then getRoundData of the two rounds between
    expect(gap.snapshot.priceHistory[WETH]?.slice(-4)).toEqual([round, ...three])
  })

  test('the history and its cache stay within maxRounds without extra calls as rounds arrive', async () => {
    // The whole day first (24 rounds), then at most 10.
    await readAt(1n)
    for (let block = 2n; block < 8n; block++) {
      pushRound(chain, feedOf(0), 3000_00000000n + block)
      const { snapshot, calls } = await readAt(block, { history: { windowSeconds: 24 * HOUR, maxRounds: 10 } })
      expect(calls).toHaveLength(1)
      expect(snapshot.priceHistory[WETH]).toEqual(rounds(0).slice(-10))
    }
    // The cache forgot the older rounds (it stays bounded): a wider window reads them again.
    const wider = await readAt(8n, { history: { windowSeconds: 24 * HOUR, maxRounds: 20 } })
    expect(wider.calls.length).toBeGreaterThan(1)
    expect(wider.snapshot.priceHistory[WETH]).toEqual(rounds(0).slice(-20))
  })

  test('a newly initialized tick re-reads the pool alone, at the same block', async () => {
    await readAt(1n)
    chain.pool.initialized.push(-193_980)
    const { snapshot, calls } = await readAt(2n)
    const layout = { ...chain.pool, words: wordWindow(chain.pool.tick, 60, 2), ticks: chain.pool.initialized }
    expect(calls).toEqual([calls[0], uniswapPoolCallCount(layout)])
    expect(snapshot.pools[WETH]?.ticks.map((t) => t.index)).toEqual([-198_000, -193_980, -192_000])
    expect((await readAt(3n)).calls).toHaveLength(1)
  })

  test('a new position re-reads the owner’s token ids, then the positions alone', async () => {
    await readAt(1n)
    chain.positions.push({ tokenId: 9n, tickLower: -196_020, tickUpper: -193_980, liquidity: 5n })
    const { snapshot, calls } = await readAt(2n)
    // The block; the layout (balanceOf, factory, 8 ids; then positions(id) ×2); the positions' part.
    expect(calls).toEqual([calls[0], 10, 2, 1 + 2 * 2 + 3 + 4])
    expect(snapshot.lpPositions?.map((p) => p.tokenId)).toEqual([7n, 9n])
    expect((await readAt(3n)).calls).toHaveLength(1)
  })

  test('without uniswap or history it reads what it read before: the market alone', async () => {
    const plain = { uniswap: undefined, history: undefined }
    const first = await readAt(1n, plain)
    expect(first.snapshot.pools).toEqual({})
    expect(first.snapshot.priceHistory).toEqual({})
    expect('lpPositions' in first.snapshot).toBe(false)
    expect(first.calls).toHaveLength(2) // reserve list and revision, then the read
    expect((await readAt(2n, plain)).calls).toEqual([
      portfolioCallCount({ assets: [WETH, USDC], eModePriceSources: [], poolRevision: 3 }),
    ])
  })

  test('each client keeps its own layouts and history', async () => {
    const a = await readAt(1n)
    clearMarketLayouts(fake.client)
    clearPriceHistoryCache(fake.client)
    const again = await readAt(1n)
    expect(again.calls.length).toBeGreaterThan(1)
    expect(again.snapshot).toEqual(a.snapshot as PortfolioSnapshot)
  })
})

import { decodeFunctionData, encodeFunctionData, encodeFunctionResult, type Hex, isAddressEqual } from 'viem'
import { describe, expect, test } from 'vitest'
import { multicall3Abi } from './abi/multicall3'
import { decodeLatestRounds, latestRoundCalls, type PriceFeedRef } from './latestRounds'
import { decodePortfolioResults, type MarketLayout, portfolioCalls } from './portfolioCalls'
import { decodeLpPositions, type LpPositionLayout, lpPositionCalls } from './readLpPositions'
import { decodeUniswapPoolResults, type UniswapPoolLayout, uniswapPoolCalls, wordWindow } from './readUniswapPool'
import {
  decodeSnapshotCall,
  decodeSnapshotResults,
  encodeSnapshotCall,
  priceFeedsOf,
  type SnapshotPlan,
  sameFeeds,
  snapshotCalls,
} from './snapshotCalls'
import { FAKE_MARKET as market } from './testing/fakeAaveMarket'
import {
  answerSnapshotCalls,
  type FakeChain,
  fakeChain,
  feedOf,
  NPM,
  pushRound,
  USDC,
  USER as user,
  WETH,
} from './testing/fakeSnapshotChain'

// The block's one aggregate3 in parts (market, pools, LP positions, feeds): each part's calls in a
// fixed order, each decoded from its own slice, each going stale on its own.

const marketLayout: MarketLayout = { assets: [WETH, USDC], eModePriceSources: [], poolRevision: 3 }
const poolLayout = (chain: FakeChain): UniswapPoolLayout => ({
  address: chain.pool.address,
  token0: chain.pool.token0,
  token1: chain.pool.token1,
  fee: chain.pool.fee,
  tickSpacing: chain.pool.tickSpacing,
  words: wordWindow(chain.pool.tick, chain.pool.tickSpacing, 2),
  ticks: [...chain.pool.initialized].sort((a, b) => a - b),
})
const lpLayout = (chain: FakeChain): LpPositionLayout => ({
  positionManager: NPM,
  owner: user,
  positions: chain.positions.map((p) => ({
    tokenId: p.tokenId,
    pool: chain.pool.address,
    token0: chain.pool.token0,
    token1: chain.pool.token1,
    fee: chain.pool.fee,
    tickLower: p.tickLower,
    tickUpper: p.tickUpper,
  })),
})
const feeds: PriceFeedRef[] = [
  { asset: WETH, feed: feedOf(0) },
  { asset: USDC, feed: feedOf(1) },
]
const fullPlan = (chain: FakeChain): SnapshotPlan => ({
  market: marketLayout,
  pools: [poolLayout(chain)],
  lp: lpLayout(chain),
  feeds,
})
const params = { market, user, blockNumber: 42n }
const read = (chain: FakeChain, plan: SnapshotPlan) =>
  decodeSnapshotResults(params, plan, answerSnapshotCalls(chain, snapshotCalls(params, plan)))

describe('the folded aggregate3', () => {
  test('holds the market’s calls, then each pool’s, the LP positions’ and each feed’s latestRoundData', () => {
    const chain = fakeChain()
    const plan = fullPlan(chain)
    const calls = snapshotCalls(params, plan)
    const parts = [
      portfolioCalls({ market, user, layout: marketLayout }),
      uniswapPoolCalls(poolLayout(chain)),
      lpPositionCalls(lpLayout(chain)),
      latestRoundCalls(feeds),
    ]
    expect(calls).toHaveLength(parts.reduce((n, p) => n + p.length, 0))
    // Same targets and calldata, part after part; every call may fail alone.
    expect(calls.map(({ target, callData }) => ({ target, callData }))).toEqual(
      parts.flat().map(({ target, callData }) => ({ target, callData })),
    )
    expect(calls.every((c) => c.allowFailure)).toBe(true)
    const { functionName, args } = decodeFunctionData({ abi: multicall3Abi, data: encodeSnapshotCall(params, plan) })
    if (functionName !== 'aggregate3') throw new Error(`encoded ${functionName}`)
    const lower = (cs: readonly { target: string; callData: Hex }[]) =>
      cs.map((c) => `${c.target.toLowerCase()}:${c.callData}`)
    expect(lower(args[0])).toEqual(lower(calls))
  })

  test('the calldata is reused only while the market, account and layouts are the same objects', () => {
    const chain = fakeChain()
    const encode = (plan: SnapshotPlan, p: typeof params = params) =>
      encodeFunctionData({ abi: multicall3Abi, functionName: 'aggregate3', args: [snapshotCalls(p, plan)] })
    const full = fullPlan(chain)
    const marketOnly: SnapshotPlan = { market: marketLayout }
    const otherUser = { ...params, user: WETH }
    // Each step changes one input from the step before: every answer is the encoding of its own inputs.
    for (const [plan, p] of [
      [full, params],
      [{ ...full }, params], // a new plan object of the same layouts: reused
      [full, otherUser],
      [full, params],
      [{ ...full, account: true }, params],
      [full, params],
      [{ ...full, pools: [] }, params],
      [full, params],
      [{ ...full, feeds: [...feeds] }, params], // equal feeds in a new list: encoded again, same calldata
      [marketOnly, params],
    ] as const)
      expect(encodeSnapshotCall(p, plan)).toBe(encode(plan, p))
  })

  test('each part decodes from its own slice, equal to decoding that part alone', () => {
    const chain = fakeChain()
    const plan = fullPlan(chain)
    const results = answerSnapshotCalls(chain, snapshotCalls(params, plan))
    const data = encodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', result: results })
    const reads = decodeSnapshotCall(params, plan, data)

    const alone = <T>(calls: readonly unknown[], decode: (r: ReturnType<typeof answerSnapshotCalls>) => T) =>
      decode(answerSnapshotCalls(chain, calls as Parameters<typeof answerSnapshotCalls>[1]))
    expect(reads.portfolio).toEqual(
      alone(portfolioCalls({ market, user, layout: marketLayout }), (r) =>
        decodePortfolioResults({ ...params, layout: marketLayout }, r),
      ),
    )
    expect(reads.pools).toEqual([
      alone(uniswapPoolCalls(poolLayout(chain)), (r) => decodeUniswapPoolResults(poolLayout(chain), r)),
    ])
    expect(reads.lp).toEqual(alone(lpPositionCalls(lpLayout(chain)), (r) => decodeLpPositions(lpLayout(chain), r)))
    expect(reads.latest).toEqual(alone(latestRoundCalls(feeds), decodeLatestRounds))

    // And they are what the chain holds.
    if (!reads.portfolio || !('snapshot' in reads.portfolio)) throw new Error('expected a snapshot')
    expect(reads.portfolio.snapshot.reserves.map((r) => r.symbol)).toEqual(['WETH', 'USDC'])
    expect(reads.pools[0]).toEqual({
      pool: expect.objectContaining({
        tick: -195_000,
        ticks: [
          { index: -198_000, liquidityNet: -198_000n },
          { index: -192_000, liquidityNet: -192_000n },
        ],
      }),
    })
    expect(reads.lp).toEqual({
      positions: [expect.objectContaining({ tokenId: 7n, tick: -195_000, liquidity: 10n ** 15n })],
    })
    expect(reads.latest?.map((r) => r?.roundId)).toEqual([(1n << 64n) + 30n, (1n << 64n) + 30n])
  })

  test('a part left out of the plan is neither called nor decoded', () => {
    const chain = fakeChain()
    const plan: SnapshotPlan = { pools: [poolLayout(chain)], feeds }
    expect(snapshotCalls(params, plan)).toHaveLength(uniswapPoolCalls(poolLayout(chain)).length + 2)
    const reads = read(chain, plan)
    expect(reads.portfolio).toBeUndefined()
    expect(reads.lp).toBeUndefined()
    expect(reads.pools).toHaveLength(1)
    expect(reads.latest).toHaveLength(2)
    expect(snapshotCalls(params, {})).toEqual([])
  })

  test('a results array of another size is refused', () => {
    const chain = fakeChain()
    const plan = fullPlan(chain)
    const results = answerSnapshotCalls(chain, snapshotCalls(params, plan))
    expect(() => decodeSnapshotResults(params, plan, results.slice(1))).toThrow(/results for a call of/)
  })
})

describe('stale detection per part', () => {
  test('a newly initialized tick makes only the pool stale', () => {
    const chain = fakeChain()
    const plan = fullPlan(chain)
    chain.pool.initialized.push(-193_980)
    const reads = read(chain, plan)
    expect(reads.pools[0]).toEqual({ stale: { ...plan.pools?.[0], ticks: [-198_000, -193_980, -192_000] } })
    expect(reads.portfolio && 'snapshot' in reads.portfolio).toBe(true)
    expect(reads.lp && 'positions' in reads.lp).toBe(true)
  })

  test('the price near the edge of the tick window moves the window', () => {
    const chain = fakeChain()
    const plan = fullPlan(chain)
    chain.pool.tick = -226_000
    const reads = read(chain, plan)
    expect(reads.pools[0]).toEqual({
      stale: { ...plan.pools?.[0], words: wordWindow(-226_000, 60, 2), ticks: [] },
    })
  })

  test('a position minted or transferred makes only the LP part stale', () => {
    const chain = fakeChain()
    const plan = fullPlan(chain)
    chain.positions.push({ tokenId: 9n, tickLower: -196_020, tickUpper: -193_980, liquidity: 5n })
    expect(read(chain, plan).lp).toEqual({ stale: { balance: 2n } })
    chain.positions = [{ ...(chain.positions[0] as FakeChain['positions'][number]), tokenId: 11n }]
    const reads = read(chain, plan)
    expect(reads.lp).toEqual({ stale: { balance: 1n } })
    expect(reads.pools[0] && 'pool' in reads.pools[0]).toBe(true)
  })

  test('a listed reserve makes only the market stale', () => {
    const chain = fakeChain()
    const plan = fullPlan(chain)
    const LINK = '0x00000000000000000000000000000000000000E3' as const
    chain.market.reserves.push({
      asset: LINK,
      symbol: 'LINK',
      decimals: 18,
      id: 2,
      ltv: 5000n,
      liquidationThreshold: 6500n,
      liquidationBonus: 10750n,
      price: 15_00000000n,
    })
    const reads = read(chain, plan)
    expect(reads.portfolio).toEqual({ stale: { ...marketLayout, assets: [WETH, USDC, LINK] } })
    expect(reads.pools[0] && 'pool' in reads.pools[0]).toBe(true)
    expect(reads.lp && 'positions' in reads.lp).toBe(true)
  })

  test('a new round is read by latestRoundData; the price sources come from the reserves', () => {
    const chain = fakeChain()
    const round = pushRound(chain, feedOf(0), 3100_00000000n)
    const reads = read(chain, fullPlan(chain))
    expect(reads.latest?.[0]).toEqual(round)
    if (!reads.portfolio || !('snapshot' in reads.portfolio)) throw new Error('expected a snapshot')
    const sources = priceFeedsOf(reads.portfolio.snapshot)
    expect(sameFeeds(sources, feeds)).toBe(true)
    expect(sameFeeds(sources, [...feeds].reverse())).toBe(false)
    expect(sameFeeds(sources, feeds.slice(0, 1))).toBe(false)
    const [weth] = reads.portfolio.snapshot.reserves
    const withoutSource = { reserves: [{ ...weth, priceSource: '0x0000000000000000000000000000000000000000' as Hex }] }
    expect(priceFeedsOf(withoutSource as never)).toEqual([])
    expect(sources.every((f, i) => isAddressEqual(f.feed, feeds[i]?.feed as Hex))).toBe(true)
  })

  test('a pool that does not answer fails by name, not as a reverted batch', () => {
    const chain = fakeChain()
    const plan = fullPlan(chain)
    const results = answerSnapshotCalls(chain, snapshotCalls(params, plan))
    const poolStart = portfolioCalls({ market, user, layout: marketLayout }).length
    results[poolStart] = { success: false, returnData: '0x' }
    expect(() => decodeSnapshotResults(params, plan, results)).toThrow(
      new RegExp(`UniswapV3Pool ${chain.pool.address} did not answer`),
    )
  })
})

import {
  type Address,
  createClient,
  custom,
  decodeFunctionData,
  encodeFunctionData,
  encodeFunctionResult,
  type Hex,
  parseAbi,
} from 'viem'
import { describe, expect, test } from 'vitest'
import type { PriceRound } from '../engine/snapshot'
import { multicall3Abi } from './abi/multicall3'
import { decodeLatestRounds, latestRoundCalls } from './latestRounds'
import { MULTICALL3_ADDRESS } from './marketFromPoolAddressesProvider'
import { probeRounds, readPriceHistory } from './readPriceHistory'

// A fake chain that answers Multicall3.aggregate3 over Chainlink-style feeds: a proxy with phases
// (each an aggregator whose rounds run 1…n; missing rounds answer zeros like OCR, or revert like Flux)
// and a bare aggregator whose ids carry no phase.

const feedAbi = parseAbi([
  'function latestRoundData() view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)',
  'function getRoundData(uint80 roundId) view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)',
])

type Slot = { answer: bigint; updatedAt: number } | 'zeros' | 'revert'
/** phases[p] = the rounds of phase p (index 0 = aggregator round 1); phase 0 means ids without a phase. */
type FakeFeed = { phases: Map<bigint, Slot[]>; missingAfterEnd: 'zeros' | 'revert' }

const T0 = 1_700_000_000
const id = (phase: bigint, round: number) => (phase << 64n) | BigInt(round)

function fakeChain(feeds: Record<Address, FakeFeed>) {
  const stats = { ethCalls: 0, getRoundData: 0, largestBatch: 0 }
  const slot = (feed: FakeFeed, roundId: bigint): Slot => {
    const rounds = feed.phases.get(roundId >> 64n)
    const r = Number(roundId & ((1n << 64n) - 1n))
    if (!rounds || r < 1 || r > rounds.length) return feed.missingAfterEnd
    return rounds[r - 1] as Slot
  }
  const encode = (roundId: bigint, s: Slot) =>
    encodeFunctionResult({
      abi: feedAbi,
      functionName: 'getRoundData',
      result:
        s === 'zeros' || s === 'revert'
          ? [0n, 0n, 0n, 0n, 0n]
          : [roundId, s.answer, BigInt(s.updatedAt), BigInt(s.updatedAt), roundId],
    })
  const request = async ({ method, params }: { method: string; params?: unknown }) => {
    if (method === 'eth_chainId') return '0x1'
    if (method !== 'eth_call') throw new Error(`unexpected ${method}`)
    stats.ethCalls++
    const [{ to, data }] = params as [{ to: Address; data: Hex }]
    if (to.toLowerCase() !== MULTICALL3_ADDRESS.toLowerCase()) throw new Error(`call to ${to}`)
    const { args } = decodeFunctionData({ abi: multicall3Abi, data })
    const calls = args[0] as readonly { target: Address; callData: Hex }[]
    let batch = 0
    const results = calls.map(({ target, callData }) => {
      const feed = feeds[target.toLowerCase() as Address]
      if (!feed) return { success: false, returnData: '0x' as Hex }
      const call = decodeFunctionData({ abi: feedAbi, data: callData })
      if (call.functionName === 'latestRoundData') {
        const phase = [...feed.phases.keys()].reduce((a, b) => (b > a ? b : a), 0n)
        const n = feed.phases.get(phase)?.length ?? 0
        const roundId = id(phase, n)
        return { success: true, returnData: encode(roundId, n ? slot(feed, roundId) : 'zeros') }
      }
      batch++
      stats.getRoundData++
      const roundId = call.args[0]
      const s = slot(feed, roundId)
      return s === 'revert'
        ? { success: false, returnData: '0x' as Hex }
        : { success: true, returnData: encode(roundId, s) }
    })
    stats.largestBatch = Math.max(stats.largestBatch, batch)
    return encodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', result: results })
  }
  return { client: createClient({ transport: custom({ request }) }), stats }
}

/** n rounds a minute apart from `start`, answers 1000 + i. */
const rounds = (n: number, start: number): Slot[] =>
  Array.from({ length: n }, (_, i) => ({ answer: 1000n + BigInt(i), updatedAt: start + 60 * i }))

/** What the history should be: every round with data, oldest first. */
function expected(feed: FakeFeed): PriceRound[] {
  const out: PriceRound[] = []
  for (const [phase, slots] of [...feed.phases].sort(([a], [b]) => (a < b ? -1 : 1)))
    slots.forEach((s, i) => {
      if (typeof s === 'object') out.push({ roundId: id(phase, i + 1), answer: s.answer, updatedAt: s.updatedAt })
    })
  return out
}

const FEED_A: Address = '0x000000000000000000000000000000000000f00a'
const FEED_B: Address = '0x000000000000000000000000000000000000f00b'
const ASSET_A: Hex = '0x00000000000000000000000000000000000000a1'
const ASSET_B: Hex = '0x00000000000000000000000000000000000000b1'

describe('oracle round history', () => {
  test('walks back across phase boundaries (and an empty phase), skipping rounds that revert or answer zeros', async () => {
    const phase3 = rounds(260, T0 + 60 * 400)
    phase3[10] = 'zeros'
    phase3[11] = 'revert'
    const proxy: FakeFeed = {
      phases: new Map([
        [1n, rounds(300, T0)],
        [2n, []],
        [3n, phase3],
      ]),
      missingAfterEnd: 'zeros',
    }
    const bare: FakeFeed = { phases: new Map([[0n, rounds(450, T0)]]), missingAfterEnd: 'revert' }
    const { client, stats } = fakeChain({ [FEED_A]: proxy, [FEED_B]: bare })
    const history = await readPriceHistory(client, {
      feeds: [
        { asset: ASSET_A, feed: FEED_A },
        { asset: ASSET_B, feed: FEED_B },
      ],
      maxRounds: 10_000,
      roundsPerCall: 100,
    })
    expect(history[ASSET_A]).toEqual(expected(proxy))
    expect(history[ASSET_A]).toHaveLength(300 + 258)
    expect(history[ASSET_B]).toEqual(expected(bare))
    expect(stats.largestBatch).toBeLessThanOrEqual(100)
    // ~1,000 rounds at 100 a call, plus a few probing calls for each of the two phase boundaries.
    expect(stats.ethCalls).toBeLessThan(1 + 11 + 2 * 6)
  })

  test('stops at sinceSeconds and at maxRounds, newest rounds kept, oldest first', async () => {
    const proxy: FakeFeed = {
      phases: new Map([
        [4n, rounds(100, T0)],
        [5n, rounds(50, T0 + 60 * 100)],
      ]),
      missingAfterEnd: 'revert',
    }
    const all = expected(proxy)
    const feeds = [{ asset: ASSET_A, feed: FEED_A }]
    const since = T0 + 60 * 80 // aggregator round 81 of phase 4
    const { client, stats } = fakeChain({ [FEED_A]: proxy })
    expect((await readPriceHistory(client, { feeds, sinceSeconds: since }))[ASSET_A]).toEqual(
      all.filter((r) => r.updatedAt >= since),
    )
    // 70 rounds: latestRoundData, phase 5's rounds, a few probing calls for phase 4's last round, then
    // phase 4's rounds down to the window — not the whole feed.
    expect(stats.ethCalls).toBeLessThanOrEqual(1 + 1 + 4 + 1)
    const fresh = fakeChain({ [FEED_A]: proxy })
    expect((await readPriceHistory(fresh.client, { feeds, maxRounds: 30 }))[ASSET_A]).toEqual(all.slice(-30))
    expect(fresh.stats.getRoundData).toBe(29) // latestRoundData carries the newest
  })

  test('a second call reads only the new rounds; a wider window extends the cache backwards', async () => {
    const phase1 = rounds(500, T0)
    const proxy: FakeFeed = { phases: new Map([[1n, phase1]]), missingAfterEnd: 'zeros' }
    const other: FakeFeed = { phases: new Map([[1n, rounds(20, T0)]]), missingAfterEnd: 'zeros' }
    const { client, stats } = fakeChain({ [FEED_A]: proxy, [FEED_B]: other })
    const feeds = [
      { asset: ASSET_A, feed: FEED_A },
      { asset: ASSET_B, feed: FEED_B },
    ]
    await readPriceHistory(client, { feeds, maxRounds: 100 })
    const read = async (params: { maxRounds: number }) => {
      const before = { ...stats }
      const history = await readPriceHistory(client, { feeds, ...params })
      return { history, ethCalls: stats.ethCalls - before.ethCalls, rounds: stats.getRoundData - before.getRoundData }
    }

    expect(await read({ maxRounds: 100 })).toMatchObject({ ethCalls: 1, rounds: 0 })
    phase1.push(...rounds(1, T0 + 60 * 500))
    const one = await read({ maxRounds: 100 })
    expect(one).toMatchObject({ ethCalls: 1, rounds: 0 })
    expect(one.history[ASSET_A]).toEqual(expected(proxy).slice(-100))
    phase1.push(...rounds(3, T0 + 60 * 501))
    expect(await read({ maxRounds: 100 })).toMatchObject({ ethCalls: 2, rounds: 2 })
    // A new phase begins: its rounds, then a search of the old phase that stops at the cached round.
    proxy.phases.set(2n, rounds(3, T0 + 60 * 600))
    const phaseChange = await read({ maxRounds: 100 })
    expect(phaseChange.history[ASSET_A]).toEqual(expected(proxy).slice(-100))
    expect(phaseChange.ethCalls).toBeLessThanOrEqual(1 + 1 + 4)
    // Asking for 250 rounds reads only the older ones the cache lacks (it holds the 107 read so far).
    const wider = await read({ maxRounds: 250 })
    expect(wider.history[ASSET_A]).toEqual(expected(proxy).slice(-250))
    expect(wider.rounds).toBe(250 - 107)
    expect(wider.ethCalls).toBe(1 + 1)
    expect(wider.history[ASSET_B]).toEqual(expected(other))
  })

  test('a run of missing rounds as long as a batch ends the history; a feed without rounds reads empty', async () => {
    const slots = rounds(400, T0)
    for (let i = 100; i < 250; i++) slots[i] = 'zeros'
    const gappy: FakeFeed = { phases: new Map([[1n, slots]]), missingAfterEnd: 'zeros' }
    const empty: FakeFeed = { phases: new Map([[1n, []]]), missingAfterEnd: 'zeros' }
    const { client } = fakeChain({ [FEED_A]: gappy, [FEED_B]: empty })
    const history = await readPriceHistory(client, {
      feeds: [
        { asset: ASSET_A, feed: FEED_A },
        { asset: ASSET_B, feed: FEED_B },
      ],
      roundsPerCall: 100,
    })
    expect(history[ASSET_A]).toEqual(expected(gappy).slice(-150))
    expect(history[ASSET_B]).toEqual([])
  })

  test('the latest rounds can come from the block’s own multicall', async () => {
    const proxy: FakeFeed = { phases: new Map([[1n, rounds(5, T0)]]), missingAfterEnd: 'zeros' }
    const { client, stats } = fakeChain({ [FEED_A]: proxy })
    const feeds = [{ asset: ASSET_A, feed: FEED_A }]
    expect(latestRoundCalls(feeds)).toEqual([
      {
        target: FEED_A,
        allowFailure: true,
        callData: encodeFunctionData({ abi: feedAbi, functionName: 'latestRoundData' }),
      },
    ])
    const latest = decodeLatestRounds([
      {
        success: true,
        returnData: encodeFunctionResult({
          abi: feedAbi,
          functionName: 'latestRoundData',
          result: [id(1n, 5), 1004n, BigInt(T0 + 240), BigInt(T0 + 240), id(1n, 5)],
        }),
      },
    ])
    const history = await readPriceHistory(client, { feeds, latest })
    expect(history[ASSET_A]).toEqual(expected(proxy))
    expect(stats.ethCalls).toBe(1) // getRoundData for rounds 4…1 only
  })
})

describe('probing for the last round of a phase', () => {
  test('geometric from nothing known, then even, always inside the bracket, converging', () => {
    const first = probeRounds(0n, 1n << 64n, 64)
    expect(first[0]).toBe(1n)
    expect(first).toHaveLength(64)
    // Each probe about 2^(64/65) times the one before (past the small ones, which floor rounds).
    for (let i = 12; i < first.length; i++)
      expect(Number(first[i]) / Number(first[i - 1])).toBeCloseTo(2 ** (64 / 65), 1)
    expect(probeRounds(5n, 9n, 64)).toEqual([6n, 7n, 8n])
    expect(probeRounds(5n, 6n, 64)).toEqual([])
    for (const last of [1n, 2n, 77n, 123_456n, (1n << 40n) + 3n]) {
      let [lo, hi, steps] = [0n, 1n << 64n, 0]
      while (hi - lo > 1n) {
        const points = probeRounds(lo, hi, 50)
        expect(points.length).toBeGreaterThan(0)
        for (const x of points) {
          expect(x > lo && x < hi).toBe(true)
          if (x <= last) lo = x > lo ? x : lo
        }
        for (const x of points) if (x > lo && x < hi) hi = x
        steps++
      }
      expect(lo).toBe(last)
      expect(steps).toBeLessThanOrEqual(10)
    }
  })
})

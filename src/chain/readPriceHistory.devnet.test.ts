import { createPublicClient, custom, type Hex } from 'viem'
import { readContract } from 'viem/actions'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { toFeedAnswer } from '../../devnet/deployAave.mjs'
import { generateHistory } from '../../devnet/priceModel.mjs'
import { setPrice } from '../../devnet/prices.mjs'
import { reserves } from '../../devnet/reserves.mjs'
import { startTestDevnet } from '../../devnet/testing.mjs'
import { aggregatorV3Abi } from './abi/aggregatorV3'
import { readPriceHistory } from './readPriceHistory'

// The round history the devnet seeds into its DevnetPriceFeeds at deploy (priceModel.generateHistory,
// pushed with pushHistory, round ids phase-encoded like a Chainlink proxy's), read back through
// Multicall3, and the per-client cache that reads only new rounds afterwards.

let devnet: Awaited<ReturnType<typeof startTestDevnet>>
let snapshotId: string
beforeAll(async () => {
  devnet = await startTestDevnet()
})
afterAll(async () => {
  await devnet?.stop()
})
beforeEach(async () => {
  snapshotId = await devnet.snapshot()
})
afterEach(async () => {
  await devnet.revert(snapshotId)
})

/** A client of its own (so its own cache) that counts the JSON-RPC requests it sends. */
function countingClient() {
  const counts: Record<string, number> = {}
  const client = createPublicClient({
    chain: devnet.clients.chain,
    transport: custom({
      request: ({ method, params }: { method: string; params?: unknown }) => {
        counts[method] = (counts[method] ?? 0) + 1
        return devnet.clients.publicClient.request({ method, params } as never)
      },
    }),
  })
  return { client, counts }
}

const feeds = () => devnet.manifest.assets.map((a) => ({ asset: a.address as Hex, feed: a.feed }))
const bySymbol = (symbol: string) => {
  const a = devnet.manifest.assets.find((x) => x.symbol === symbol)
  if (!a) throw new Error(`no ${symbol}`)
  return a
}
const PHASE_1 = 1n << 64n

describe('oracle round history on the devnet', () => {
  test('every seeded round reads back, equal to the generated history and to getRoundData', async () => {
    const { client, counts } = countingClient()
    const history = await readPriceHistory(client, { feeds: feeds(), maxRounds: 1_000_000 })
    const weth = bySymbol('WETH')
    const rounds = history[weth.address as Hex] ?? []
    // generateHistory is deterministic: the deploy's seed, ending at the last seeded round's time.
    const last = rounds.at(-1)
    if (!last) throw new Error('no WETH rounds')
    const generated = generateHistory({
      seed: 20261125,
      assets: reserves.filter((r: { annualVol: number }) => r.annualVol > 0),
      endTime: last.updatedAt,
    }).WETH as { answers: number[]; timestamps: number[] }
    expect(rounds.map((r) => r.updatedAt)).toEqual(generated.timestamps)
    expect(rounds.map((r) => r.answer)).toEqual(generated.answers.map(toFeedAnswer))
    expect(rounds.map((r) => r.roundId)).toEqual(rounds.map((_, i) => PHASE_1 + BigInt(i + 1)))
    expect(rounds.length).toBeGreaterThan(300) // 14 days, a round at least hourly

    // A few rounds read directly.
    for (const r of [rounds[0], rounds[Math.floor(rounds.length / 2)], last]) {
      if (!r) continue
      const [roundId, answer, , updatedAt] = await readContract(devnet.clients.publicClient, {
        address: weth.feed,
        abi: aggregatorV3Abi,
        functionName: 'getRoundData',
        args: [r.roundId],
      })
      expect({ roundId, answer, updatedAt: Number(updatedAt) }).toEqual(r)
    }
    // Every feed reads: volatile ones carry history, stablecoins at least their one round.
    for (const a of devnet.manifest.assets) expect(history[a.address as Hex]?.length).toBeGreaterThan(0)
    // All of it in few calls: rounds / 200 per call, one more for the latest rounds.
    const total = Object.values(history).reduce((n, h) => n + h.length, 0)
    expect(counts.eth_call).toBeLessThanOrEqual(Math.ceil(total / 200) + 1 + devnet.manifest.assets.length)
  })

  test('a later call reads only the new rounds: one eth_call for a single new round, two for more', async () => {
    const { client, counts } = countingClient()
    const params = { feeds: feeds(), maxRounds: 500 }
    const first = await readPriceHistory(client, params)
    const ethCalls = () => counts.eth_call ?? 0

    let calls = ethCalls()
    expect(await readPriceHistory(client, params)).toEqual(first)
    expect(ethCalls() - calls).toBe(1)

    await setPrice(devnet.clients, devnet.manifest, 'WETH', 3100)
    calls = ethCalls()
    const second = await readPriceHistory(client, params)
    expect(ethCalls() - calls).toBe(1) // latestRoundData carries the one new round
    const weth = bySymbol('WETH').address as Hex
    expect(second[weth]?.at(-1)?.answer).toBe(310_000_000_000n)
    expect(second[weth]?.slice(0, -1)).toEqual(first[weth]?.slice(1))

    await setPrice(devnet.clients, devnet.manifest, 'WETH', 3120)
    await setPrice(devnet.clients, devnet.manifest, 'WETH', 3140)
    await setPrice(devnet.clients, devnet.manifest, 'WBTC', 91_000)
    calls = ethCalls()
    const third = await readPriceHistory(client, params)
    expect(ethCalls() - calls).toBe(2) // latest rounds, then getRoundData for WETH's 3,120
    // The same as an uncached read.
    expect(third).toEqual(await readPriceHistory(countingClient().client, params))
    expect(third[weth]?.slice(-3).map((r) => r.answer)).toEqual([310_000_000_000n, 312_000_000_000n, 314_000_000_000n])
  })

  test('sinceSeconds keeps the rounds updated since then', async () => {
    const { client } = countingClient()
    const weth = bySymbol('WETH')
    const all = (await readPriceHistory(client, { feeds: feeds(), maxRounds: 1_000_000 }))[weth.address as Hex] ?? []
    const since = all[all.length - 40]?.updatedAt as number
    const { client: fresh, counts } = countingClient()
    const recent = await readPriceHistory(fresh, {
      feeds: [{ asset: weth.address, feed: weth.feed }],
      sinceSeconds: since,
    })
    expect(recent[weth.address as Hex]).toEqual(all.filter((r) => r.updatedAt >= since))
    expect(counts.eth_call).toBe(2)
  })
})

import { type Address, createPublicClient, custom, keccak256, maxUint256, slice, toHex } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { setPrice } from '../../devnet/prices.mjs'
import { startTestDevnet } from '../../devnet/testing.mjs'
import { type AaveMarket, marketFromDevnetManifest } from './aaveMarket'
import { readAccountData } from './readAccountData'
import { readWatchlistHealth } from './readWatchlistHealth'

// The watchlist read on the devnet: every demo account's six numbers equal Pool.getUserAccountData
// read one by one at the same block, and the whole list costs exactly one eth_call (1, 10, 50).

let devnet: Awaited<ReturnType<typeof startTestDevnet>>
let market: AaveMarket
let demo: Address[]
beforeAll(async () => {
  devnet = await startTestDevnet()
  market = marketFromDevnetManifest(devnet.manifest)
  demo = Object.values(devnet.manifest.accounts).map((a) => a.address)
})
afterAll(async () => {
  await devnet?.stop()
})

/** A client that records every JSON-RPC method it sends. */
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

/** Addresses nobody uses (deterministic), for the longer lists. */
const strangers = (n: number) => Array.from({ length: n }, (_, i) => slice(keccak256(toHex(`stranger ${i}`)), 12))

async function oneByOne(users: readonly Address[], blockNumber: bigint) {
  return Promise.all(
    users.map((user) => readAccountData(devnet.clients.publicClient, { pool: market.pool, user, blockNumber })),
  )
}

describe('readWatchlistHealth on the devnet', () => {
  test('every demo account’s numbers equal getUserAccountData read one by one at the same block', async () => {
    const blockNumber = await devnet.clients.publicClient.getBlockNumber()
    const read = await readWatchlistHealth(devnet.clients.publicClient, { market, users: demo, blockNumber })
    const block = await devnet.clients.publicClient.getBlock({ blockNumber })
    expect(read.blockNumber).toBe(blockNumber)
    expect(read.blockTimestamp).toBe(block.timestamp)
    expect(read.accounts.map((a) => a.user)).toEqual(demo)
    expect(read.accounts.map((a) => ('data' in a ? a.data : a.error))).toEqual(await oneByOne(demo, blockNumber))
    // The seeded borrowers have finite health factors (the comparison is not all empty accounts).
    const finite = read.accounts.filter((a) => 'data' in a && a.data.healthFactor < maxUint256)
    expect(finite.length).toBeGreaterThanOrEqual(5)
  })

  test('after a price move the same read follows the chain, still equal one by one', async () => {
    const before = await readWatchlistHealth(devnet.clients.publicClient, {
      market,
      users: demo,
      blockNumber: await devnet.clients.publicClient.getBlockNumber(),
    })
    const receipt = await setPrice(devnet.clients, devnet.manifest, 'WETH', 2_600)
    const after = await readWatchlistHealth(devnet.clients.publicClient, {
      market,
      users: demo,
      blockNumber: receipt.blockNumber,
    })
    expect(after.accounts.map((a) => ('data' in a ? a.data : a.error))).toEqual(
      await oneByOne(demo, receipt.blockNumber),
    )
    const trader = devnet.manifest.accounts.trader.address
    const hf = (r: typeof before) => {
      const a = r.accounts.find((x) => x.user === trader)
      return a && 'data' in a ? a.data.healthFactor : undefined
    }
    expect(hf(after)).toBeLessThan(hf(before) as bigint)
  })

  test.each([1, 10, 50])('a watchlist of %i accounts costs exactly one eth_call', async (size) => {
    const users = [...demo, ...demo, ...strangers(size)].slice(0, size) as Address[]
    const blockNumber = await devnet.clients.publicClient.getBlockNumber()
    const counting = countingClient()
    const read = await readWatchlistHealth(counting.client, { market, users, blockNumber })
    expect(counting.methods).toEqual(['eth_call'])
    expect(read.accounts).toHaveLength(size)
    expect(read.accounts.map((a) => ('data' in a ? a.data : a.error))).toEqual(await oneByOne(users, blockNumber))
  })

  test('a pool that cannot answer gives each account an error, in the same one call', async () => {
    const counting = countingClient()
    // AaveOracle has no getUserAccountData: every per-account call reverts, the timestamp still reads.
    const read = await readWatchlistHealth(counting.client, {
      market: { ...market, pool: market.oracle },
      users: demo.slice(0, 3),
      blockNumber: await devnet.clients.publicClient.getBlockNumber(),
    })
    expect(counting.methods).toEqual(['eth_call'])
    expect(read.accounts).toHaveLength(3)
    for (const a of read.accounts) expect(a).toMatchObject({ error: expect.stringContaining('getUserAccountData') })
  })
})

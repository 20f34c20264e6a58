import { afterAll, beforeAll, expect, test } from 'vitest'
import { readPrice } from './prices.mjs'
import { createSteppedSimulator } from './simulator.mjs'
import { startTestDevnet } from './testing.mjs'

let devnets: Awaited<ReturnType<typeof startTestDevnet>>[] = []
beforeAll(async () => {
  devnets = await Promise.all([startTestDevnet(), startTestDevnet()])
})
afterAll(() => Promise.all(devnets.map((d) => d.stop())))

const volatileSymbols = ['WETH', 'WBTC', 'LINK', 'CRV']

async function runTicks(devnet: (typeof devnets)[number], scenario: string, ticks: number) {
  // A test clock: 2 s per tick, so heartbeats depend on ticks, not on the wall clock.
  const sim = createSteppedSimulator({ manifest: devnet.manifest, scenario, seed: 42, marketSecondsPerTick: 360 })
  for (let i = 0; i < ticks; i++) await sim.tick()
  return Object.fromEntries(
    await Promise.all(volatileSymbols.map(async (s) => [s, await readPrice(devnet.clients, devnet.manifest, s)])),
  )
}

test('the crash scenario takes every volatile feed down by about 35 %, the same way for the same seed', async () => {
  const [a, b] = devnets as [(typeof devnets)[number], (typeof devnets)[number]]
  const start = Object.fromEntries(
    await Promise.all(volatileSymbols.map(async (s) => [s, await readPrice(a.clients, a.manifest, s)])),
  )
  // 10,800 market seconds of crash at 360 s a tick.
  const [pricesA, pricesB] = await Promise.all([runTicks(a, 'crash', 30), runTicks(b, 'crash', 30)])
  expect(pricesA).toEqual(pricesB)
  for (const s of volatileSymbols) {
    const move = pricesA[s] / start[s] - 1
    expect(move, s).toBeLessThan(-0.2)
    expect(move, s).toBeGreaterThan(-0.5)
  }
})

test('a market tick is mined as one block: its oracle rounds and arbitrage swaps land together', async () => {
  const devnet = devnets[0] as (typeof devnets)[number]
  const client = devnet.clients.publicClient
  // 60 s a tick, past the feeds' 30 s heartbeat: every volatile feed writes a round each tick.
  const sim = createSteppedSimulator({
    manifest: devnet.manifest,
    scenario: 'volatile',
    seed: 5,
    marketSecondsPerTick: 3_600,
    secondsPerTick: 60,
  })
  await sim.tick() // the arbitrageur's one-time funding and approvals go first, in blocks of their own
  for (let i = 0; i < 5; i++) {
    const before = await client.getBlockNumber({ cacheTime: 0 })
    const roundsBefore = await Promise.all(volatileSymbols.map((s) => readPrice(devnet.clients, devnet.manifest, s)))
    await sim.tick()
    const after = await client.getBlockNumber({ cacheTime: 0 })
    expect(after - before, `tick ${i}`).toBe(1n)
    const block = await client.getBlock({ blockNumber: after })
    // One round per volatile feed, plus the swaps that pulled pools toward the new prices.
    expect(block.transactions.length, `tick ${i}`).toBeGreaterThanOrEqual(volatileSymbols.length)
    const roundsAfter = await Promise.all(volatileSymbols.map((s) => readPrice(devnet.clients, devnet.manifest, s)))
    expect(roundsAfter, `tick ${i}: every feed moved`).not.toEqual(roundsBefore)
  }
  // Automine is back on for everyone else's transactions.
  expect(await client.request({ method: 'anvil_getAutomine', params: [] } as never)).toBe(true)
})

import { QueryClient } from '@tanstack/react-query'
import { type Address, createPublicClient, custom } from 'viem'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startTestDevnet } from '../../devnet/testing.mjs'
import { marketFromDevnetManifest } from './aaveMarket'
import { portfolioSnapshotQueryOptions } from './portfolioSnapshotQuery'
import { warmPriceHistory } from './priceHistoryWarmup'
import { DEFAULT_PRICE_HISTORY_WINDOW } from './readPortfolioSnapshot'

// The page's per-block query: the first read of a market shows the account without waiting for
// the oracle history walk, and the same block is read again, with history, once it is cached.

let devnet: Awaited<ReturnType<typeof startTestDevnet>>
beforeAll(async () => {
  devnet = await startTestDevnet()
})
afterAll(async () => {
  await devnet?.stop()
})

test('the first snapshot does not wait for oracle history; the next read of the block carries it for one eth_call', async () => {
  const calls: string[] = []
  const client = createPublicClient({
    chain: devnet.clients.chain,
    transport: custom({
      request: ({ method, params }: { method: string; params?: unknown }) => {
        calls.push(method)
        return devnet.clients.publicClient.request({ method, params } as never)
      },
    }),
  })
  const market = marketFromDevnetManifest(devnet.manifest)
  const block = await devnet.clients.publicClient.getBlock()
  const head = { number: block.number, hash: block.hash, timestamp: block.timestamp }
  const options = portfolioSnapshotQueryOptions({
    client,
    chainId: devnet.manifest.chainId,
    market,
    user: devnet.manifest.accounts.trader.address as Address,
    head,
  })
  const queryClient = new QueryClient()

  const first = await queryClient.fetchQuery(options)
  expect(first.chainAccountData?.healthFactor).toBeGreaterThan(0n)
  expect(first.priceHistory).toEqual({})
  const firstCalls = calls.length

  // The walk the first read started in the background (a second call shares it).
  await warmPriceHistory(client, { market, snapshot: first, window: DEFAULT_PRICE_HISTORY_WINDOW })
  expect(calls.length).toBeGreaterThan(firstCalls + 1)
  await queryClient.invalidateQueries({ queryKey: options.queryKey, exact: true })
  calls.length = 0
  const second = await queryClient.fetchQuery(options)
  expect(calls).toEqual(['eth_call'])
  const feeds = Object.keys(second.priceHistory ?? {})
  expect(feeds.length).toBeGreaterThan(1)
  const counts = Object.values(second.priceHistory ?? {}).map((rounds) => rounds.length)
  // Every feed has its rounds; the volatile ones (seeded history) have many.
  expect(Math.min(...counts)).toBeGreaterThan(0)
  expect(Math.max(...counts)).toBeGreaterThan(100)
  expect(second.chainAccountData).toEqual(first.chainAccountData)
})

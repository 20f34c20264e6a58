import type { PublicClient } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { readPrice, setPrice } from '../../../devnet/prices.mjs'
import { startTestDevnet } from '../../../devnet/testing.mjs'
import { type AaveMarket, marketFromDevnetManifest } from '../../chain/aaveMarket'
import { readPortfolioSnapshot } from '../../chain/readPortfolioSnapshot'
import { evaluate } from '../../engine/evaluate'
import { fromReport, type PrivacyLevel, type RiskSnapshot } from './snapshotModel'
import { PROFILE } from './snapshotTesting'
import { verifySnapshotAgainstChain } from './verifyAgainstChain'

// Issue 8, part 4: a full snapshot of the devnet's leveraged trader, made from a real report
// (readPortfolioSnapshot + evaluate) at a real block, re-read at that block on the same node.

let devnet: Awaited<ReturnType<typeof startTestDevnet>>
let client: PublicClient
let market: AaveMarket

beforeAll(async () => {
  devnet = await startTestDevnet()
  client = devnet.clients.publicClient as PublicClient
  market = marketFromDevnetManifest(devnet.manifest)
}, 120_000)
afterAll(() => devnet?.stop())

/** The snapshot the share dialog would make of the trader at the latest block. */
async function snapshotNow(privacy: PrivacyLevel = 'full'): Promise<RiskSnapshot> {
  const blockNumber = await client.getBlockNumber({ cacheTime: 0 })
  const portfolio = await readPortfolioSnapshot(client, {
    market,
    user: devnet.manifest.accounts.trader.address,
    blockNumber,
  })
  const report = evaluate(portfolio, {}, { now: Number(portfolio.blockTimestamp), seed: 1 })
  return fromReport(report, PROFILE, { privacy, marketName: 'MarginGuard devnet' })
}

describe('verify a snapshot against the chain', () => {
  test('a full snapshot matches the chain at its block, every field exactly', async () => {
    const snapshot = await snapshotNow()
    expect(snapshot.headline.totalDebtBase).toBeGreaterThan(0n)
    const result = await verifySnapshotAgainstChain(client, snapshot, market)
    expect(result).toEqual({
      status: 'match',
      checked: expect.arrayContaining(['healthFactorWad', 'totalCollateralBase', 'totalDebtBase']),
      blockNumber: snapshot.block.number,
      account: snapshot.account,
    })
  })

  test('after the price moves, the old snapshot still matches: it is read at its own block', async () => {
    const before = await snapshotNow()
    const weth = await readPrice(devnet.clients, devnet.manifest, 'WETH')
    await setPrice(devnet.clients, devnet.manifest, 'WETH', weth * 0.9)
    await devnet.mine(2)
    const after = await snapshotNow()
    // The move is real: the same account now reads another health factor.
    expect(after.block.number).toBeGreaterThan(before.block.number)
    expect(after.headline.healthFactorWad).toBeLessThan(before.headline.healthFactorWad)

    expect((await verifySnapshotAgainstChain(client, before, market)).status).toBe('match')
    expect((await verifySnapshotAgainstChain(client, after, market)).status).toBe('match')
    // The old figures at the new block are not the chain's: a check that cannot fail would pass here.
    const stale = { ...before, block: after.block }
    const result = await verifySnapshotAgainstChain(client, stale, market)
    expect(result.status).toBe('mismatch')
  })

  test('a tampered health factor is a mismatch naming the field and both values', async () => {
    const snapshot = await snapshotNow()
    const chainHf = snapshot.headline.healthFactorWad
    const tampered = { ...snapshot, headline: { ...snapshot.headline, healthFactorWad: chainHf + 1n } }
    expect(await verifySnapshotAgainstChain(client, tampered, market)).toEqual({
      status: 'mismatch',
      differences: [{ field: 'healthFactorWad', snapshot: chainHf + 1n, chain: chainHf }],
      blockNumber: snapshot.block.number,
      account: snapshot.account,
    })
  })

  test('a block beyond the head is unavailable, with the reason', async () => {
    const snapshot = await snapshotNow()
    const head = await client.getBlockNumber({ cacheTime: 0 })
    const future = { ...snapshot, block: { ...snapshot.block, number: head + 1_000n } }
    const result = await verifySnapshotAgainstChain(client, future, market)
    expect(result.status).toBe('unavailable')
    expect(result.status === 'unavailable' && result.reason).toMatch(/latest block is \d+, before the snapshot's block/)
  })

  test('another chain id is unavailable: wrong network', async () => {
    const snapshot = await snapshotNow()
    const result = await verifySnapshotAgainstChain(client, { ...snapshot, chainId: 1 }, market)
    expect(result.status).toBe('unavailable')
    expect(result.status === 'unavailable' && result.reason).toMatch(/^Wrong network/)
  })

  test('snapshots without the account, or naming another pool, are not verifiable', async () => {
    for (const privacy of ['no-address', 'ratios'] as const) {
      const result = await verifySnapshotAgainstChain(client, await snapshotNow(privacy), market)
      expect(result.status).toBe('not-verifiable')
    }
    const full = await snapshotNow()
    const otherPool = { ...full, market: { ...full.market, pool: devnet.manifest.aave.oracle } }
    const result = await verifySnapshotAgainstChain(client, otherPool, market)
    expect(result.status).toBe('not-verifiable')
    expect(result.status === 'not-verifiable' && result.reason).toMatch(/not this market's pool/)
  })
})

import { describe, expect, test, vi } from 'vitest'
import { evaluate } from '../engine/evaluate'
import type { RiskReport } from '../engine/riskReport'
import type { Hex } from '../engine/snapshot'
import { snapshotFixture } from '../engine/testing/snapshotFixture'
import { createRiskClient, type RiskEndpoint } from '../worker/riskClient'
import type { RiskRequest } from '../worker/riskProtocol'
import { createRiskReportFeed, type RiskReportState, riskAccountKey, riskRequest } from './riskReportFeed'

const alice: Hex = '0x00000000000000000000000000000000000000a1'
const bob: Hex = '0x00000000000000000000000000000000000000b0'
const at = (block: bigint, user = alice) =>
  snapshotFixture({ blockNumber: block, user, positions: { WETH: { supplied: 1 }, USDC: { borrowed: 1_000 } } })

function setup() {
  const calls: { request: RiskRequest; answer: () => void; fail: (e: Error) => void }[] = []
  const endpoint: RiskEndpoint = {
    evaluate: (request) =>
      new Promise<RiskReport>((resolve, reject) =>
        calls.push({
          request,
          answer: () => resolve(evaluate(request.snapshot, request.settings, request)),
          fail: reject,
        }),
      ),
    terminate: vi.fn(),
  }
  const states: RiskReportState[] = []
  const feed = createRiskReportFeed(createRiskClient({ createEndpoint: () => endpoint }), (s) => states.push(s))
  const last = () => states.at(-1)
  return { calls, feed, last }
}
const flush = () => new Promise((r) => setTimeout(r, 0))

describe('risk report feed', () => {
  test('requests carry the block time as now and the block number as seed; one key per chain, pool and account', () => {
    const s = at(1_234n)
    expect(riskRequest(s, {})).toMatchObject({ now: s.blockTimestamp, seed: 1_234 })
    const swapRouter = '0x00000000000000000000000000000000000000f1'
    expect(riskRequest(s, {}, { proposals: { swapRouter } }).proposals).toEqual({ swapRouter })
    expect(riskAccountKey(s)).toBe(riskAccountKey(at(99n)))
    expect(riskAccountKey(s)).not.toBe(riskAccountKey(at(1_234n, bob)))
  })

  test('publishes each block in order and keeps the previous report while the next computes', async () => {
    const { calls, feed, last } = setup()
    feed.request(at(10n), {})
    expect(last()).toMatchObject({ report: undefined, pending: true })
    calls[0]?.answer()
    await flush()
    expect(last()?.report?.block.number).toBe(10n)
    expect(last()?.pending).toBe(false)
    feed.request(at(11n), {})
    expect(last()).toMatchObject({ pending: true, report: { block: { number: 10n } } })
    calls[1]?.answer()
    await flush()
    expect(last()?.report?.block.number).toBe(11n)
  })

  test('a burst of blocks evaluates the first and the latest; the skipped ones publish nothing', async () => {
    const { calls, feed, last } = setup()
    for (const block of [20n, 21n, 22n, 23n]) feed.request(at(block), {})
    calls[0]?.answer()
    await flush()
    expect(last()).toMatchObject({ pending: true, report: { block: { number: 20n } } })
    expect(calls.map((c) => c.request.snapshot.blockNumber)).toEqual([20n, 23n])
    calls[1]?.answer()
    await flush()
    expect(last()).toMatchObject({ pending: false, error: undefined, report: { block: { number: 23n } } })
  })

  test("switching account drops the old account's pending report and starts empty", async () => {
    const { calls, feed, last } = setup()
    feed.request(at(30n), {})
    feed.request(at(30n, bob), {})
    expect(last()).toMatchObject({ report: undefined, pending: true })
    calls[0]?.answer() // alice's, arriving after the switch: never shown
    calls[1]?.answer()
    await flush()
    expect(last()?.report?.account).toBe(bob)
  })

  test('an engine failure is published as an error and the last good report stays', async () => {
    const { calls, feed, last } = setup()
    feed.request(at(40n), {})
    calls[0]?.answer()
    await flush()
    feed.request(at(41n), {})
    calls[1]?.fail(new RangeError('bad settings'))
    await flush()
    expect(last()).toMatchObject({ pending: false, report: { block: { number: 40n } } })
    expect(last()?.error?.message).toBe('bad settings')
  })

  test('after dispose nothing is published, and a new request starts afresh', async () => {
    const { calls, feed, last } = setup()
    feed.request(at(50n), {})
    feed.dispose()
    calls[0]?.answer()
    await flush()
    expect(last()?.report).toBeUndefined()
    feed.request(at(51n), {})
    calls[1]?.answer()
    await flush()
    expect(last()?.report?.block.number).toBe(51n)
  })

  test('a what-if lane queues apart from the live account: its burst never supersedes the live block', async () => {
    const { calls, endpoint } = (() => {
      const calls: { request: RiskRequest; answer: () => void }[] = []
      const endpoint: RiskEndpoint = {
        evaluate: (request) =>
          new Promise<RiskReport>((resolve) =>
            calls.push({ request, answer: () => resolve(evaluate(request.snapshot, request.settings, request)) }),
          ),
        terminate: vi.fn(),
      }
      return { calls, endpoint }
    })()
    const client = createRiskClient({ createEndpoint: () => endpoint })
    const live: RiskReportState[] = []
    const whatIf: RiskReportState[] = []
    const liveFeed = createRiskReportFeed(client, (s) => live.push(s))
    const whatIfFeed = createRiskReportFeed(client, (s) => whatIf.push(s), { lane: 'whatif' })
    expect(riskAccountKey(at(60n), 'whatif')).not.toBe(riskAccountKey(at(60n)))
    liveFeed.request(at(60n), {})
    liveFeed.request(at(61n), {}) // waits behind block 60 in the live lane
    for (const scale of [1.5, 2, 2.5]) whatIfFeed.request(at(61n), { volatilityScale: scale })
    // Live: 60 running, 61 waiting. What-if: 1.5 running, 2.5 waiting (2 superseded in its own lane).
    expect(calls.map((c) => [c.request.snapshot.blockNumber, c.request.settings.volatilityScale])).toEqual([
      [60n, undefined],
      [61n, 1.5],
    ])
    for (const c of calls) c.answer()
    await flush()
    for (const c of calls.slice(2)) c.answer()
    await flush()
    expect(calls.map((c) => [c.request.snapshot.blockNumber, c.request.settings.volatilityScale])).toEqual([
      [60n, undefined],
      [61n, 1.5],
      [61n, undefined],
      [61n, 2.5],
    ])
    expect(live.at(-1)).toMatchObject({
      pending: false,
      report: { block: { number: 61n }, settings: { volatilityScale: 1 } },
    })
    expect(whatIf.at(-1)).toMatchObject({ pending: false, report: { settings: { volatilityScale: 2.5 } } })
  })
})

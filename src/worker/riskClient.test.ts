import { expose, wrap } from 'comlink'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { evaluate } from '../engine/evaluate'
import type { RiskReport } from '../engine/riskReport'
import { snapshotFixture } from '../engine/testing/snapshotFixture'
import { createRiskClient, isAbandoned, type RiskEndpoint, RiskWorkerUnavailableError } from './riskClient'
import { type RiskRequest, type RiskWorkerApi, reportTransferables, riskWorkerApi } from './riskProtocol'

const snapshot = snapshotFixture({ positions: { WETH: { supplied: 10 }, USDC: { borrowed: 14_000 } } })
const request = (seed: number): RiskRequest => ({ snapshot, settings: {}, now: 1_750_000_000, seed })
const reportFor = (r: RiskRequest) => evaluate(r.snapshot, r.settings, r)

/** A worker stand-in whose answers the test releases one by one. */
function fakeWorker() {
  const calls: { request: RiskRequest; answer: () => void; fail: (e: unknown) => void }[] = []
  const endpoint: RiskEndpoint = {
    evaluate: (req) =>
      new Promise<RiskReport>((resolve, reject) => {
        calls.push({ request: req, answer: () => resolve(reportFor(req)), fail: reject })
      }),
    terminate: vi.fn(),
  }
  const createEndpoint = vi.fn(() => endpoint)
  return { calls, endpoint, createEndpoint, seeds: () => calls.map((c) => c.request.seed) }
}

const flush = () => new Promise((r) => setTimeout(r, 0))
const outcome = (p: Promise<RiskReport>) =>
  p.then(
    (report) => ({ seed: report.seed }),
    (error: unknown) => ({ abandoned: isAbandoned(error), message: (error as Error).message }),
  )

describe('risk client', () => {
  test('creates the worker lazily, once, on the first request', async () => {
    const w = fakeWorker()
    const client = createRiskClient({ createEndpoint: w.createEndpoint })
    expect(w.createEndpoint).not.toHaveBeenCalled()
    expect(client.mode()).toBe('idle')
    const a = client.evaluate('alice', request(1))
    const b = client.evaluate('bob', request(2))
    expect(w.createEndpoint).toHaveBeenCalledTimes(1)
    expect(client.mode()).toBe('worker')
    for (const c of w.calls) c.answer()
    expect((await a).seed).toBe(1)
    expect((await b).seed).toBe(2)
  })

  test('keeps one request in flight per account; other accounts run beside it', async () => {
    const w = fakeWorker()
    const client = createRiskClient({ createEndpoint: w.createEndpoint })
    const first = client.evaluate('alice', request(1))
    const second = client.evaluate('alice', request(2))
    const other = client.evaluate('bob', request(3))
    expect(w.seeds()).toEqual([1, 3])
    w.calls[0]?.answer()
    expect((await first).seed).toBe(1)
    await flush()
    expect(w.seeds()).toEqual([1, 3, 2])
    w.calls[2]?.answer()
    w.calls[1]?.answer()
    expect((await second).seed).toBe(2)
    expect((await other).seed).toBe(3)
  })

  test('a newer request supersedes the waiting one, which never reaches the worker', async () => {
    const w = fakeWorker()
    const client = createRiskClient({ createEndpoint: w.createEndpoint })
    const results = [1, 2, 3, 4].map((seed) => outcome(client.evaluate('alice', request(seed))))
    w.calls[0]?.answer()
    await flush()
    w.calls[1]?.answer()
    const [first, second, third, fourth] = await Promise.all(results)
    expect(first).toEqual({ seed: 1 })
    expect(second).toMatchObject({ abandoned: true, message: expect.stringContaining('superseded') })
    expect(third).toMatchObject({ abandoned: true })
    expect(fourth).toEqual({ seed: 4 })
    expect(w.seeds()).toEqual([1, 4])
  })

  test('cancelling a waiting request removes it from the queue', async () => {
    const w = fakeWorker()
    const client = createRiskClient({ createEndpoint: w.createEndpoint })
    const first = client.evaluate('alice', request(1))
    const controller = new AbortController()
    const waiting = outcome(client.evaluate('alice', request(2), { signal: controller.signal }))
    controller.abort()
    expect(await waiting).toMatchObject({ abandoned: true, message: expect.stringContaining('cancelled') })
    w.calls[0]?.answer()
    await first
    await flush()
    expect(w.seeds()).toEqual([1])
  })

  test('cancelling an in-flight request rejects at once and drops its result when it arrives', async () => {
    const w = fakeWorker()
    const client = createRiskClient({ createEndpoint: w.createEndpoint })
    const controller = new AbortController()
    const inFlight = outcome(client.evaluate('alice', request(1), { signal: controller.signal }))
    const next = client.evaluate('alice', request(2))
    controller.abort()
    expect(await inFlight).toMatchObject({ abandoned: true })
    // Still one in flight per account: the next request waits for the worker's (dropped) answer.
    await flush()
    expect(w.seeds()).toEqual([1])
    w.calls[0]?.answer()
    await flush()
    w.calls[1]?.answer()
    expect((await next).seed).toBe(2)
  })

  test('an already aborted signal rejects without starting the worker', async () => {
    const w = fakeWorker()
    const client = createRiskClient({ createEndpoint: w.createEndpoint })
    const result = await outcome(client.evaluate('alice', request(1), { signal: AbortSignal.abort() }))
    expect(result).toMatchObject({ abandoned: true })
    expect(w.createEndpoint).not.toHaveBeenCalled()
  })

  test('an engine error reaches the caller as a failure (not abandoned) and the queue goes on', async () => {
    const w = fakeWorker()
    const client = createRiskClient({ createEndpoint: w.createEndpoint })
    const failing = outcome(client.evaluate('alice', request(1)))
    const next = client.evaluate('alice', request(2))
    w.calls[0]?.fail(new RangeError('bad settings'))
    expect(await failing).toEqual({ abandoned: false, message: 'bad settings' })
    await flush()
    w.calls[1]?.answer()
    expect((await next).seed).toBe(2)
  })

  test('runs the same engine on the main thread where there is no Worker', async () => {
    const client = createRiskClient({ createEndpoint: () => null })
    const report = await client.evaluate('alice', request(5))
    expect(client.mode()).toBe('main-thread')
    expect(report).toEqual(reportFor(request(5)))
  })

  test('the default client falls back to the main thread in Node (no global Worker)', async () => {
    expect(typeof Worker).toBe('undefined')
    const client = createRiskClient()
    expect((await client.evaluate('alice', request(6))).seed).toBe(6)
    expect(client.mode()).toBe('main-thread')
  })

  test('a worker that fails to start hands its request and every later one to the main thread', async () => {
    const endpoint: RiskEndpoint = {
      evaluate: () => Promise.reject(new RiskWorkerUnavailableError('worker script failed to load')),
      terminate: vi.fn(),
    }
    const createEndpoint = vi.fn(() => endpoint)
    const client = createRiskClient({ createEndpoint })
    expect((await client.evaluate('alice', request(7))).seed).toBe(7)
    expect(endpoint.terminate).toHaveBeenCalledTimes(1)
    expect(client.mode()).toBe('main-thread')
    expect((await client.evaluate('alice', request(8))).seed).toBe(8)
    expect(createEndpoint).toHaveBeenCalledTimes(1)
  })

  test('terminate rejects what is pending, stops the worker, and the next request starts a new one', async () => {
    const w = fakeWorker()
    const client = createRiskClient({ createEndpoint: w.createEndpoint })
    const inFlight = outcome(client.evaluate('alice', request(1)))
    const waiting = outcome(client.evaluate('alice', request(2)))
    client.terminate()
    expect(await inFlight).toMatchObject({ abandoned: true })
    expect(await waiting).toMatchObject({ abandoned: true })
    expect(w.endpoint.terminate).toHaveBeenCalledTimes(1)
    expect(client.mode()).toBe('idle')
    const after = client.evaluate('alice', request(3))
    expect(w.createEndpoint).toHaveBeenCalledTimes(2)
    w.calls.at(-1)?.answer()
    expect((await after).seed).toBe(3)
  })
})

describe('risk worker protocol over comlink', () => {
  let channel: MessageChannel | undefined
  afterEach(() => {
    channel?.port1.close()
    channel?.port2.close()
  })

  test('a report crosses a message port whole: bigint, nested rows and settings', async () => {
    channel = new MessageChannel()
    expose(riskWorkerApi, channel.port1 as unknown as Parameters<typeof expose>[1])
    const remote = wrap<RiskWorkerApi>(channel.port2 as unknown as Parameters<typeof wrap>[0])
    const report = await remote.evaluate(request(9))
    expect(report).toEqual(reportFor(request(9)))
    expect(typeof report.accountData.healthFactorWad).toBe('bigint')
    expect(report.stress.curves[0]?.healthFactor).toBeInstanceOf(Float64Array)
    expect(report.stress.curves[0]?.healthFactor).toHaveLength(201)
  })

  test('the stress arrays are transferred, each buffer once, and leave the sender detached', () => {
    const report = reportFor(request(10))
    const buffers = reportTransferables(report)
    expect(buffers).toHaveLength(1 + report.stress.curves.length)
    expect(new Set(buffers).size).toBe(buffers.length)
    const { port1, port2 } = new MessageChannel()
    port1.postMessage(report, buffers)
    expect(report.stress.shocks.byteLength).toBe(0)
    port1.close()
    port2.close()
  })
})

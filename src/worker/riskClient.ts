import { releaseProxy, wrap } from 'comlink'
import type { RiskReport } from '../engine/riskReport'
import type { RiskRequest, RiskWorkerApi } from './riskProtocol'

/**
 * The typed client of the risk worker (squoosh's worker-bridge, excalidraw's workers.ts):
 * - the worker is created lazily, on the first request;
 * - one request in flight per account key; a request made while one is in flight waits, and a
 *   newer request for the same key supersedes the waiting one (which never runs and rejects with
 *   an AbortError), so a burst of blocks evaluates the first and the latest, not every one;
 * - an AbortSignal cancels a request: a waiting one is removed, an in-flight one rejects at once
 *   and its result is dropped when the worker answers (the engine's ~1 ms run is not interrupted);
 * - without `Worker` (Node, old browsers, a worker that fails to load) the same engine runs on
 *   the main thread.
 */

/** Something that evaluates a request off the main thread: the comlink proxy, or a fake in tests. */
export type RiskEndpoint = {
  evaluate(request: RiskRequest): Promise<RiskReport>
  terminate(): void
}

export type RiskClient = {
  /** Evaluates `request` for the account `key` (e.g. chain:pool:user), honouring the queue rules above. */
  evaluate(key: string, request: RiskRequest, options?: { signal?: AbortSignal }): Promise<RiskReport>
  /** Where requests run now: 'worker', 'main-thread', or 'idle' before the first request. */
  mode(): 'idle' | 'worker' | 'main-thread'
  /** Rejects every waiting request and stops the worker; the next request starts a new one. */
  terminate(): void
}

/** Thrown by an endpoint whose worker could not start or died: the client falls back to the main thread. */
export class RiskWorkerUnavailableError extends Error {
  override name = 'RiskWorkerUnavailableError'
}

const abortError = (message: string) => new DOMException(message, 'AbortError')

/** True for the rejections that mean "no result, by design" (cancelled or superseded), not a failure. */
export const isAbandoned = (error: unknown) => error instanceof DOMException && error.name === 'AbortError'

type Job = {
  request: RiskRequest
  resolve: (report: RiskReport) => void
  reject: (error: unknown) => void
  settled: boolean
  detach: () => void
}
type Lane = { running: Job | null; waiting: Job | null }

/**
 * Runs the engine on the main thread. Loaded on first use, so the engine stays out of the page's
 * entry chunk where the worker does the work (Vite bundles risk.worker.ts as its own chunk).
 */
const mainThreadEndpoint: RiskEndpoint = {
  evaluate: async ({ snapshot, settings, ...options }) => {
    const { evaluate } = await import('../engine/evaluate')
    return evaluate(snapshot, settings, options)
  },
  terminate: () => {},
}

/**
 * Creates a client. `createEndpoint` makes the worker (default: risk.worker.ts through comlink) and
 * returns null where workers are unavailable; tests pass a fake.
 */
export function createRiskClient({
  createEndpoint = createWorkerEndpoint,
}: {
  createEndpoint?: () => RiskEndpoint | null
} = {}): RiskClient {
  let endpoint: RiskEndpoint | undefined
  let fallback = false
  const lanes = new Map<string, Lane>()

  const current = (): RiskEndpoint => {
    if (!endpoint) {
      const created = fallback ? null : createEndpoint()
      fallback = created === null
      endpoint = created ?? mainThreadEndpoint
    }
    return endpoint
  }

  const settle = (job: Job, outcome: { report: RiskReport } | { error: unknown }) => {
    if (job.settled) return // cancelled while in flight: its result is stale, drop it
    job.settled = true
    job.detach()
    if ('report' in outcome) job.resolve(outcome.report)
    else job.reject(outcome.error)
  }

  const run = (key: string, lane: Lane, job: Job) => {
    lane.running = job
    const attempt = (target: RiskEndpoint): Promise<RiskReport> =>
      target.evaluate(job.request).catch((error: unknown) => {
        if (!(error instanceof RiskWorkerUnavailableError) || target === mainThreadEndpoint) throw error
        // The worker could not start or died: every later request runs on the main thread.
        target.terminate()
        fallback = true
        endpoint = mainThreadEndpoint
        return attempt(mainThreadEndpoint)
      })
    attempt(current())
      .then(
        (report) => settle(job, { report }),
        (error: unknown) => settle(job, { error }),
      )
      .finally(() => {
        lane.running = null
        const next = lane.waiting
        lane.waiting = null
        if (next) run(key, lane, next)
        else if (lanes.get(key) === lane) lanes.delete(key)
      })
  }

  return {
    evaluate(key, request, { signal } = {}) {
      if (signal?.aborted) return Promise.reject(abortError('risk evaluation cancelled'))
      return new Promise<RiskReport>((resolve, reject) => {
        const lane = lanes.get(key) ?? { running: null, waiting: null }
        lanes.set(key, lane)
        const onAbort = () => {
          if (lane.waiting === job) lane.waiting = null
          settle(job, { error: abortError('risk evaluation cancelled') })
        }
        const job: Job = {
          request,
          resolve,
          reject,
          settled: false,
          detach: () => signal?.removeEventListener('abort', onAbort),
        }
        signal?.addEventListener('abort', onAbort, { once: true })
        if (!lane.running) return run(key, lane, job)
        if (lane.waiting) settle(lane.waiting, { error: abortError('superseded by a newer request for this account') })
        lane.waiting = job
      })
    },
    mode: () => (endpoint === undefined ? 'idle' : endpoint === mainThreadEndpoint ? 'main-thread' : 'worker'),
    terminate() {
      for (const lane of lanes.values()) {
        if (lane.waiting) settle(lane.waiting, { error: abortError('risk client terminated') })
        lane.waiting = null
        if (lane.running) settle(lane.running, { error: abortError('risk client terminated') })
      }
      // A terminated worker never answers its in-flight calls: forget their lanes so new requests start at once.
      lanes.clear()
      endpoint?.terminate()
      endpoint = undefined
    },
  }
}

/** The real worker through comlink, or null where `Worker` does not exist or refuses to start. */
export function createWorkerEndpoint(): RiskEndpoint | null {
  if (typeof Worker === 'undefined') return null
  let worker: Worker
  try {
    worker = new Worker(new URL('./risk.worker.ts', import.meta.url), { type: 'module', name: 'risk' })
  } catch {
    return null
  }
  const remote = wrap<RiskWorkerApi>(worker)
  // A worker that fails to load or throws at top level never answers comlink: fail its calls instead.
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => reject(new RiskWorkerUnavailableError(event.message)), { once: true })
  })
  failed.catch(() => {})
  return {
    evaluate: (request) => Promise.race([remote.evaluate(request), failed]),
    terminate: () => {
      remote[releaseProxy]()
      worker.terminate()
    },
  }
}

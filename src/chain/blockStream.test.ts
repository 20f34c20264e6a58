import type { Hash } from 'viem'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { type BlockHeader, type HeadHandlers, type NodeHealth, startBlockStream } from './blockStream'

const header = (number: number, fork = 'a'): BlockHeader => ({
  number: BigInt(number),
  hash: `0x${fork}${number.toString(16).padStart(63, '0')}` as Hash,
  timestamp: BigInt(1_700_000_000 + number),
})

/** A node the test controls: up or down, at some head, with or without a socket for newHeads. */
function fakeNode({ websocket }: { websocket: boolean }) {
  const node = {
    up: true,
    head: header(10),
    subscribers: [] as HeadHandlers[],
    subscribeCalls: 0,
    fetchHead: vi.fn(async () => {
      if (!node.up)
        throw Object.assign(new Error('fetch failed\n(long details)'), { shortMessage: 'HTTP request failed.' })
      return node.head
    }),
    subscribeHeads: websocket
      ? async (handlers: HeadHandlers) => {
          node.subscribeCalls++
          if (!node.up) throw new Error('socket refused')
          node.subscribers.push(handlers)
          return () => {
            node.subscribers = node.subscribers.filter((s) => s !== handlers)
          }
        }
      : undefined,
    mine(next: BlockHeader) {
      node.head = next
      for (const s of node.subscribers) s.onHeader(next)
    },
    die() {
      node.up = false
      const subscribers = node.subscribers
      node.subscribers = []
      for (const s of subscribers) s.onError(new Error('socket closed'))
    },
  }
  return node
}

function start(node: ReturnType<typeof fakeNode>) {
  const headers: BlockHeader[] = []
  const health: NodeHealth[] = []
  let clock = 1_000_000
  const stop = startBlockStream({
    fetchHead: node.fetchHead,
    subscribeHeads: node.subscribeHeads,
    onHeader: (h) => headers.push(h),
    onHealth: (h) => health.push(h),
    pollIntervalMs: 50,
    livenessIntervalMs: 2_000,
    retryIntervalMs: 1_000,
    resubscribeDelayMs: 3_000,
    now: () => clock + Date.now(),
  })
  return { headers, health, stop, setClock: (ms: number) => (clock = ms) }
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('block stream', () => {
  test('emits the current head at once and every new block pushed over the socket, once each', async () => {
    const node = fakeNode({ websocket: true })
    const stream = start(node)
    await vi.advanceTimersByTimeAsync(0)
    expect(stream.headers.map((h) => h.number)).toEqual([10n])
    expect(stream.health.at(-1)).toEqual({ status: 'connected', transport: 'websocket' })

    node.mine(header(11))
    node.mine(header(12))
    await vi.advanceTimersByTimeAsync(5_000) // liveness polls see block 12 again: no duplicate
    expect(stream.headers.map((h) => h.number)).toEqual([10n, 11n, 12n])
    stream.stop()
  })

  test('polls over HTTP when there is no socket', async () => {
    const node = fakeNode({ websocket: false })
    const stream = start(node)
    await vi.advanceTimersByTimeAsync(0)
    node.head = header(11)
    await vi.advanceTimersByTimeAsync(50)
    expect(stream.headers.map((h) => h.number)).toEqual([10n, 11n])
    expect(stream.health.at(-1)).toEqual({ status: 'connected', transport: 'polling' })
    stream.stop()
  })

  test('says since when the node is unreachable, keeps retrying, and recovers when it returns', async () => {
    const node = fakeNode({ websocket: true })
    const stream = start(node)
    await vi.advanceTimersByTimeAsync(0)

    const diedAt = Date.now()
    node.die()
    await vi.advanceTimersByTimeAsync(0)
    const down = stream.health.at(-1)
    expect(down).toMatchObject({ status: 'unreachable', error: 'HTTP request failed.' })
    const since = (down as { since: number }).since

    const callsBefore = node.fetchHead.mock.calls.length
    await vi.advanceTimersByTimeAsync(10_000)
    expect(node.fetchHead.mock.calls.length - callsBefore).toBeGreaterThanOrEqual(9)
    expect(stream.health.at(-1)).toMatchObject({ status: 'unreachable', since })
    expect(since).toBeGreaterThanOrEqual(diedAt)

    // The devnet restarts on the same port from its saved state: a lower block, another chain.
    node.up = true
    node.head = header(3, 'b')
    await vi.advanceTimersByTimeAsync(1_000)
    expect(stream.headers.at(-1)).toEqual(header(3, 'b'))
    expect(stream.health.at(-1)).toEqual({ status: 'connected', transport: 'websocket' })

    node.mine(header(4, 'b'))
    expect(stream.headers.at(-1)).toEqual(header(4, 'b'))
    stream.stop()
  })

  test('a lost socket falls back to polling at once and resubscribes later', async () => {
    const node = fakeNode({ websocket: true })
    const stream = start(node)
    await vi.advanceTimersByTimeAsync(0)
    expect(node.subscribeCalls).toBe(1)

    // Only the socket goes: HTTP still answers.
    for (const s of node.subscribers.splice(0)) s.onError(new Error('socket closed'))
    node.head = header(11)
    await vi.advanceTimersByTimeAsync(0)
    expect(stream.health.at(-1)).toEqual({ status: 'connected', transport: 'polling' })
    expect(stream.headers.at(-1)?.number).toBe(11n)

    node.head = header(12)
    await vi.advanceTimersByTimeAsync(50)
    expect(stream.headers.at(-1)?.number).toBe(12n)

    await vi.advanceTimersByTimeAsync(3_000)
    expect(node.subscribeCalls).toBe(2)
    expect(stream.health.at(-1)).toEqual({ status: 'connected', transport: 'websocket' })
    stream.stop()
  })

  test('ignores a poll that answers with a block older than one already pushed', async () => {
    const node = fakeNode({ websocket: true })
    const stream = start(node)
    await vi.advanceTimersByTimeAsync(0)
    node.subscribers[0]?.onHeader(header(12)) // pushed before the node's HTTP view caught up
    await vi.advanceTimersByTimeAsync(2_000) // liveness poll still answers 10
    expect(stream.headers.map((h) => h.number)).toEqual([10n, 12n])
    stream.stop()
  })

  test('stops polling and unsubscribes when stopped', async () => {
    const node = fakeNode({ websocket: true })
    const stream = start(node)
    await vi.advanceTimersByTimeAsync(0)
    stream.stop()
    const calls = node.fetchHead.mock.calls.length
    await vi.advanceTimersByTimeAsync(10_000)
    expect(node.fetchHead.mock.calls.length).toBe(calls)
    expect(node.subscribers).toHaveLength(0)
  })
})

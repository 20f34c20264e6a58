import { type Chain, createClient, type Hash, hexToBigInt, http, webSocket } from 'viem'
import type { HeadHandlers, HeadSource } from './blockStream'
import { readHead } from './readHead'

/** How long the stream waits for the node before calling it unreachable. */
const REQUEST_TIMEOUT_MS = 5_000

/**
 * The chain's head over viem: `eth_getBlockByNumber('latest')` over HTTP and `eth_subscribe
 * newHeads` over WebSocket. Neither transport retries on its own: the block stream owns retries,
 * falling back to polling while the socket is down, so nothing retries twice.
 */
export function createHeadSource(chain: Chain): HeadSource {
  const httpClient = createClient({
    chain,
    transport: http(chain.rpcUrls.default.http[0], { retryCount: 0, timeout: REQUEST_TIMEOUT_MS }),
  })
  const wsUrl = chain.rpcUrls.default.webSocket?.[0]
  return {
    fetchHead: () => readHead(httpClient),
    subscribeHeads: wsUrl ? (handlers) => subscribeNewHeads(wsUrl, handlers) : undefined,
  }
}

type RpcHead = { number?: Hash; hash?: Hash; timestamp?: Hash }

/**
 * Subscribes to newHeads on a socket of its own. The pushed header already carries number, hash
 * and timestamp, so a new block costs no extra round trip (viem's watchBlocks would fetch each
 * block again, and watchBlockNumber drops the hash and time the page needs).
 */
async function subscribeNewHeads(wsUrl: string, { onHeader, onError }: HeadHandlers): Promise<() => void> {
  // reconnect: false: when the socket closes the stream decides what to do (poll, then resubscribe).
  const socket = webSocket(wsUrl, { reconnect: false, keepAlive: false, retryCount: 0 })({}).value
  if (!socket) throw new Error('viem webSocket transport without a socket')
  // viem caches one socket per URL, shared by every subscription to it (React's StrictMode mounts
  // the stream twice). A dead socket must be closed, or the cache keeps handing it out; a live one
  // is closed only by its last subscriber.
  const rpcClient = await socket.getRpcClient()
  let failed = false
  const fail = (error: Error) => {
    failed = true
    onError(error)
  }
  try {
    const subscription = await socket.subscribe({
      params: ['newHeads'],
      onData: (data) => {
        const head = (data as { result?: RpcHead }).result
        if (!head?.number || !head.hash || !head.timestamp) return fail(new Error('malformed newHeads payload'))
        onHeader({ number: hexToBigInt(head.number), hash: head.hash, timestamp: hexToBigInt(head.timestamp) })
      },
      onError: (error: unknown) => fail(error instanceof Error ? error : new Error(String(error))),
    })
    return () => {
      if (!failed) void subscription.unsubscribe()
      if (failed || rpcClient.subscriptions.size === 0) rpcClient.close()
    }
  } catch (error) {
    rpcClient.close()
    throw error
  }
}

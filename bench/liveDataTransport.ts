// A viem client that counts and times every JSON-RPC request it sends to the node: the bench's way
// of seeing what a reader costs per block, at the transport, whatever the reader does inside.
import { type Chain, createPublicClient, http, type PublicClient, type Transport } from 'viem'

export type RpcRequestLog = { method: string; ms: number }[]

/** A client of its own (its own layout and history caches) over HTTP, logging each request with its time. */
export function countingClient(chain: Chain, rpcUrl: string): { client: PublicClient; log: RpcRequestLog } {
  const log: RpcRequestLog = []
  // No viem batching: one JSON-RPC request per HTTP request, so the count is the node's work.
  const inner = http(rpcUrl, { retryCount: 0, batch: false })
  const transport: Transport = (config) => {
    const t = inner(config)
    const request: typeof t.request = async (args, options) => {
      const start = performance.now()
      try {
        return await t.request(args, options)
      } finally {
        log.push({ method: args.method, ms: performance.now() - start })
      }
    }
    return { ...t, request }
  }
  return { client: createPublicClient({ chain, transport }) as PublicClient, log }
}

/** The requests logged while `run` ran, and its result. */
export async function counted<T>(log: RpcRequestLog, run: () => Promise<T>) {
  const from = log.length
  const value = await run()
  return { value, requests: log.slice(from) }
}

import { type Chain, defineChain } from 'viem'
import { isDevnetMarket, type MarketDefinition } from './markets'

/** A user's own RPC URL per chain, keyed by the chain id in decimal (JSON object keys are strings). */
export type CustomRpcUrls = Readonly<Record<string, string>>

/**
 * Public RPCs rate-limit: the stream never polls one faster than this, whatever the chain's block
 * time (Arbitrum's 250 ms blocks are read at most once a second).
 */
export const MIN_LIVE_POLL_INTERVAL_MS = 1_000
/** While a live node does not answer, try it again at this pace (a public RPC that is down is not hammered). */
export const LIVE_RETRY_INTERVAL_MS = 5_000
/** anvil restarts in a fraction of a second: look for it every second. */
export const DEVNET_RETRY_INTERVAL_MS = 1_000

/** How the page reaches one market: the node in use, as a viem chain, and the block stream's pace. */
export type MarketEndpoint = {
  market: MarketDefinition
  /** The market's chain with the RPC in use as its only HTTP URL, and a WebSocket where there is one. */
  chain: Chain
  /** The HTTP RPC in use: the user's for this chain, else the market's public default. */
  rpcUrl: string
  /** Whether `rpcUrl` is the user's (false: the public default, or the devnet manifest's). */
  customRpc: boolean
  isDevnet: boolean
  /** How often the block stream reads the head when no WebSocket pushes it. */
  pollIntervalMs: number
  /** How often the stream tries again while the node is unreachable. */
  retryIntervalMs: number
}

/**
 * Where to read a market. The devnet's node is the manifest's (its URL changes with each run, and
 * its WebSocket pushes heads); a live market uses the user's RPC for its chain when one is set, the
 * public default otherwise. A market's WebSocket belongs to its default RPC: with the user's own
 * HTTP RPC the stream polls. Live chains are polled at their block time, but never faster than
 * MIN_LIVE_POLL_INTERVAL_MS.
 */
export function marketEndpoint(market: MarketDefinition, customRpcUrls: CustomRpcUrls = {}): MarketEndpoint {
  if (isDevnetMarket(market))
    return {
      market,
      chain: market.chain,
      rpcUrl: market.rpcUrl,
      customRpc: false,
      isDevnet: true,
      pollIntervalMs: market.blockTimeMs,
      retryIntervalMs: DEVNET_RETRY_INTERVAL_MS,
    }
  const custom = customRpcUrls[String(market.chainId)]
  const rpcUrl = custom ?? market.rpcUrl
  const wsUrl = custom ? undefined : market.wsUrl
  // viem's own default RPCs (and their sockets) are dropped: reads go to the node named here, nowhere else.
  const chain = defineChain({
    ...market.chain,
    rpcUrls: { default: { http: [rpcUrl], ...(wsUrl ? { webSocket: [wsUrl] } : {}) } },
  })
  return {
    market,
    chain,
    rpcUrl,
    customRpc: custom !== undefined,
    isDevnet: false,
    pollIntervalMs: Math.max(market.blockTimeMs, MIN_LIVE_POLL_INTERVAL_MS),
    retryIntervalMs: LIVE_RETRY_INTERVAL_MS,
  }
}

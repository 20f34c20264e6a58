import { LIVE_MARKETS } from './markets'

/** What checking a user's RPC URL found: the chain it serves, or why it cannot be used, in words a person can act on. */
export type RpcUrlCheck = { ok: true; url: string; chainId: number } | { ok: false; error: string }

export type ValidateRpcUrlOptions = {
  /** The fetch to use (tests pass a fake; the browser's by default). */
  fetch?: typeof globalThis.fetch
  /** How long to wait for the node's answer. */
  timeoutMs?: number
}

const DEFAULT_TIMEOUT_MS = 8_000

const chainLabel = (id: number) => {
  const known = LIVE_MARKETS.find((m) => m.chainId === id)
  return known ? `${known.chain.name} (chain ${id})` : `chain ${id}`
}

/**
 * Checks a custom RPC URL before it is saved: it must be an http(s) URL whose node answers
 * `eth_chainId` with `expectedChainId`. Never throws: a malformed URL, a node that does not answer
 * (network error, CORS refusal, timeout), an HTTP error, a reply that is not JSON-RPC or a node
 * of another chain each come back as `{ ok: false, error }` naming what to fix.
 */
export async function validateRpcUrl(
  url: string,
  expectedChainId: number,
  { fetch = globalThis.fetch, timeoutMs = DEFAULT_TIMEOUT_MS }: ValidateRpcUrlOptions = {},
): Promise<RpcUrlCheck> {
  const trimmed = url.trim()
  let parsed: URL
  try {
    parsed = new URL(trimmed)
  } catch {
    return { ok: false, error: `“${trimmed}” is not a URL: expected something like https://rpc.example.org` }
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return {
      ok: false,
      error: `${parsed.protocol.replace(':', '')} URLs are not supported here: give the node’s http(s) URL`,
    }

  // One deadline for the whole exchange: a node may send headers and then stall the body.
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  const host = parsed.host
  let body: unknown
  try {
    const response = await fetch(trimmed, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      signal: controller.signal,
    })
    if (!response.ok)
      return {
        ok: false,
        error: `${host} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
      }
    try {
      body = await response.json()
    } catch (error) {
      if (controller.signal.aborted) throw error
      return { ok: false, error: `${host} did not answer as a JSON-RPC node (the reply is not JSON)` }
    }
  } catch (error) {
    return {
      ok: false,
      error: controller.signal.aborted
        ? `${host} did not answer within ${timeoutMs / 1000} s`
        : `${host} did not answer (${(error as Error).message || 'network error'}): check the URL, and that the node accepts requests from a browser (CORS)`,
    }
  } finally {
    clearTimeout(timer)
  }
  const reply = body as { result?: unknown; error?: { message?: unknown } } | null
  if (reply?.error)
    return { ok: false, error: `${host} refused eth_chainId: ${String(reply.error.message ?? 'unknown error')}` }
  const result = reply?.result
  if (typeof result !== 'string' || !/^0x[0-9a-f]+$/i.test(result))
    return { ok: false, error: `${host} did not answer eth_chainId as a JSON-RPC node` }
  const chainId = Number(BigInt(result))
  if (chainId !== expectedChainId)
    return {
      ok: false,
      error: `${host} is a node of ${chainLabel(chainId)}, not of ${chainLabel(expectedChainId)}`,
    }
  return { ok: true, url: trimmed, chainId }
}

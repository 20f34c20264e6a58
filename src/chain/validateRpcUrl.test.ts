import { describe, expect, test } from 'vitest'
import { validateRpcUrl } from './validateRpcUrl'

/** A fetch that answers like a node would, recording what it was asked. */
function fakeFetch(answer: (body: { method: string }) => Response | Promise<Response>) {
  const requests: { url: string; method: string }[] = []
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as { method: string }
    requests.push({ url: String(input), method: body.method })
    return answer(body)
  }) as typeof globalThis.fetch
  return { fetch, requests }
}

const rpc = (result: unknown) => Response.json({ jsonrpc: '2.0', id: 1, ...(result as object) })

describe('validateRpcUrl', () => {
  test('accepts a node that answers eth_chainId with the expected chain', async () => {
    const { fetch, requests } = fakeFetch(() => rpc({ result: '0x2105' }))
    expect(await validateRpcUrl('  https://base.example.org/rpc ', 8453, { fetch })).toEqual({
      ok: true,
      url: 'https://base.example.org/rpc',
      chainId: 8453,
    })
    expect(requests).toEqual([{ url: 'https://base.example.org/rpc', method: 'eth_chainId' }])
  })

  test('names both chains when the node serves another one', async () => {
    const { fetch } = fakeFetch(() => rpc({ result: '0xa' }))
    expect(await validateRpcUrl('https://rpc.example.org', 1, { fetch })).toEqual({
      ok: false,
      error: 'rpc.example.org is a node of OP Mainnet (chain 10), not of Ethereum (chain 1)',
    })
    const unknown = fakeFetch(() => rpc({ result: '0x38' }))
    expect(await validateRpcUrl('https://rpc.example.org', 137, { fetch: unknown.fetch })).toMatchObject({
      error: 'rpc.example.org is a node of chain 56, not of Polygon (chain 137)',
    })
  })

  test('says so when the node does not answer: network error, timeout', async () => {
    const refused = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')))
    const r = await validateRpcUrl('https://down.example.org', 1, { fetch: refused.fetch })
    expect(r).toMatchObject({ ok: false })
    expect(!r.ok && r.error).toMatch(/^down\.example\.org did not answer \(Failed to fetch\).*CORS/)

    const silent = (async (_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      )) as typeof globalThis.fetch
    expect(await validateRpcUrl('https://slow.example.org', 1, { fetch: silent, timeoutMs: 20 })).toEqual({
      ok: false,
      error: 'slow.example.org did not answer within 0.02 s',
    })
  })

  test('says what is wrong with an answer that is not a node’s', async () => {
    const cases: [Response, RegExp][] = [
      [new Response('nope', { status: 401, statusText: 'Unauthorized' }), /answered HTTP 401 Unauthorized$/],
      [new Response('<html>', { status: 200 }), /not JSON/],
      [rpc({ error: { code: -32601, message: 'method not found' } }), /refused eth_chainId: method not found$/],
      [rpc({ result: 42 }), /did not answer eth_chainId as a JSON-RPC node$/],
    ]
    for (const [response, error] of cases) {
      const { fetch } = fakeFetch(() => response)
      const r = await validateRpcUrl('https://odd.example.org', 1, { fetch })
      expect(r.ok).toBe(false)
      expect(!r.ok && r.error).toMatch(error)
    }
  })

  test('refuses what is not an http(s) URL without asking anything', async () => {
    const { fetch, requests } = fakeFetch(() => rpc({ result: '0x1' }))
    expect(await validateRpcUrl('mainnet.infura.io', 1, { fetch })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/is not a URL/),
    })
    expect(await validateRpcUrl('wss://eth.example.org', 1, { fetch })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/wss URLs are not supported here/),
    })
    expect(requests).toEqual([])
  })
})

import { createClient, custom } from 'viem'
import { describe, expect, test } from 'vitest'
import { nodeChainId } from './nodeChainId'

/** A client whose node answers eth_chainId with `answers` in turn (an Error is a failure), counting the requests. */
function clientAnswering(answers: (number | Error)[]) {
  let asked = 0
  const client = createClient({
    transport: custom(
      {
        request: async ({ method }: { method: string }) => {
          if (method !== 'eth_chainId') throw new Error(`unexpected ${method}`)
          const a = answers[Math.min(asked++, answers.length - 1)]
          if (a instanceof Error) throw a
          return `0x${(a as number).toString(16)}`
        },
      },
      { retryCount: 0 },
    ),
  })
  return { client, asked: () => asked }
}

describe('nodeChainId', () => {
  test('asks the node once per client', async () => {
    const { client, asked } = clientAnswering([31337])
    expect(await Promise.all([nodeChainId(client), nodeChainId(client)])).toEqual([31337, 31337])
    expect(await nodeChainId(client)).toBe(31337)
    expect(asked()).toBe(1)
  })

  test('a failed answer is not kept: the next call asks again', async () => {
    const { client, asked } = clientAnswering([new Error('node down'), 8453])
    await expect(nodeChainId(client)).rejects.toThrow('node down')
    expect(await nodeChainId(client)).toBe(8453)
    expect(asked()).toBe(2)
  })

  test('each client asks its own node', async () => {
    const a = clientAnswering([1])
    const b = clientAnswering([10])
    expect([await nodeChainId(a.client), await nodeChainId(b.client)]).toEqual([1, 10])
  })
})

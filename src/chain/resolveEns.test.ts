import {
  type Address,
  custom,
  decodeFunctionData,
  encodeErrorResult,
  encodeFunctionResult,
  type Hex,
  parseAbi,
  toHex,
  zeroAddress,
} from 'viem'
import { namehash, packetToBytes } from 'viem/ens'
import { describe, expect, test } from 'vitest'
import { createEnsClient, type EnsResolutionError, isEnsResolutionError, resolveEnsName } from './resolveEns'

const universalResolverAbi = parseAbi([
  'function resolveWithGateways(bytes name, bytes data, string[] gateways) view returns (bytes, address)',
  'error ResolverNotFound(bytes name)',
])
const addrAbi = parseAbi(['function addr(bytes32 node) view returns (address)'])

const VITALIK: Address = '0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045'
const RESOLVER: Address = '0x231b0Ee14048e9dCcD1d247744d114a4EB5E8E63'

/**
 * A mainnet node that answers the Universal Resolver's resolveWithGateways as the deployed
 * contract does: the resolver's `addr` answer for a known name, the zero address for a name
 * without an address record, and a ResolverNotFound revert for a name nobody registered.
 */
function fakeMainnet(records: Record<string, Address>) {
  const calls: string[] = []
  const transport = custom(
    {
      async request({ method, params }: { method: string; params?: unknown }) {
        calls.push(method)
        if (method === 'eth_chainId') return '0x1'
        if (method !== 'eth_call') throw new Error(`unexpected ${method}`)
        const [{ data }] = params as [{ to: Address; data: Hex }]
        const call = decodeFunctionData({ abi: universalResolverAbi, data })
        const [dnsName, innerData] = call.args
        const inner = decodeFunctionData({ abi: addrAbi, data: innerData })
        const entry = Object.entries(records).find(([name]) => toHex(packetToBytes(name)) === dnsName)
        if (!entry)
          throw Object.assign(new Error('execution reverted'), {
            code: 3,
            data: encodeErrorResult({ abi: universalResolverAbi, errorName: 'ResolverNotFound', args: [dnsName] }),
          })
        expect(inner.args[0]).toBe(namehash(entry[0]))
        const answer = encodeFunctionResult({ abi: addrAbi, functionName: 'addr', result: entry[1] })
        return encodeFunctionResult({
          abi: universalResolverAbi,
          functionName: 'resolveWithGateways',
          result: [answer, RESOLVER],
        })
      },
    },
    { retryCount: 0 },
  )
  return { client: createEnsClient({ rpcUrl: 'https://mainnet.invalid', transport }), calls }
}

async function failure(promise: Promise<unknown>): Promise<EnsResolutionError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the resolution to fail')
    },
    (e: unknown) => e,
  )
  expect(isEnsResolutionError(error)).toBe(true)
  return error as EnsResolutionError
}

describe('resolveEnsName', () => {
  test('a registered name resolves to its address through the Universal Resolver', async () => {
    const { client } = fakeMainnet({ 'vitalik.eth': VITALIK })
    await expect(resolveEnsName(client, 'vitalik.eth')).resolves.toEqual({ name: 'vitalik.eth', address: VITALIK })
  })

  test('the name is normalised (ENSIP-15) before it is resolved: case and spaces do not matter', async () => {
    const { client } = fakeMainnet({ 'vitalik.eth': VITALIK })
    await expect(resolveEnsName(client, '  Vitalik.ETH ')).resolves.toEqual({ name: 'vitalik.eth', address: VITALIK })
  })

  test('a name nobody registered is "not found", not an error of the node', async () => {
    const { client } = fakeMainnet({ 'vitalik.eth': VITALIK })
    const error = await failure(resolveEnsName(client, 'surely-nobody-registered-this.eth'))
    expect(error.reason).toBe('not-found')
    expect(error.message).toMatch(/not found/i)
    expect(error.message).toContain('surely-nobody-registered-this.eth')
  })

  test('a name whose address record is empty is "not found"', async () => {
    const { client } = fakeMainnet({ 'empty.eth': zeroAddress })
    const error = await failure(resolveEnsName(client, 'empty.eth'))
    expect(error.reason).toBe('not-found')
  })

  test('a name ENS rejects is reported as invalid without asking the node', async () => {
    const { client, calls } = fakeMainnet({})
    const error = await failure(resolveEnsName(client, 'bad..eth'))
    expect(error.reason).toBe('invalid-name')
    expect(error.message).toContain('bad..eth')
    expect(calls).toEqual([])
  })

  test('a mainnet RPC that does not answer is reported as unreachable, with its URL', async () => {
    // Port 9 (discard) on loopback: the connection is refused at once, as with no internet.
    const client = createEnsClient({ rpcUrl: 'http://127.0.0.1:9' })
    const error = await failure(resolveEnsName(client, 'vitalik.eth'))
    expect(error.reason).toBe('unreachable')
    expect(error.message).toContain('http://127.0.0.1:9')
    expect(error.message).toMatch(/unreachable/)
  })

  test('other node errors are reported as a failure with the node’s message', async () => {
    const transport = custom(
      {
        async request() {
          throw Object.assign(new Error('rate limited'), { code: -32005 })
        },
      },
      { retryCount: 0 },
    )
    const client = createEnsClient({ rpcUrl: 'https://mainnet.invalid', transport })
    const error = await failure(resolveEnsName(client, 'vitalik.eth'))
    expect(error.reason).toBe('failed')
    expect(error.message).toMatch(/^Resolving vitalik\.eth on Ethereum mainnet failed: /)
  })
})

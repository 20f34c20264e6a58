import { type Address, type Client, encodeFunctionData, type Hex } from 'viem'
import { call } from 'viem/actions'
import { multicall3Abi } from './abi/multicall3'
import type { Aggregate3Call, Aggregate3Result } from './portfolioCalls'

/**
 * Multicall3.aggregate3 over `calls` in one eth_call at `blockNumber` (latest when absent), decoded;
 * no request for no calls. The reads that build their own calls (LP positions, pools, oracle
 * history) go through here; the block's snapshot and the watchlist send their own calldata.
 */
export async function callAggregate3(
  client: Client,
  multicall3: Address,
  calls: readonly Aggregate3Call[],
  blockNumber?: bigint,
): Promise<Aggregate3Result[]> {
  if (calls.length === 0) return []
  const { data } = await call(client, {
    to: multicall3,
    data: encodeFunctionData({ abi: multicall3Abi, functionName: 'aggregate3', args: [calls] }),
    blockNumber,
  })
  if (!data) throw new Error(`Multicall3 at ${multicall3} returned no data at block ${blockNumber ?? 'latest'}`)
  return decodeAggregate3Result(data)
}

/**
 * Decodes the return of Multicall3.aggregate3, `(bool success, bytes returnData)[]`, as
 * decodeFunctionResult would, but with each returnData cut out of the response as a substring.
 * viem converts the whole response to bytes and every returnData back to hex, a few hundred
 * kilobytes of short-lived strings for each block's snapshot read: the young-generation GC's main
 * diet on the page while blocks stream. Offsets and lengths are checked against the data; a
 * malformed response throws, as viem's decoder does.
 *
 * ABI layout (byte offsets): [0] offset of the array; [array] length N, then N offsets of the
 * elements from the word after the length; [element] success word, offset of the bytes from the
 * element; [bytes] length L, then L bytes padded to a word.
 */
export function decodeAggregate3Result(data: Hex): Aggregate3Result[] {
  const bytes = (data.length - 2) / 2
  if (!Number.isInteger(bytes)) throw malformed('odd hex length')
  /** The word at byte `at` as a number (offsets, lengths, the success flag), bounds-checked. */
  const word = (at: number, what: string) => {
    if (at < 0 || at + 32 > bytes) throw malformed(`${what} at byte ${at} is past the end (${bytes} bytes)`)
    const hex = data.slice(2 + at * 2, 2 + at * 2 + 64)
    // Offsets and lengths of a response that fits in memory have their top bytes zero.
    if (!/^0{48}/.test(hex)) throw malformed(`${what} at byte ${at} is too large`)
    return Number.parseInt(hex.slice(48), 16)
  }
  const array = word(0, 'array offset')
  const n = word(array, 'array length')
  const base = array + 32
  if (base + n * 32 > bytes) throw malformed(`${n} elements do not fit`)
  const results: Aggregate3Result[] = new Array(n)
  for (let i = 0; i < n; i++) {
    const element = base + word(base + i * 32, `offset of element ${i}`)
    const success = word(element, `success of element ${i}`)
    if (success > 1) throw malformed(`success of element ${i} is not a bool`)
    const at = element + word(element + 32, `bytes offset of element ${i}`)
    const length = word(at, `bytes length of element ${i}`)
    if (at + 32 + length > bytes) throw malformed(`returnData of element ${i} runs past the end`)
    const start = 2 + (at + 32) * 2
    results[i] = { success: success === 1, returnData: `0x${data.slice(start, start + length * 2)}` }
  }
  return results
}

const malformed = (why: string) => new Error(`malformed aggregate3 result: ${why}`)

import fc from 'fast-check'
import { bytesToHex, decodeFunctionResult, encodeAbiParameters, type Hex } from 'viem'
import { describe, expect, test } from 'vitest'
import { multicall3Abi } from './abi/multicall3'
import { decodeAggregate3Result } from './aggregate3'

const outputs = multicall3Abi.find((f) => f.type === 'function' && f.name === 'aggregate3')?.outputs
if (!outputs) throw new Error('no aggregate3 in the Multicall3 ABI')
const encode = (results: { success: boolean; returnData: Hex }[]) => encodeAbiParameters(outputs, [results])
const viemDecode = (data: Hex) => decodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', data })

const result = fc.record({
  success: fc.boolean(),
  returnData: fc.uint8Array({ maxLength: 300 }).map((b) => bytesToHex(b)),
})

describe('decodeAggregate3Result', () => {
  test('decodes what viem decodes, for any results (empty, odd-length and multi-word return data)', () => {
    fc.assert(
      fc.property(fc.array(result, { maxLength: 40 }), (results) => {
        const data = encode(results)
        expect(decodeAggregate3Result(data)).toEqual(viemDecode(data))
        expect(decodeAggregate3Result(data)).toEqual(results)
      }),
    )
  })

  test('malformed responses throw instead of decoding garbage', () => {
    const data = encode([{ success: true, returnData: '0x1234' }])
    // Cut short anywhere before the last byte of the return data (the word padding after it is not
    // needed): never a result that was not in the data.
    const contentEnd = data.length - 2 * 30 // 0x1234 is padded with 30 zero bytes
    for (let cut = 2; cut < contentEnd; cut += 2)
      expect(() => decodeAggregate3Result(data.slice(0, cut) as Hex), `cut at ${cut}`).toThrow()
    expect(() => decodeAggregate3Result(`${data}0` as Hex)).toThrow('odd hex length')
    // A huge length word.
    const huge = `0x${'f'.repeat(64)}${data.slice(66)}` as Hex
    expect(() => decodeAggregate3Result(huge)).toThrow('too large')
    // A success word that is not a bool.
    const words = data.slice(2).match(/.{64}/g) as string[]
    const successWord = 3 // [array offset][length][element offset][success]…
    words[successWord] = `${'0'.repeat(63)}2`
    expect(() => decodeAggregate3Result(`0x${words.join('')}`)).toThrow('not a bool')
  })
})

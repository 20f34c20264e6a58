import { encodeFunctionResult, type Hex } from 'viem'
import { describe, expect, test } from 'vitest'
import { uniswapV3PoolAbi } from './abi/uniswapV3Pool'
import { decodeUniswapPool, type UniswapPoolLayout, uniswapPoolCalls, wordWindow } from './readUniswapPool'

const abi = uniswapV3PoolAbi
const layout: UniswapPoolLayout = {
  address: '0x00000000000000000000000000000000000000c1',
  token0: '0x00000000000000000000000000000000000000a1',
  token1: '0x00000000000000000000000000000000000000a2',
  fee: 3000,
  tickSpacing: 60,
  words: wordWindow(-195_000, 60, 2),
  ticks: [-197_460],
}

/** Return data for uniswapPoolCalls(layout) with the price at `tick` and bits set for `initialized`. */
function returnData(tick: number, initialized: number[], l = layout): Hex[] {
  const out: Hex[] = [
    encodeFunctionResult({ abi, functionName: 'slot0', result: [4n << 80n, tick, 0, 1, 1, 0, true] }),
    encodeFunctionResult({ abi, functionName: 'liquidity', result: 10n ** 18n }),
  ]
  for (let w = l.words.lower; w <= l.words.upper; w++) {
    let bitmap = 0n
    for (const t of initialized) {
      const c = t / l.tickSpacing
      if (Math.floor(c / 256) === w) bitmap |= 1n << BigInt(((c % 256) + 256) % 256)
    }
    out.push(encodeFunctionResult({ abi, functionName: 'tickBitmap', result: bitmap }))
  }
  for (const _ of l.ticks)
    out.push(encodeFunctionResult({ abi, functionName: 'ticks', result: [1n, -5n, 0n, 0n, 0n, 0n, 0, true] }))
  return out
}

describe('decodeUniswapPool', () => {
  test('the window is ±2 bitmap words around the price; calls read slot0, liquidity, each word and each known tick', () => {
    // tick −195,000 / 60 = −3,250 → word −13.
    expect(layout.words).toEqual({ lower: -15, upper: -11 })
    expect(uniswapPoolCalls(layout).length).toBe(2 + 5 + 1)
  })

  test('decodes a pool whose bitmap agrees with the layout', () => {
    const decoded = decodeUniswapPool(layout, returnData(-195_000, [-197_460]))
    expect(decoded).toEqual({
      pool: expect.objectContaining({
        tick: -195_000,
        liquidity: 10n ** 18n,
        ticks: [{ index: -197_460, liquidityNet: -5n }],
      }),
    })
  })

  test('a newly initialized tick, or a price near the window edge, makes the layout stale', () => {
    const newTick = decodeUniswapPool(layout, returnData(-195_000, [-197_460, -190_020]))
    expect(newTick).toEqual({ stale: { ...layout, ticks: [-197_460, -190_020] } })
    // Word −15 is the lower edge: the window moves to centre on it.
    const moved = decodeUniswapPool(layout, returnData(-226_000, [-197_460]))
    expect(moved).toEqual({ stale: { ...layout, words: wordWindow(-226_000, 60, 2), ticks: [] } })
  })
})

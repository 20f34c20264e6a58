import { type Address, type Client, decodeFunctionResult, encodeFunctionData, type Hex } from 'viem'
import { call } from 'viem/actions'
import type { UniswapPoolSnapshot } from '../engine/snapshot'
import { MAX_TICK, MIN_TICK } from '../engine/uniswap/tickMath'
import { multicall3Abi } from './abi/multicall3'
import { uniswapV3PoolAbi } from './abi/uniswapV3Pool'
import type { Aggregate3Call } from './portfolioCalls'

/**
 * A Uniswap V3 pool's state for exact swap simulation (engine/uniswap/quoteExactInput): price,
 * tick, active liquidity and every initialized tick (with liquidityNet) in a window of bitmap
 * words around the price. A word covers 256 × tickSpacing ticks (×4.6 in price at spacing 60),
 * so ±2 words cover any swap the proposals allow (≤ 3 % price impact).
 *
 * Like the portfolio read, the per-block part is one set of Multicall3 calls (slot0, liquidity,
 * the window's bitmap words and liquidityNet of the ticks known to be initialized) that can be
 * appended to the block's aggregate3: `uniswapPoolCalls(layout)` and `decodeUniswapPool`. The
 * layout (tokens, fee, spacing, window, initialized ticks) changes only when liquidity is added
 * at a new tick or the price leaves the window; the decode notices it in the same call and
 * answers `{ stale }`, and the next call uses the new layout.
 */
export type UniswapPoolLayout = {
  address: Address
  token0: Address
  token1: Address
  fee: number
  tickSpacing: number
  /** Bitmap words read (inclusive). */
  words: { lower: number; upper: number }
  /** Initialized ticks in those words as of the last read, ascending. */
  ticks: readonly number[]
}

const wordOf = (tick: number, spacing: number) => Math.floor(Math.floor(tick / spacing) / 256)

/** The window of ±radius words around `tick`, clamped to the ticks a pool can have. */
export function wordWindow(tick: number, spacing: number, radius: number) {
  const w = wordOf(tick, spacing)
  return {
    lower: Math.max(w - radius, wordOf(MIN_TICK, spacing)),
    upper: Math.min(w + radius, wordOf(MAX_TICK, spacing)),
  }
}

const aggregateCall = (target: Address, callData: Hex): Aggregate3Call => ({ target, allowFailure: false, callData })

/** The per-block calls: slot0, liquidity, tickBitmap per word of the window, ticks(t) per known tick. */
export function uniswapPoolCalls(layout: UniswapPoolLayout): Aggregate3Call[] {
  const a = layout.address
  const calls = [
    aggregateCall(a, encodeFunctionData({ abi: uniswapV3PoolAbi, functionName: 'slot0' })),
    aggregateCall(a, encodeFunctionData({ abi: uniswapV3PoolAbi, functionName: 'liquidity' })),
  ]
  for (let w = layout.words.lower; w <= layout.words.upper; w++)
    calls.push(aggregateCall(a, encodeFunctionData({ abi: uniswapV3PoolAbi, functionName: 'tickBitmap', args: [w] })))
  for (const t of layout.ticks)
    calls.push(aggregateCall(a, encodeFunctionData({ abi: uniswapV3PoolAbi, functionName: 'ticks', args: [t] })))
  return calls
}

export type DecodedUniswapPool = { pool: UniswapPoolSnapshot } | { stale: UniswapPoolLayout }

/**
 * Decodes the results of uniswapPoolCalls. Stale when the bitmap shows other initialized ticks
 * than the layout's (liquidityNet must be read for them) or the price came within one word of the
 * window's edge (the window moves to centre on it).
 */
export function decodeUniswapPool(
  layout: UniswapPoolLayout,
  returnData: readonly Hex[],
  wordRadius = 2,
): DecodedUniswapPool {
  const [slot0Data, liquidityData, ...rest] = returnData
  const [sqrtPriceX96, tick] = decodeFunctionResult({
    abi: uniswapV3PoolAbi,
    functionName: 'slot0',
    data: slot0Data as Hex,
  })
  const liquidity = decodeFunctionResult({
    abi: uniswapV3PoolAbi,
    functionName: 'liquidity',
    data: liquidityData as Hex,
  })
  const nWords = layout.words.upper - layout.words.lower + 1
  const initialized: number[] = []
  for (let i = 0; i < nWords; i++) {
    const bitmap = decodeFunctionResult({ abi: uniswapV3PoolAbi, functionName: 'tickBitmap', data: rest[i] as Hex })
    for (let bit = 0; bit < 256; bit++)
      if ((bitmap >> BigInt(bit)) & 1n) initialized.push(((layout.words.lower + i) * 256 + bit) * layout.tickSpacing)
  }
  const w = wordOf(tick, layout.tickSpacing)
  const nearEdge = w - 1 < layout.words.lower || w + 1 > layout.words.upper
  const sameTicks = initialized.length === layout.ticks.length && initialized.every((t, i) => t === layout.ticks[i])
  if (nearEdge) return { stale: { ...layout, words: wordWindow(tick, layout.tickSpacing, wordRadius), ticks: [] } }
  if (!sameTicks) return { stale: { ...layout, ticks: initialized } }
  const ticks = layout.ticks.map((index, i) => {
    const [, liquidityNet] = decodeFunctionResult({
      abi: uniswapV3PoolAbi,
      functionName: 'ticks',
      data: rest[nWords + i] as Hex,
    })
    return { index, liquidityNet }
  })
  return {
    pool: {
      address: layout.address,
      token0: layout.token0,
      token1: layout.token1,
      fee: layout.fee,
      tickSpacing: layout.tickSpacing,
      sqrtPriceX96,
      tick,
      liquidity,
      ticks,
    },
  }
}

async function aggregate3(client: Client, multicall3: Address, calls: Aggregate3Call[], blockNumber: bigint) {
  const { data } = await call(client, {
    to: multicall3,
    data: encodeFunctionData({ abi: multicall3Abi, functionName: 'aggregate3', args: [calls] }),
    blockNumber,
  })
  if (!data) throw new Error(`Multicall3 at ${multicall3} returned no data at block ${blockNumber}`)
  return decodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', data }).map((r) => r.returnData)
}

/** Tokens, fee and spacing (fixed for a pool's life) and the window around the current price. */
async function readLayout(
  client: Client,
  { address, multicall3, blockNumber, wordRadius }: ReadUniswapPoolParams & { wordRadius: number },
): Promise<UniswapPoolLayout> {
  const data = await aggregate3(
    client,
    multicall3,
    (['token0', 'token1', 'fee', 'tickSpacing', 'slot0'] as const).map((functionName) =>
      aggregateCall(address, encodeFunctionData({ abi: uniswapV3PoolAbi, functionName })),
    ),
    blockNumber,
  )
  const abi = uniswapV3PoolAbi
  const tickSpacing = decodeFunctionResult({ abi, functionName: 'tickSpacing', data: data[3] as Hex })
  const [, tick] = decodeFunctionResult({ abi, functionName: 'slot0', data: data[4] as Hex })
  return {
    address,
    token0: decodeFunctionResult({ abi, functionName: 'token0', data: data[0] as Hex }),
    token1: decodeFunctionResult({ abi, functionName: 'token1', data: data[1] as Hex }),
    fee: decodeFunctionResult({ abi, functionName: 'fee', data: data[2] as Hex }),
    tickSpacing,
    words: wordWindow(tick, tickSpacing, wordRadius),
    ticks: [],
  }
}

export type ReadUniswapPoolParams = {
  address: Address
  multicall3: Address
  blockNumber: bigint
  /** Words each side of the price's (default 2). */
  wordRadius?: number
  /** The layout of the previous read (steady state: one aggregate3). */
  layout?: UniswapPoolLayout
}

/**
 * Reads a pool at `blockNumber`. With the previous read's layout: one aggregate3 unless liquidity
 * was added at a new tick or the price moved a word; from nothing: three (layout, bitmap,
 * liquidityNet). Returns the layout to pass next time.
 */
export async function readUniswapPool(
  client: Client,
  params: ReadUniswapPoolParams,
): Promise<{ pool: UniswapPoolSnapshot; layout: UniswapPoolLayout }> {
  const wordRadius = params.wordRadius ?? 2
  let layout = params.layout ?? (await readLayout(client, { ...params, wordRadius }))
  for (let attempt = 0; attempt < 4; attempt++) {
    const decoded = decodeUniswapPool(
      layout,
      await aggregate3(client, params.multicall3, uniswapPoolCalls(layout), params.blockNumber),
      wordRadius,
    )
    if ('pool' in decoded) return { pool: decoded.pool, layout }
    layout = decoded.stale
  }
  throw new Error(`the tick layout of pool ${params.address} did not settle at block ${params.blockNumber}`)
}

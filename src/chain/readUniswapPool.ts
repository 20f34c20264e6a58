import { type Address, type Client, decodeFunctionResult, encodeFunctionData, type Hex } from 'viem'
import type { UniswapPoolSnapshot } from '../engine/snapshot'
import { MAX_TICK, MIN_TICK } from '../engine/uniswap/tickMath'
import { uniswapV3PoolAbi } from './abi/uniswapV3Pool'
import { callAggregate3 } from './aggregate3'
import type { Aggregate3Call, Aggregate3Result } from './portfolioCalls'

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

/** How many results uniswapPoolCalls(layout) produces (to slice them out of a larger aggregate3). */
export function uniswapPoolCallCount(layout: UniswapPoolLayout): number {
  return 2 + (layout.words.upper - layout.words.lower + 1) + layout.ticks.length
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

/**
 * decodeUniswapPool on aggregate3 results that may have failed (the calls folded into a larger
 * aggregate3 allow failure, so one pool cannot sink the block's read): a failed call throws by name.
 */
export function decodeUniswapPoolResults(
  layout: UniswapPoolLayout,
  results: readonly Aggregate3Result[],
  wordRadius = 2,
): DecodedUniswapPool {
  if (results.length !== uniswapPoolCallCount(layout))
    throw new Error(`aggregate3 returned ${results.length} results for pool calls of a different size`)
  return decodeUniswapPool(layout, successful(layout.address, results), wordRadius)
}

function successful(address: Address, results: readonly Aggregate3Result[]): Hex[] {
  return results.map((r) => {
    if (!r.success || r.returnData === '0x')
      throw new Error(`UniswapV3Pool ${address} did not answer (is it a Uniswap V3 pool on this chain?)`)
    return r.returnData
  })
}

const LAYOUT_FUNCTIONS = ['token0', 'token1', 'fee', 'tickSpacing', 'slot0'] as const

/** The layout read of a pool: tokens, fee and spacing (fixed for a pool's life) and slot0 for the window. */
export function uniswapPoolLayoutCalls(address: Address): Aggregate3Call[] {
  return LAYOUT_FUNCTIONS.map((functionName) => ({
    target: address,
    allowFailure: true,
    callData: encodeFunctionData({ abi: uniswapV3PoolAbi, functionName }),
  }))
}

/** Decodes uniswapPoolLayoutCalls' results: the window of ±wordRadius words around the price, no ticks known yet. */
export function decodeUniswapPoolLayout(
  address: Address,
  results: readonly Aggregate3Result[],
  wordRadius = 2,
): UniswapPoolLayout {
  const data = successful(address, results)
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

/** The layouts of several pools in one aggregate3 (none: no call). */
export async function readUniswapPoolLayouts(
  client: Client,
  {
    addresses,
    multicall3,
    blockNumber,
    wordRadius = 2,
  }: { addresses: readonly Address[]; multicall3: Address; blockNumber: bigint; wordRadius?: number },
): Promise<UniswapPoolLayout[]> {
  if (addresses.length === 0) return []
  const results = await callAggregate3(client, multicall3, addresses.flatMap(uniswapPoolLayoutCalls), blockNumber)
  const n = LAYOUT_FUNCTIONS.length
  return addresses.map((address, i) => decodeUniswapPoolLayout(address, results.slice(i * n, (i + 1) * n), wordRadius))
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
  let layout =
    params.layout ??
    ((
      await readUniswapPoolLayouts(client, {
        addresses: [params.address],
        multicall3: params.multicall3,
        blockNumber: params.blockNumber,
        wordRadius,
      })
    )[0] as UniswapPoolLayout)
  for (let attempt = 0; attempt < 4; attempt++) {
    const results = await callAggregate3(client, params.multicall3, uniswapPoolCalls(layout), params.blockNumber)
    const decoded = decodeUniswapPool(
      layout,
      results.map((r) => r.returnData),
      wordRadius,
    )
    if ('pool' in decoded) return { pool: decoded.pool, layout }
    layout = decoded.stale
  }
  throw new Error(`the tick layout of pool ${params.address} did not settle at block ${params.blockNumber}`)
}

import {
  type Address,
  type Client,
  decodeFunctionResult,
  encodeAbiParameters,
  encodeFunctionData,
  getContractAddress,
  type Hex,
  keccak256,
} from 'viem'
import type { UniswapLpPositionSnapshot } from '../engine/snapshot'
import { nonfungiblePositionManagerAbi as npmAbi } from './abi/nonfungiblePositionManager'
import { uniswapV3PoolAbi as poolAbi } from './abi/uniswapV3Pool'
import { callAggregate3 } from './aggregate3'
import { MULTICALL3_ADDRESS } from './marketFromPoolAddressesProvider'
import type { Aggregate3Call, Aggregate3Result } from './portfolioCalls'

/**
 * The Uniswap V3 positions (NonfungiblePositionManager NFTs) an account owns, with the pool state
 * their exact amounts and fees need (engine/uniswap/lpPosition.ts).
 *
 * Like the portfolio read, the per-block part is one set of Multicall3 calls that can be appended
 * to the block's aggregate3: `lpPositionCalls(layout)` and `decodeLpPositions`. What must be known
 * before they can be built is the layout: the owner's token ids and, per id, its pool and ticks
 * (fixed for an NFT's life). The calls re-read balanceOf and tokenOfOwnerByIndex every block, so a
 * mint, burn or transfer is noticed in the same call (decode answers `{ stale }` and the reader
 * re-reads the layout).
 *
 * Pool addresses are computed, not read: CREATE2 from the factory with the pool's init code hash,
 * exactly as the position manager itself finds them (PoolAddress.computeAddress), so the address is
 * right whenever the manager works at all, and costs no call. A fork of Uniswap with other pool
 * bytecode passes its own `poolInitCodeHash`.
 */

/** v3-periphery PoolAddress.POOL_INIT_CODE_HASH: keccak256 of UniswapV3Pool's creation code. */
export const UNISWAP_V3_POOL_INIT_CODE_HASH: Hex = '0xe34f199b19b2b4f47f68442619d555527d244f78a3297ea89325f843f87b8b54'

/** PoolAddress.computeAddress: CREATE2(factory, keccak256(abi.encode(token0, token1, fee)), init code hash). */
export function uniswapV3PoolAddress({
  factory,
  token0,
  token1,
  fee,
  poolInitCodeHash = UNISWAP_V3_POOL_INIT_CODE_HASH,
}: {
  factory: Address
  token0: Address
  token1: Address
  fee: number
  poolInitCodeHash?: Hex
}): Address {
  const salt = keccak256(
    encodeAbiParameters([{ type: 'address' }, { type: 'address' }, { type: 'uint24' }], [token0, token1, fee]),
  )
  return getContractAddress({ opcode: 'CREATE2', from: factory, salt, bytecodeHash: poolInitCodeHash })
}

/** What an NFT's id fixes for its whole life. */
export type LpPositionKey = {
  tokenId: bigint
  pool: Address
  token0: Address
  token1: Address
  fee: number
  tickLower: number
  tickUpper: number
}

export type LpPositionLayout = {
  positionManager: Address
  owner: Address
  /** In tokenOfOwnerByIndex order as of the last read. */
  positions: readonly LpPositionKey[]
}

const aggregateCall = (target: Address, callData: Hex): Aggregate3Call => ({ target, allowFailure: true, callData })

/** Pools and (pool, tick) pairs in order of first appearance: each is read once however many positions share it. */
function poolsAndTicks(positions: readonly LpPositionKey[]) {
  const pools = [...new Set(positions.map((p) => p.pool))]
  const ticks = [
    ...new Map(
      positions.flatMap((p) =>
        [p.tickLower, p.tickUpper].map((t) => [`${p.pool}:${t}`, { pool: p.pool, tick: t }] as const),
      ),
    ).values(),
  ]
  return { pools, ticks }
}

/**
 * The per-block calls: balanceOf(owner); per known position tokenOfOwnerByIndex(owner, i) and
 * positions(id); per pool slot0 and feeGrowthGlobal0X128/1X128; per (pool, tick) ticks(tick).
 * Every call may fail (allowFailure) so a broken position never sinks the block's multicall.
 */
export function lpPositionCalls(layout: LpPositionLayout): Aggregate3Call[] {
  const { positionManager: npm, owner, positions } = layout
  const { pools, ticks } = poolsAndTicks(positions)
  return [
    aggregateCall(npm, encodeFunctionData({ abi: npmAbi, functionName: 'balanceOf', args: [owner] })),
    ...positions.map((_, i) =>
      aggregateCall(
        npm,
        encodeFunctionData({ abi: npmAbi, functionName: 'tokenOfOwnerByIndex', args: [owner, BigInt(i)] }),
      ),
    ),
    ...positions.map((p) =>
      aggregateCall(npm, encodeFunctionData({ abi: npmAbi, functionName: 'positions', args: [p.tokenId] })),
    ),
    ...pools.flatMap((pool) =>
      (['slot0', 'feeGrowthGlobal0X128', 'feeGrowthGlobal1X128'] as const).map((functionName) =>
        aggregateCall(pool, encodeFunctionData({ abi: poolAbi, functionName })),
      ),
    ),
    ...ticks.map(({ pool, tick }) =>
      aggregateCall(pool, encodeFunctionData({ abi: poolAbi, functionName: 'ticks', args: [tick] })),
    ),
  ]
}

/** How many results lpPositionCalls(layout) produces (to slice them out of a larger aggregate3). */
export function lpPositionCallCount(layout: LpPositionLayout): number {
  const { pools, ticks } = poolsAndTicks(layout.positions)
  return 1 + 2 * layout.positions.length + 3 * pools.length + ticks.length
}

export type DecodedLpPositions =
  | { positions: UniswapLpPositionSnapshot[] }
  /** The owner's tokens changed (count or ids): re-read the layout. `balance` is the owner's NFT count now. */
  | { stale: { balance: bigint } }

/**
 * Decodes the results of lpPositionCalls. Stale when balanceOf disagrees with the layout's count or
 * an index holds another id (a mint, burn or transfer since the layout was read). Positions with no
 * liquidity and no fees are kept: the consumer decides whether to show them.
 */
export function decodeLpPositions(layout: LpPositionLayout, results: readonly Aggregate3Result[]): DecodedLpPositions {
  if (results.length !== lpPositionCallCount(layout))
    throw new Error(`aggregate3 returned ${results.length} results for LP calls of a different size`)
  const { positions } = layout
  const n = positions.length
  const required = (i: number, what: string): Hex => {
    const r = results[i]
    if (!r?.success) throw new Error(`${what} reverted (is ${layout.positionManager} a Uniswap V3 position manager?)`)
    return r.returnData
  }
  const balance = decodeFunctionResult({
    abi: npmAbi,
    functionName: 'balanceOf',
    data: required(0, `NonfungiblePositionManager.balanceOf(${layout.owner})`),
  })
  if (balance !== BigInt(n)) return { stale: { balance } }
  for (let i = 0; i < n; i++) {
    const r = results[1 + i]
    if (
      !r?.success ||
      decodeFunctionResult({ abi: npmAbi, functionName: 'tokenOfOwnerByIndex', data: r.returnData }) !==
        positions[i]?.tokenId
    )
      return { stale: { balance } }
  }
  const { pools, ticks } = poolsAndTicks(positions)
  const poolBase = 1 + 2 * n
  const tickBase = poolBase + 3 * pools.length
  const poolState = new Map(
    pools.map((pool, j) => {
      const at = (k: number, what: string) => required(poolBase + 3 * j + k, `UniswapV3Pool(${pool}).${what}`)
      const [sqrtPriceX96, tick] = decodeFunctionResult({ abi: poolAbi, functionName: 'slot0', data: at(0, 'slot0') })
      const global = (k: 1 | 2) =>
        decodeFunctionResult({
          abi: poolAbi,
          functionName: k === 1 ? 'feeGrowthGlobal0X128' : 'feeGrowthGlobal1X128',
          data: at(k, `feeGrowthGlobal${k - 1}X128`),
        })
      return [pool, { sqrtPriceX96, tick, feeGrowthGlobal0X128: global(1), feeGrowthGlobal1X128: global(2) }] as const
    }),
  )
  const tickState = new Map(
    ticks.map(({ pool, tick }, j) => {
      const [, , feeGrowthOutside0X128, feeGrowthOutside1X128] = decodeFunctionResult({
        abi: poolAbi,
        functionName: 'ticks',
        data: required(tickBase + j, `UniswapV3Pool(${pool}).ticks(${tick})`),
      })
      return [`${pool}:${tick}`, { feeGrowthOutside0X128, feeGrowthOutside1X128 }] as const
    }),
  )
  return {
    positions: positions.map((key, i) => {
      const [, , , , , , , liquidity, feeGrowthInside0LastX128, feeGrowthInside1LastX128, tokensOwed0, tokensOwed1] =
        decodeFunctionResult({
          abi: npmAbi,
          functionName: 'positions',
          data: required(1 + n + i, `NonfungiblePositionManager.positions(${key.tokenId})`),
        })
      const pool = poolState.get(key.pool)
      const lower = tickState.get(`${key.pool}:${key.tickLower}`)
      const upper = tickState.get(`${key.pool}:${key.tickUpper}`)
      if (!pool || !lower || !upper) throw new Error(`no pool state decoded for position ${key.tokenId}`)
      return {
        ...key,
        positionManager: layout.positionManager,
        liquidity,
        feeGrowthInside0LastX128,
        feeGrowthInside1LastX128,
        tokensOwed0,
        tokensOwed1,
        ...pool,
        lower,
        upper,
      }
    }),
  }
}

export type ReadLpPositionsParams = {
  positionManager: Address
  owner: Address
  /** The manager's factory; read from `positionManager.factory()` in the layout read when absent. */
  factory?: Address
  blockNumber?: bigint
  multicall3?: Address
  poolInitCodeHash?: Hex
}

/** Ids read speculatively with balanceOf, so an owner with a few positions needs one call less. */
const ID_GUESS = 8

/**
 * Reads the layout: balanceOf (with the first ids and the factory, speculatively, in the same
 * call), the remaining ids, then positions(id) for each id's tokens, fee and ticks. Two or three
 * eth_calls; none for an owner without positions beyond the first.
 */
export async function readLpPositionLayout(client: Client, params: ReadLpPositionsParams): Promise<LpPositionLayout> {
  const { positionManager: npm, owner, blockNumber } = params
  const multicall3 = params.multicall3 ?? MULTICALL3_ADDRESS
  const idCall = (i: number) =>
    aggregateCall(
      npm,
      encodeFunctionData({ abi: npmAbi, functionName: 'tokenOfOwnerByIndex', args: [owner, BigInt(i)] }),
    )
  const first = await callAggregate3(
    client,
    multicall3,
    [
      aggregateCall(npm, encodeFunctionData({ abi: npmAbi, functionName: 'balanceOf', args: [owner] })),
      aggregateCall(npm, encodeFunctionData({ abi: npmAbi, functionName: 'factory' })),
      ...Array.from({ length: ID_GUESS }, (_, i) => idCall(i)),
    ],
    blockNumber,
  )
  const [balanceResult, factoryResult] = first
  if (!balanceResult?.success)
    throw new Error(`NonfungiblePositionManager.balanceOf reverted: is ${npm} a Uniswap V3 position manager?`)
  const n = Number(decodeFunctionResult({ abi: npmAbi, functionName: 'balanceOf', data: balanceResult.returnData }))
  const factory =
    params.factory ??
    (factoryResult?.success
      ? decodeFunctionResult({ abi: npmAbi, functionName: 'factory', data: factoryResult.returnData })
      : undefined)
  if (!factory) throw new Error(`NonfungiblePositionManager.factory() reverted on ${npm}`)
  const rest =
    n > ID_GUESS
      ? await callAggregate3(
          client,
          multicall3,
          Array.from({ length: n - ID_GUESS }, (_, i) => idCall(ID_GUESS + i)),
          blockNumber,
        )
      : []
  const idResults = [...first.slice(2, 2 + Math.min(n, ID_GUESS)), ...rest]
  const tokenIds = idResults.map((r, i) => {
    if (!r.success) throw new Error(`NonfungiblePositionManager.tokenOfOwnerByIndex(${owner}, ${i}) reverted`)
    return decodeFunctionResult({ abi: npmAbi, functionName: 'tokenOfOwnerByIndex', data: r.returnData })
  })
  const positionResults = await callAggregate3(
    client,
    multicall3,
    tokenIds.map((id) =>
      aggregateCall(npm, encodeFunctionData({ abi: npmAbi, functionName: 'positions', args: [id] })),
    ),
    blockNumber,
  )
  return {
    positionManager: npm,
    owner,
    positions: tokenIds.map((tokenId, i) => {
      const r = positionResults[i]
      if (!r?.success) throw new Error(`NonfungiblePositionManager.positions(${tokenId}) reverted`)
      const [, , token0, token1, fee, tickLower, tickUpper] = decodeFunctionResult({
        abi: npmAbi,
        functionName: 'positions',
        data: r.returnData,
      })
      const pool = uniswapV3PoolAddress({ factory, token0, token1, fee, poolInitCodeHash: params.poolInitCodeHash })
      return { tokenId, pool, token0, token1, fee, tickLower, tickUpper }
    }),
  }
}

/**
 * Layouts per client and (position manager, owner): kept per client so a restarted devnet (a new
 * client) never reuses an old one; checked against the chain on every read.
 */
const layouts = new WeakMap<Client, Map<string, LpPositionLayout>>()

/** Forgets the cached layouts of a client (tests). */
export function clearLpPositionLayouts(client: Client) {
  layouts.delete(client)
}

/**
 * Reads every Uniswap V3 position `owner` holds in `positionManager` at `blockNumber`, with the
 * pool state (price, tick, global and boundary-tick fee growth) lpPosition.ts needs. Steady state
 * is one eth_call (one aggregate3); the first read of an owner, and any change of the owner's
 * tokens, adds the layout read (two or three calls).
 */
export async function readLpPositions(
  client: Client,
  params: ReadLpPositionsParams,
): Promise<UniswapLpPositionSnapshot[]> {
  const multicall3 = params.multicall3 ?? MULTICALL3_ADDRESS
  const byKey = layouts.get(client) ?? new Map<string, LpPositionLayout>()
  layouts.set(client, byKey)
  const key = `${params.positionManager}:${params.owner}`.toLowerCase()
  let layout = byKey.get(key) ?? (await readLpPositionLayout(client, params))
  // A second stale answer in a row would mean the owner's tokens change under a fixed block: give up.
  for (let attempt = 0; attempt < 3; attempt++) {
    const decoded = decodeLpPositions(
      layout,
      await callAggregate3(client, multicall3, lpPositionCalls(layout), params.blockNumber),
    )
    if ('positions' in decoded) {
      byKey.set(key, layout)
      return decoded.positions
    }
    layout = await readLpPositionLayout(client, params)
  }
  throw new Error(`the positions of ${params.owner} did not settle at block ${params.blockNumber ?? 'latest'}`)
}

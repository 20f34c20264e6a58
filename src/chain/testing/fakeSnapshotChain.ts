import {
  type Address,
  type Client,
  createClient,
  custom,
  decodeFunctionData,
  decodeFunctionResult,
  encodeFunctionResult,
  getAddress,
  type Hex,
  isAddressEqual,
  parseAbi,
} from 'viem'
import type { PriceRound } from '../../engine/snapshot'
import { multicall3Abi } from '../abi/multicall3'
import { nonfungiblePositionManagerAbi as npmAbi } from '../abi/nonfungiblePositionManager'
import { uniswapV3PoolAbi as poolAbi } from '../abi/uniswapV3Pool'
import type { Aggregate3Call, Aggregate3Result } from '../portfolioCalls'
import { uniswapV3PoolAddress } from '../readLpPositions'
import { answerAggregate3, type FakeMarketState } from './fakeAaveMarket'

/**
 * A chain holding a small Aave market (fakeAaveMarket), one Uniswap V3 pool, a position manager
 * with the user's positions in that pool, and a Chainlink-style feed per reserve, answering
 * Multicall3.aggregate3 call by call the way the chain would (reverting calls fail, they do not
 * sink the batch). Every part of the state is mutable so a test can move it between blocks.
 */

export const USER: Address = '0x1111111111111111111111111111111111111111'
export const WETH: Address = getAddress('0x00000000000000000000000000000000000000e1')
export const USDC: Address = getAddress('0x00000000000000000000000000000000000000e2')
export const NPM: Address = getAddress('0x00000000000000000000000000000000000000f1')
export const FACTORY: Address = getAddress('0x00000000000000000000000000000000000000f2')
/** The reserves' price sources as the fake data provider names them (0x…0400 + reserve id). */
export const feedOf = (id: number) => getAddress(`0x${(id + 0x400).toString(16).padStart(40, '0')}`)
export const PHASE = 1n << 64n

export type FakePool = {
  address: Address
  token0: Address
  token1: Address
  fee: number
  tickSpacing: number
  tick: number
  /** Initialized ticks (multiples of tickSpacing). */
  initialized: number[]
}

export type FakePosition = { tokenId: bigint; tickLower: number; tickUpper: number; liquidity: bigint }

export type FakeChain = {
  market: FakeMarketState
  pool: FakePool
  /** The user's positions in `pool`, in tokenOfOwnerByIndex order. */
  positions: FakePosition[]
  /** Rounds per feed (by address), oldest first; ids phase 1. */
  rounds: Map<Address, PriceRound[]>
}

export function fakeChain(): FakeChain {
  const pool: FakePool = {
    address: uniswapV3PoolAddress({ factory: FACTORY, token0: WETH, token1: USDC, fee: 3000 }),
    token0: WETH,
    token1: USDC,
    fee: 3000,
    tickSpacing: 60,
    tick: -195_000,
    initialized: [-198_000, -192_000],
  }
  const market: FakeMarketState = {
    poolRevision: 3,
    uiShape: '3.0',
    chainId: 31337,
    blockTimestamp: 1_700_000_000n,
    reserves: [
      {
        asset: WETH,
        symbol: 'WETH',
        decimals: 18,
        id: 0,
        ltv: 8000n,
        liquidationThreshold: 8250n,
        liquidationBonus: 10500n,
        price: 3000_00000000n,
      },
      {
        asset: USDC,
        symbol: 'USDC',
        decimals: 6,
        id: 1,
        ltv: 7500n,
        liquidationThreshold: 7800n,
        liquidationBonus: 10450n,
        price: 1_00000000n,
      },
    ],
    eModes: [],
    user: {
      eMode: 0,
      reserves: [
        { asset: WETH, scaledATokenBalance: 10n ** 19n, usageAsCollateralEnabledOnUser: true, scaledVariableDebt: 0n },
        {
          asset: USDC,
          scaledATokenBalance: 0n,
          usageAsCollateralEnabledOnUser: false,
          scaledVariableDebt: 12_000n * 10n ** 6n,
        },
      ],
      native: 10n ** 18n,
      wallet: { [WETH]: 0n, [USDC]: 5n * 10n ** 6n },
    },
  }
  const rounds = new Map<Address, PriceRound[]>()
  const hour = 3600
  for (const [id, price] of [
    [0, 3000_00000000n],
    [1, 1_00000000n],
  ] as const)
    rounds.set(
      feedOf(id),
      Array.from({ length: 30 }, (_, i) => ({
        roundId: PHASE + BigInt(i + 1),
        answer: price + BigInt(i),
        updatedAt: 1_700_000_000 - (30 - i) * hour,
      })),
    )
  return {
    market,
    pool,
    positions: [{ tokenId: 7n, tickLower: -198_000, tickUpper: -192_000, liquidity: 10n ** 15n }],
    rounds,
  }
}

/** Pushes a round to a feed, `seconds` after its newest. */
export function pushRound(chain: FakeChain, feed: Address, answer: bigint, seconds = 60): PriceRound {
  const list = chain.rounds.get(feed) as PriceRound[]
  const last = list.at(-1) as PriceRound
  const round = { roundId: last.roundId + 1n, answer, updatedAt: last.updatedAt + seconds }
  list.push(round)
  return round
}

const feedAbi = parseAbi([
  'function latestRoundData() view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)',
  'function getRoundData(uint80 id) view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)',
])

const failed: Aggregate3Result = { success: false, returnData: '0x' }
const ok = (returnData: Hex): Aggregate3Result => ({ success: true, returnData })

function answerPool(pool: FakePool, call: Aggregate3Call): Aggregate3Result {
  const { functionName, args } = decodeFunctionData({ abi: poolAbi, data: call.callData })
  const abi = poolAbi
  switch (functionName) {
    case 'token0':
    case 'token1':
      return ok(encodeFunctionResult({ abi, functionName, result: pool[functionName] }))
    case 'fee':
      return ok(encodeFunctionResult({ abi, functionName, result: pool.fee }))
    case 'tickSpacing':
      return ok(encodeFunctionResult({ abi, functionName, result: pool.tickSpacing }))
    case 'slot0':
      return ok(encodeFunctionResult({ abi, functionName, result: [79n << 90n, pool.tick, 0, 1, 1, 0, true] }))
    case 'liquidity':
      return ok(encodeFunctionResult({ abi, functionName, result: 10n ** 18n }))
    case 'feeGrowthGlobal0X128':
    case 'feeGrowthGlobal1X128':
      return ok(encodeFunctionResult({ abi, functionName, result: functionName.includes('0') ? 100n : 200n }))
    case 'tickBitmap': {
      const word = args[0] as number
      let bitmap = 0n
      for (const t of pool.initialized) {
        const c = t / pool.tickSpacing
        if (Math.floor(c / 256) === word) bitmap |= 1n << BigInt(((c % 256) + 256) % 256)
      }
      return ok(encodeFunctionResult({ abi, functionName, result: bitmap }))
    }
    case 'ticks': {
      const t = args[0] as number
      const net = pool.initialized.includes(t) ? BigInt(t) : 0n
      return ok(encodeFunctionResult({ abi, functionName, result: [1n, net, 10n, 20n, 0n, 0n, 0, true] }))
    }
  }
}

function answerPositionManager(chain: FakeChain, call: Aggregate3Call): Aggregate3Result {
  const { functionName, args } = decodeFunctionData({ abi: npmAbi, data: call.callData })
  const { pool } = chain
  switch (functionName) {
    case 'factory':
      return ok(encodeFunctionResult({ abi: npmAbi, functionName, result: FACTORY }))
    case 'balanceOf':
      return ok(
        encodeFunctionResult({
          abi: npmAbi,
          functionName,
          result: isAddressEqual(args[0], USER) ? BigInt(chain.positions.length) : 0n,
        }),
      )
    case 'tokenOfOwnerByIndex': {
      const p = isAddressEqual(args[0], USER) ? chain.positions[Number(args[1])] : undefined
      return p ? ok(encodeFunctionResult({ abi: npmAbi, functionName, result: p.tokenId })) : failed
    }
    case 'positions': {
      const p = chain.positions.find((x) => x.tokenId === args[0])
      if (!p) return failed
      return ok(
        encodeFunctionResult({
          abi: npmAbi,
          functionName,
          result: [0n, USER, pool.token0, pool.token1, pool.fee, p.tickLower, p.tickUpper, p.liquidity, 1n, 2n, 3n, 4n],
        }),
      )
    }
    default:
      throw new Error(`the fake position manager does not answer ${functionName}`)
  }
}

function answerFeed(rounds: readonly PriceRound[], call: Aggregate3Call): Aggregate3Result {
  const { functionName, args } = decodeFunctionData({ abi: feedAbi, data: call.callData })
  const round = functionName === 'latestRoundData' ? rounds.at(-1) : rounds.find((r) => r.roundId === args?.[0])
  if (!round) return failed
  const { roundId, answer, updatedAt } = round
  return ok(
    encodeFunctionResult({
      abi: feedAbi,
      functionName,
      result: [roundId, answer, BigInt(updatedAt), BigInt(updatedAt), roundId],
    }),
  )
}

/** One call of a batch, routed by target. */
export function answerSnapshotCall(chain: FakeChain, call: Aggregate3Call): Aggregate3Result {
  if (isAddressEqual(call.target, chain.pool.address)) return answerPool(chain.pool, call)
  if (isAddressEqual(call.target, NPM)) return answerPositionManager(chain, call)
  const feed = [...chain.rounds.keys()].find((f) => isAddressEqual(f, call.target))
  if (feed) return answerFeed(chain.rounds.get(feed) as PriceRound[], call)
  const [answer] = decodeFunctionResult({
    abi: multicall3Abi,
    functionName: 'aggregate3',
    data: answerAggregate3(chain.market, [call]),
  })
  return answer as Aggregate3Result
}

/** The results of a batch, as Multicall3.aggregate3 would decode them. */
export function answerSnapshotCalls(chain: FakeChain, calls: readonly Aggregate3Call[]): Aggregate3Result[] {
  return calls.map((call) => answerSnapshotCall(chain, call))
}

/** A viem client over the fake chain that records each eth_call's number of aggregated calls. */
export function fakeSnapshotClient(chain: FakeChain): { client: Client; calls: number[]; methods: string[] } {
  const calls: number[] = []
  const methods: string[] = []
  const client = createClient({
    transport: custom({
      async request({ method, params }) {
        methods.push(method)
        if (method !== 'eth_call') throw new Error(`unexpected ${method}`)
        const [{ data }] = params as [{ to: Address; data: Hex }]
        const { args } = decodeFunctionData({ abi: multicall3Abi, data })
        const batch = (args?.[0] ?? []) as readonly Aggregate3Call[]
        calls.push(batch.length)
        return encodeFunctionResult({
          abi: multicall3Abi,
          functionName: 'aggregate3',
          result: answerSnapshotCalls(chain, batch),
        })
      },
    }),
  })
  return { client, calls, methods }
}

import { type Address, decodeFunctionData, encodeFunctionResult, type Hex } from 'viem'
import { describe, expect, test } from 'vitest'
import { nonfungiblePositionManagerAbi as npmAbi } from './abi/nonfungiblePositionManager'
import { uniswapV3PoolAbi as poolAbi } from './abi/uniswapV3Pool'
import {
  decodeLpPositions,
  type LpPositionLayout,
  lpPositionCallCount,
  lpPositionCalls,
  uniswapV3PoolAddress,
} from './readLpPositions'

const NPM: Address = '0xC36442b4a4522E871399CD717aBDD847Ab11FE88'
const OWNER: Address = '0x00000000000000000000000000000000000000aa'
const WETH: Address = '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2'
const USDC: Address = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
const POOL_A: Address = '0x0000000000000000000000000000000000000a0a'
const POOL_B: Address = '0x0000000000000000000000000000000000000b0b'

const layout: LpPositionLayout = {
  positionManager: NPM,
  owner: OWNER,
  positions: [
    { tokenId: 7n, pool: POOL_A, token0: USDC, token1: WETH, fee: 500, tickLower: -600, tickUpper: 600 },
    { tokenId: 9n, pool: POOL_A, token0: USDC, token1: WETH, fee: 500, tickLower: 600, tickUpper: 1200 },
    { tokenId: 12n, pool: POOL_B, token0: USDC, token1: WETH, fee: 3000, tickLower: -600, tickUpper: 600 },
  ],
}

/** Answers each call as a chain would, from a small in-memory state. */
function answer(
  calls: ReturnType<typeof lpPositionCalls>,
  { balance = 3n, ids = [7n, 9n, 12n] }: { balance?: bigint; ids?: bigint[] } = {},
): { success: boolean; returnData: Hex }[] {
  return calls.map(({ target, callData }) => {
    if (target === NPM) {
      const { functionName, args } = decodeFunctionData({ abi: npmAbi, data: callData })
      if (functionName === 'balanceOf')
        return { success: true, returnData: encodeFunctionResult({ abi: npmAbi, functionName, result: balance }) }
      if (functionName === 'tokenOfOwnerByIndex') {
        const id = ids[Number(args[1])]
        if (id === undefined) return { success: false, returnData: '0x' }
        return { success: true, returnData: encodeFunctionResult({ abi: npmAbi, functionName, result: id }) }
      }
      if (functionName === 'positions') {
        const id = args[0]
        const key = layout.positions.find((p) => p.tokenId === id)
        if (!key) return { success: false, returnData: '0x' }
        return {
          success: true,
          returnData: encodeFunctionResult({
            abi: npmAbi,
            functionName,
            result: [
              0n,
              OWNER,
              key.token0,
              key.token1,
              key.fee,
              key.tickLower,
              key.tickUpper,
              id * 1000n,
              1n,
              2n,
              3n,
              4n,
            ],
          }),
        }
      }
    }
    const { functionName, args } = decodeFunctionData({ abi: poolAbi, data: callData })
    const salt = target === POOL_A ? 1n : 2n
    if (functionName === 'slot0')
      return {
        success: true,
        returnData: encodeFunctionResult({
          abi: poolAbi,
          functionName,
          result: [salt << 96n, Number(salt) * 10, 0, 1, 1, 0, true],
        }),
      }
    if (functionName === 'feeGrowthGlobal0X128' || functionName === 'feeGrowthGlobal1X128')
      return {
        success: true,
        returnData: encodeFunctionResult({
          abi: poolAbi,
          functionName,
          result: salt * (functionName === 'feeGrowthGlobal0X128' ? 100n : 200n),
        }),
      }
    if (functionName === 'ticks') {
      const t = BigInt(args?.[0] as number)
      return {
        success: true,
        returnData: encodeFunctionResult({
          abi: poolAbi,
          functionName,
          result: [1n, 0n, salt * 1000n + t, salt * 2000n + t, 0n, 0n, 0, true],
        }),
      }
    }
    throw new Error(`unexpected call ${functionName}`)
  })
}

describe('LP position calls and their decoding', () => {
  test('pool state and boundary ticks are read once per pool and per (pool, tick)', () => {
    const calls = lpPositionCalls(layout)
    // balanceOf + 3 × (index, positions) + 2 pools × 3 + ticks: A −600, 600, 1200; B −600, 600.
    expect(calls).toHaveLength(1 + 6 + 6 + 5)
    expect(lpPositionCallCount(layout)).toBe(calls.length)
    expect(calls.every((c) => c.allowFailure)).toBe(true)
    expect(lpPositionCalls({ ...layout, positions: [] })).toHaveLength(1)
  })

  test('decodes each position with its own pool’s price, fee growth and boundary ticks', () => {
    const decoded = decodeLpPositions(layout, answer(lpPositionCalls(layout)))
    if (!('positions' in decoded)) throw new Error('expected positions')
    const [a, b, c] = decoded.positions
    expect(a).toEqual({
      tokenId: 7n,
      positionManager: NPM,
      pool: POOL_A,
      token0: USDC,
      token1: WETH,
      fee: 500,
      tickLower: -600,
      tickUpper: 600,
      liquidity: 7000n,
      feeGrowthInside0LastX128: 1n,
      feeGrowthInside1LastX128: 2n,
      tokensOwed0: 3n,
      tokensOwed1: 4n,
      sqrtPriceX96: 1n << 96n,
      tick: 10,
      feeGrowthGlobal0X128: 100n,
      feeGrowthGlobal1X128: 200n,
      lower: { feeGrowthOutside0X128: 1000n - 600n, feeGrowthOutside1X128: 2000n - 600n },
      upper: { feeGrowthOutside0X128: 1600n, feeGrowthOutside1X128: 2600n },
    })
    expect(b?.lower).toEqual(a?.upper)
    expect(c?.sqrtPriceX96).toBe(2n << 96n)
    expect(c?.upper).toEqual({ feeGrowthOutside0X128: 2600n, feeGrowthOutside1X128: 4600n })
  })

  test('reports a stale layout when balanceOf disagrees with the cached count or an index holds another id', () => {
    const calls = lpPositionCalls(layout)
    expect(decodeLpPositions(layout, answer(calls, { balance: 4n, ids: [7n, 9n, 12n, 15n] }))).toEqual({
      stale: { balance: 4n },
    })
    expect(decodeLpPositions(layout, answer(calls, { balance: 2n, ids: [7n, 12n] }))).toEqual({
      stale: { balance: 2n },
    })
    // Same count, one id transferred out and another in.
    expect(decodeLpPositions(layout, answer(calls, { ids: [7n, 12n, 9n] }))).toEqual({ stale: { balance: 3n } })
    expect(() => decodeLpPositions(layout, answer(calls).slice(1))).toThrow(/different size/)
  })

  test('the pool address is CREATE2 with Uniswap’s init code hash (mainnet USDC/WETH 0.05 %)', () => {
    expect(
      uniswapV3PoolAddress({
        factory: '0x1F98431c8aD98523631AE4a59f267346ea31F984',
        token0: USDC,
        token1: WETH,
        fee: 500,
      }),
    ).toBe('0x88e6A0c2dDD26FEEb64F039a2c41296FcB3f5640')
  })
})

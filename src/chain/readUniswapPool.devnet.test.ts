import { type Address, parseUnits } from 'viem'
import { readContract } from 'viem/actions'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startTestDevnet } from '../../devnet/testing.mjs'
import type { UniswapPoolSnapshot } from '../engine/snapshot'
import { quoteExactInput } from '../engine/uniswap/quoteExactInput'
import { quoterV2Abi } from './abi/quoterV2'
import { readUniswapPool } from './readUniswapPool'

// The engine's exact-input swap (tick math, bitmap-word steps, liquidityNet at initialized ticks,
// 0.3 % fee) against QuoterV2 on the devnet's pools: full-range liquidity, plus the LP account's
// concentrated WETH/USDC position (±20 %), which large swaps cross.

let devnet: Awaited<ReturnType<typeof startTestDevnet>>
beforeAll(async () => {
  devnet = await startTestDevnet()
})
afterAll(async () => {
  await devnet?.stop()
})

const asset = (symbol: string) => {
  const a = devnet.manifest.assets.find((x) => x.symbol === symbol)
  if (!a) throw new Error(`no ${symbol} on the devnet`)
  return a
}

async function readPool(symbol: string) {
  const client = devnet.clients.publicClient
  const blockNumber = await client.getBlockNumber()
  return readUniswapPool(client, {
    address: asset(symbol).uniswapPool as Address,
    multicall3: devnet.manifest.multicall3,
    blockNumber,
  })
}

async function quoterV2(pool: UniswapPoolSnapshot, tokenIn: Address, tokenOut: Address, amountIn: bigint) {
  const { result } = await devnet.clients.publicClient.simulateContract({
    address: devnet.manifest.uniswap.quoterV2,
    abi: quoterV2Abi,
    functionName: 'quoteExactInputSingle',
    args: [{ tokenIn, tokenOut, amountIn, fee: pool.fee, sqrtPriceLimitX96: 0n }],
  })
  return { amountOut: result[0], sqrtPriceX96After: result[1], initializedTicksCrossed: result[2] }
}

describe('Uniswap V3 swap math against QuoterV2 on the devnet', () => {
  test('the WETH/USDC pool reads with the LP position’s ticks, and re-reads the same from the cached layout', async () => {
    const { pool, layout } = await readPool('WETH')
    expect(pool.fee).toBe(3000)
    expect(pool.tickSpacing).toBe(60)
    // The LP's ±20 % range: two initialized ticks near the price (full range sits at ±887,220, outside the window).
    expect(pool.ticks.length).toBe(2)
    expect(pool.ticks[0]?.liquidityNet).toBe(-(pool.ticks[1]?.liquidityNet as bigint))
    const again = await readUniswapPool(devnet.clients.publicClient, {
      address: pool.address,
      multicall3: devnet.manifest.multicall3,
      blockNumber: await devnet.clients.publicClient.getBlockNumber(),
      layout,
    })
    expect(again.pool).toEqual(pool)
    const liquidity = await readContract(devnet.clients.publicClient, {
      address: pool.address,
      abi: [
        { type: 'function', name: 'liquidity', stateMutability: 'view', inputs: [], outputs: [{ type: 'uint128' }] },
      ],
      functionName: 'liquidity',
    })
    expect(pool.liquidity).toBe(liquidity)
  })

  test('exact-input quotes equal QuoterV2 to the wei, both directions, small to range-crossing sizes', async () => {
    const cases: [string, string, string[]][] = [
      ['WETH', 'USDC', ['0.000001', '1', '10', '250', '1500', '4000']],
      ['USDC', 'WETH', ['1', '3000', '100000', '2500000', '9000000']],
      ['WBTC', 'USDC', ['0.0001', '0.5', '20']],
      ['USDC', 'WBTC', ['50', '1000000']],
      ['LINK', 'USDC', ['1', '2000', '100000']],
      ['USDC', 'LINK', ['10', '500000']],
    ]
    let crossings = 0
    for (const [inSym, outSym, amounts] of cases) {
      const volatile = inSym === 'USDC' ? outSym : inSym
      const { pool } = await readPool(volatile)
      const tokenIn = asset(inSym)
      const tokenOut = asset(outSym)
      for (const amount of amounts) {
        const amountIn = parseUnits(amount, tokenIn.decimals)
        const mine = quoteExactInput(pool, tokenIn.address, tokenOut.address, amountIn)
        const theirs = await quoterV2(pool, tokenIn.address, tokenOut.address, amountIn)
        expect({ pair: `${amount} ${inSym}→${outSym}`, out: mine.amountOut, price: mine.sqrtPriceX96After }).toEqual({
          pair: `${amount} ${inSym}→${outSym}`,
          out: theirs.amountOut,
          price: theirs.sqrtPriceX96After,
        })
        crossings += mine.initializedTicksCrossed
      }
    }
    // The largest WETH/USDC swaps leave the LP's ±20 % range.
    expect(crossings).toBeGreaterThanOrEqual(2)
  })
})

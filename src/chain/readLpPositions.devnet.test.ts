import { type Address, maxUint128, maxUint256, parseAbi, parseUnits } from 'viem'
import { readContract } from 'viem/actions'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { startTestDevnet } from '../../devnet/testing.mjs'
import type { UniswapLpPositionSnapshot } from '../engine/snapshot'
import { lpFeesOwed, lpPrincipalAmounts } from '../engine/uniswap/lpPosition'
import { nonfungiblePositionManagerAbi as npmAbi } from './abi/nonfungiblePositionManager'
import { swapRouterAbi } from './abi/swapRouter'
import { clearLpPositionLayouts, readLpPositions } from './readLpPositions'

// The engine's LP amounts against the position manager itself on the devnet: the principal equals
// what decreaseLiquidity(all liquidity) returns, and the fees what collect(max, max) pays, each
// simulated as the owner at the same block. collect pokes the pool (a burn of 0) before paying
// when the position has liquidity, so its eth_call already includes every fee accrued so far.

let devnet: Awaited<ReturnType<typeof startTestDevnet>>
let snapshotId: string
beforeAll(async () => {
  devnet = await startTestDevnet()
})
afterAll(async () => {
  await devnet?.stop()
})
beforeEach(async () => {
  snapshotId = await devnet.snapshot()
  clearLpPositionLayouts(devnet.clients.publicClient)
})
afterEach(async () => {
  await devnet.revert(snapshotId)
})

const DEADLINE = 2n ** 64n
const tokenAbi = parseAbi([
  'function mint(address account, uint256 value)',
  'function approve(address spender, uint256 amount) returns (bool)',
])
const factoryAbi = parseAbi(['function getPool(address, address, uint24) view returns (address)'])

const asset = (symbol: string) => {
  const a = devnet.manifest.assets.find((x) => x.symbol === symbol)
  if (!a) throw new Error(`no ${symbol} on the devnet`)
  return a
}
const inside = (p: UniswapLpPositionSnapshot) => p.tick >= p.tickLower && p.tick < p.tickUpper
const account = (role: 'lp' | 'arbitrageur' | 'spare') => devnet.manifest.accounts[role].address

async function read(owner: Address) {
  const client = devnet.clients.publicClient
  const blockNumber = await client.getBlockNumber()
  const positions = await readLpPositions(client, {
    positionManager: devnet.manifest.uniswap.positionManager,
    factory: devnet.manifest.uniswap.factory,
    owner,
    blockNumber,
  })
  return { positions, blockNumber }
}

/** What the position manager pays the owner now: decreaseLiquidity(all) and collect(max, max), simulated. */
async function onChain(owner: Address, p: UniswapLpPositionSnapshot, blockNumber: bigint) {
  const client = devnet.clients.publicClient
  const principal =
    p.liquidity === 0n
      ? [0n, 0n]
      : (
          await client.simulateContract({
            account: owner,
            address: p.positionManager,
            abi: npmAbi,
            functionName: 'decreaseLiquidity',
            args: [{ tokenId: p.tokenId, liquidity: p.liquidity, amount0Min: 0n, amount1Min: 0n, deadline: DEADLINE }],
            blockNumber,
          })
        ).result
  const { result: fees } = await client.simulateContract({
    account: owner,
    address: p.positionManager,
    abi: npmAbi,
    functionName: 'collect',
    args: [{ tokenId: p.tokenId, recipient: owner, amount0Max: maxUint128, amount1Max: maxUint128 }],
    blockNumber,
  })
  return { principal: { amount0: principal[0], amount1: principal[1] }, fees: { amount0: fees[0], amount1: fees[1] } }
}

async function expectEngineEqualsChain(owner: Address) {
  const { positions, blockNumber } = await read(owner)
  for (const p of positions) {
    const engine = {
      principal: lpPrincipalAmounts(p.sqrtPriceX96, p.tickLower, p.tickUpper, p.liquidity),
      fees: lpFeesOwed(p),
    }
    expect({ tokenId: p.tokenId, ...engine }).toEqual({ tokenId: p.tokenId, ...(await onChain(owner, p, blockNumber)) })
  }
  return positions
}

/** Funds the spare account and lets it swap through the SwapRouter. */
async function swapper() {
  const who = account('spare')
  const { write } = devnet.clients
  for (const symbol of ['WETH', 'USDC']) {
    const a = asset(symbol)
    await write(who, {
      address: a.address,
      abi: tokenAbi,
      functionName: 'mint',
      args: [who, parseUnits('1000000000', a.decimals)],
    })
    await write(who, {
      address: a.address,
      abi: tokenAbi,
      functionName: 'approve',
      args: [devnet.manifest.uniswap.swapRouter, maxUint256],
    })
  }
  return async (inSymbol: 'WETH' | 'USDC', amount: string) => {
    const [tokenIn, tokenOut] = [asset(inSymbol), asset(inSymbol === 'WETH' ? 'USDC' : 'WETH')]
    await write(who, {
      address: devnet.manifest.uniswap.swapRouter,
      abi: swapRouterAbi,
      functionName: 'exactInputSingle',
      args: [
        {
          tokenIn: tokenIn.address,
          tokenOut: tokenOut.address,
          fee: devnet.manifest.uniswap.feeTier,
          recipient: who,
          deadline: DEADLINE,
          amountIn: parseUnits(amount, tokenIn.decimals),
          amountOutMinimum: 0n,
          sqrtPriceLimitX96: 0n,
        },
      ],
    })
  }
}

describe('Uniswap V3 LP positions against the NonfungiblePositionManager on the devnet', () => {
  test('the LP account’s WETH/USDC position reads with its pool, and its principal equals decreaseLiquidity to the wei', async () => {
    const positions = await expectEngineEqualsChain(account('lp'))
    expect(positions).toHaveLength(1)
    const [p] = positions as [UniswapLpPositionSnapshot]
    const weth = asset('WETH')
    expect(p.pool).toBe(weth.uniswapPool)
    // The computed CREATE2 address is the factory's own.
    const fromFactory = await readContract(devnet.clients.publicClient, {
      address: devnet.manifest.uniswap.factory,
      abi: factoryAbi,
      functionName: 'getPool',
      args: [p.token0, p.token1, p.fee],
    })
    expect(p.pool).toBe(fromFactory)
    expect([p.token0, p.token1].map((t) => t.toLowerCase()).sort()).toEqual(
      [weth.address, asset('USDC').address].map((t) => t.toLowerCase()).sort(),
    )
    expect(p.tickUpper - p.tickLower).toBeGreaterThan(3000) // ±20 % is ~3,600 ticks
    expect(p.liquidity).toBeGreaterThan(0n)
    expect(inside(p)).toBe(true)
  })

  test('the arbitrageur’s full-range positions in every pool equal decreaseLiquidity too', async () => {
    const positions = await expectEngineEqualsChain(account('arbitrageur'))
    const pools = devnet.manifest.assets.filter((a) => a.uniswapPool).map((a) => a.uniswapPool)
    expect(positions.map((p) => p.pool).sort()).toEqual([...pools].sort())
  })

  test('after swaps in and out of the range, fees equal collect(max, max) and the principal decreaseLiquidity', async () => {
    const swap = await swapper()
    const owner = account('lp')
    for (const [inSymbol, amount] of [
      ['WETH', '40'],
      ['USDC', '150000'],
      ['WETH', '25'],
      ['USDC', '90000'],
    ] as const)
      await swap(inSymbol, amount)
    const [inRange] = await expectEngineEqualsChain(owner)
    const fees = lpFeesOwed(inRange as UniswapLpPositionSnapshot)
    expect(fees.amount0).toBeGreaterThan(0n)
    expect(fees.amount1).toBeGreaterThan(0n)

    // WETH up 35 %: out of the range (a boundary tick crossed, its fee growth outside flips; which one
    // depends on whether WETH is token0), trade there, come back.
    await swap('USDC', '3000000')
    const [out] = await expectEngineEqualsChain(owner)
    expect(inside(out as UniswapLpPositionSnapshot)).toBe(false)
    await swap('USDC', '200000')
    await swap('WETH', '100')
    await expectEngineEqualsChain(owner)
    await swap('WETH', '1300')
    const [back] = await expectEngineEqualsChain(owner)
    expect(inside(back as UniswapLpPositionSnapshot)).toBe(true)
  })

  test('owed tokens from a partial withdrawal add to later fees; a new position is noticed in the same read', async () => {
    const swap = await swapper()
    const owner = account('lp')
    const { write } = devnet.clients
    await swap('WETH', '30')
    const [p] = (await read(owner)).positions as [UniswapLpPositionSnapshot]
    // Half the liquidity out: its principal and the fees so far become tokensOwed.
    await write(owner, {
      address: p.positionManager,
      abi: npmAbi,
      functionName: 'decreaseLiquidity',
      args: [{ tokenId: p.tokenId, liquidity: p.liquidity / 2n, amount0Min: 0n, amount1Min: 0n, deadline: DEADLINE }],
    })
    await swap('USDC', '120000')
    const [after] = await expectEngineEqualsChain(owner)
    expect((after as UniswapLpPositionSnapshot).tokensOwed0).toBeGreaterThan(0n)
    expect((after as UniswapLpPositionSnapshot).liquidity).toBe(p.liquidity - p.liquidity / 2n)

    // A second position (the layout cached above goes stale: balanceOf now says 2).
    const [weth, usdc] = [asset('WETH'), asset('USDC')]
    for (const a of [weth, usdc]) {
      await write(owner, {
        address: a.address,
        abi: tokenAbi,
        functionName: 'mint',
        args: [owner, parseUnits('100000', a.decimals)],
      })
    }
    const spacing = 60
    const tick = Math.floor(p.tick / spacing) * spacing
    await write(owner, {
      address: p.positionManager,
      abi: parseAbi([
        'function mint((address token0, address token1, uint24 fee, int24 tickLower, int24 tickUpper, uint256 amount0Desired, uint256 amount1Desired, uint256 amount0Min, uint256 amount1Min, address recipient, uint256 deadline)) returns (uint256, uint128, uint256, uint256)',
      ]),
      functionName: 'mint',
      args: [
        {
          token0: p.token0,
          token1: p.token1,
          fee: p.fee,
          tickLower: tick - 10 * spacing,
          tickUpper: tick + 10 * spacing,
          amount0Desired: p.token0 === weth.address ? parseUnits('3', 18) : parseUnits('9000', 6),
          amount1Desired: p.token1 === weth.address ? parseUnits('3', 18) : parseUnits('9000', 6),
          amount0Min: 0n,
          amount1Min: 0n,
          recipient: owner,
          deadline: DEADLINE,
        },
      ],
    })
    await swap('WETH', '10')
    const both = await expectEngineEqualsChain(owner)
    expect(both).toHaveLength(2)
    expect(both[1]?.tickLower).toBe(tick - 10 * spacing)
    expect(both[1]?.pool).toBe(p.pool)
  })
})

// Deploys Uniswap V3 from the npm artifacts (factory, SwapRouter, QuoterV2,
// NonfungiblePositionManager) and a pool per volatile asset against USDC, initialised
// at the oracle price with full-range liquidity, so a deleverage can swap for real.
import { artifact } from './artifacts.mjs'
import { reserves, UNISWAP_FEE } from './reserves.mjs'
import { tokenHelpers } from './tokens.mjs'
import { alignTick, MAX_TICK, MIN_TICK, sqrtPriceX96ForUsd } from './uniswapMath.mjs'

export const TICK_SPACING = 60 // for the 0.3 % fee tier

export async function deployUniswap(c, admin, tokens, liquidityProvider) {
  const deploy = (name, args = []) =>
    c.deploy(admin, { abi: artifact(name).abi, bytecode: artifact(name).bytecode, args }, name)
  const factory = await deploy('UniswapV3Factory')
  const swapRouter = await deploy('SwapRouter', [factory, tokens.WETH])
  const quoterV2 = await deploy('QuoterV2', [factory, tokens.WETH])
  // The token descriptor only renders tokenURI; the devnet needs none.
  const positionManager = await deploy('NonfungiblePositionManager', [factory, tokens.WETH, admin])

  const t = tokenHelpers(c, tokens)
  const pools = {}
  for (const r of reserves.filter((r) => r.uniswap)) {
    const [token0, token1] = sortTokens(tokens[r.symbol], tokens.USDC)
    const sqrtPriceX96 = sqrtPriceX96ForUsd({
      token: tokens[r.symbol],
      tokenDecimals: r.decimals,
      quote: tokens.USDC,
      quoteDecimals: 6,
      priceUsd: r.price,
    })
    const pm = artifact('NonfungiblePositionManager').abi
    await c.write(admin, {
      address: positionManager,
      abi: pm,
      functionName: 'createAndInitializePoolIfNecessary',
      args: [token0, token1, UNISWAP_FEE, sqrtPriceX96],
    })
    pools[r.symbol] = await c.publicClient.readContract({
      address: factory,
      abi: artifact('UniswapV3Factory').abi,
      functionName: 'getPool',
      args: [token0, token1, UNISWAP_FEE],
    })

    const half = r.uniswap.liquidityUsd / 2
    const tokenAmount = t.units(r.symbol, (half / r.price).toFixed(Math.min(r.decimals, 8)))
    const usdcAmount = t.units('USDC', half)
    await t.mint(r.symbol, liquidityProvider, (half / r.price) * 1.01)
    await t.mint('USDC', liquidityProvider, half * 1.01)
    await t.approve(r.symbol, liquidityProvider, positionManager)
    await t.approve('USDC', liquidityProvider, positionManager)
    const tokenIs0 = token0 === tokens[r.symbol]
    await mintPosition(c, positionManager, liquidityProvider, {
      token0,
      token1,
      tickLower: alignTick(MIN_TICK, TICK_SPACING) + TICK_SPACING,
      tickUpper: alignTick(MAX_TICK, TICK_SPACING),
      amount0: tokenIs0 ? tokenAmount : usdcAmount,
      amount1: tokenIs0 ? usdcAmount : tokenAmount,
    })
  }
  return { factory, swapRouter, quoterV2, positionManager, feeTier: UNISWAP_FEE, pools }
}

export function sortTokens(a, b) {
  return a.toLowerCase() < b.toLowerCase() ? [a, b] : [b, a]
}

export async function mintPosition(
  c,
  positionManager,
  owner,
  { token0, token1, tickLower, tickUpper, amount0, amount1 },
) {
  return c.write(owner, {
    address: positionManager,
    abi: artifact('NonfungiblePositionManager').abi,
    functionName: 'mint',
    args: [
      {
        token0,
        token1,
        fee: UNISWAP_FEE,
        tickLower,
        tickUpper,
        amount0Desired: amount0,
        amount1Desired: amount1,
        amount0Min: 0n,
        amount1Min: 0n,
        recipient: owner,
        deadline: 2n ** 64n,
      },
    ],
  })
}

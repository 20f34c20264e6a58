// Seeds the demo accounts: deep supply for every reserve, a leveraged trader (HF ≈ 1.4),
// an account close to liquidation (≈ 1.05), an e-mode account, an isolated borrower, an
// account with a Uniswap V3 LP position plus an Aave loan, and a funded liquidator.
import { artifact } from './artifacts.mjs'
import { mintPosition, sortTokens, TICK_SPACING } from './deployUniswap.mjs'
import { reserves } from './reserves.mjs'
import { tokenHelpers } from './tokens.mjs'
import { alignTick, sqrtPriceX96ForUsd, tickForSqrtPrice } from './uniswapMath.mjs'

const VARIABLE = 2n

export async function seedAccounts(c, { aave, tokens, uniswap }, accounts) {
  const poolAbi = artifact('Pool').abi
  const t = tokenHelpers(c, tokens)
  const pool = (from, functionName, args) => c.write(from, { address: aave.pool, abi: poolAbi, functionName, args })
  const supply = async (who, symbol, amount) => {
    await t.mint(symbol, who, amount)
    await t.approve(symbol, who, aave.pool, t.units(symbol, amount))
    await pool(who, 'supply', [tokens[symbol], t.units(symbol, amount), who, 0])
  }
  const borrow = (who, symbol, amount) =>
    pool(who, 'borrow', [tokens[symbol], t.units(symbol, amount), VARIABLE, 0, who])
  const a = Object.fromEntries(Object.entries(accounts).map(([role, acc]) => [role, acc.address]))

  // Liquidity for borrowers: about $30M of each asset.
  for (const r of reserves)
    await supply(a.supplier, r.symbol, Math.round(Math.min(30_000_000 / r.price, r.supplyCap / 2)))

  // Leveraged trader: $135k of volatile collateral, $75k of USDC and DAI debt → HF ≈ 1.40.
  await supply(a.trader, 'WETH', 20)
  await supply(a.trader, 'WBTC', 0.5)
  await supply(a.trader, 'LINK', 2000)
  await borrow(a.trader, 'USDC', 50_000)
  await borrow(a.trader, 'DAI', 25_000)
  // Wallet balances the protective proposals can use (repay, add collateral).
  await t.mint('USDC', a.trader, 8_000)
  await t.mint('DAI', a.trader, 3_000)
  await t.mint('WETH', a.trader, 1.5)

  // Close to liquidation: 10 WETH ($30k, LT 82.5 %) against 23,500 USDC → HF ≈ 1.053.
  await supply(a.nearLiquidation, 'WETH', 10)
  await borrow(a.nearLiquidation, 'USDC', 23_500)
  await t.mint('USDC', a.nearLiquidation, 2_000)

  // E-mode (stablecoins, LT 95 %): 100k USDC against 80k DAI → HF ≈ 1.19.
  await pool(a.emode, 'setUserEMode', [1])
  await supply(a.emode, 'USDC', 100_000)
  await borrow(a.emode, 'DAI', 80_000)

  // Isolation mode: CRV collateral may back only stablecoins, up to the debt ceiling.
  await supply(a.isolated, 'CRV', 100_000)
  // ValidationLogic.validateAutomaticUseAsCollateral: an asset with a debt ceiling is not
  // enabled as collateral by a supply; the user turns it on.
  await pool(a.isolated, 'setUserUseReserveAsCollateral', [tokens.CRV, true])
  await borrow(a.isolated, 'USDC', 10_000)

  // LP position (WETH/USDC, ±20 % around the price) plus an Aave loan.
  const weth = reserves.find((r) => r.symbol === 'WETH')
  const [token0, token1] = sortTokens(tokens.WETH, tokens.USDC)
  const wethIs0 = token0 === tokens.WETH
  const tickAt = (price) =>
    tickForSqrtPrice(
      sqrtPriceX96ForUsd({
        token: tokens.WETH,
        tokenDecimals: 18,
        quote: tokens.USDC,
        quoteDecimals: 6,
        priceUsd: price,
      }),
    )
  const [lo, hi] = [tickAt(weth.price * 0.8), tickAt(weth.price * 1.2)].sort((x, y) => x - y)
  await t.mint('WETH', a.lp, 5)
  await t.mint('USDC', a.lp, 15_000)
  await t.approve('WETH', a.lp, uniswap.positionManager)
  await t.approve('USDC', a.lp, uniswap.positionManager)
  await mintPosition(c, uniswap.positionManager, a.lp, {
    token0,
    token1,
    tickLower: alignTick(lo, TICK_SPACING),
    tickUpper: alignTick(hi, TICK_SPACING) + TICK_SPACING,
    amount0: wethIs0 ? t.units('WETH', 5) : t.units('USDC', 15_000),
    amount1: wethIs0 ? t.units('USDC', 15_000) : t.units('WETH', 5),
  })
  await supply(a.lp, 'WETH', 10)
  await borrow(a.lp, 'USDC', 12_000)

  // A liquidator with stablecoins and WETH to repay debts.
  for (const [symbol, amount] of [
    ['USDC', 2_000_000],
    ['DAI', 2_000_000],
    ['USDT', 2_000_000],
    ['WETH', 500],
  ])
    await t.mint(symbol, a.liquidator, amount)
}

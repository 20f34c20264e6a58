// Uniswap V3 price conversions for the devnet scripts (pool setup and arbitrage).

const Q96 = 2n ** 96n
export const MIN_TICK = -887272
export const MAX_TICK = 887272

export function sqrtBigInt(n) {
  if (n < 0n) throw new Error('sqrt of a negative number')
  if (n < 2n) return n
  let x = BigInt(Math.floor(Math.sqrt(Number(n))))
  // Newton steps from the float estimate until stable.
  for (;;) {
    const y = (x + n / x) >> 1n
    if (y >= x && y - x <= 1n) {
      while (x * x > n) x -= 1n
      while ((x + 1n) * (x + 1n) <= n) x += 1n
      return x
    }
    x = y
  }
}

/**
 * sqrtPriceX96 of a pool for a USD price of `token` quoted in `quote` (a $1 stablecoin):
 * the pool price is token1 per token0 in raw units.
 */
export function sqrtPriceX96ForUsd({ token, tokenDecimals, quote, quoteDecimals, priceUsd }) {
  const SCALE = 10n ** 18n
  const price = BigInt(Math.round(priceUsd * 1e12)) * 10n ** 6n // price × 1e18
  const tokenIs0 = token.toLowerCase() < quote.toLowerCase()
  // raw price (token1/token0) as num/den
  const num = tokenIs0 ? price * 10n ** BigInt(quoteDecimals) : SCALE * 10n ** BigInt(tokenDecimals)
  const den = tokenIs0 ? SCALE * 10n ** BigInt(tokenDecimals) : price * 10n ** BigInt(quoteDecimals)
  return sqrtBigInt((num * Q96 * Q96) / den)
}

/** USD price of `token` from a pool's sqrtPriceX96 (float, for display and arbitrage decisions). */
export function usdFromSqrtPriceX96({ sqrtPriceX96, token, tokenDecimals, quote, quoteDecimals }) {
  const raw = (Number(sqrtPriceX96) / 2 ** 96) ** 2
  const tokenIs0 = token.toLowerCase() < quote.toLowerCase()
  const decimalsShift = 10 ** (tokenDecimals - quoteDecimals)
  return tokenIs0 ? raw * decimalsShift : decimalsShift / raw
}

export function tickForSqrtPrice(sqrtPriceX96) {
  return Math.floor(Math.log((Number(sqrtPriceX96) / 2 ** 96) ** 2) / Math.log(1.0001))
}

export const alignTick = (tick, spacing) => Math.floor(tick / spacing) * spacing

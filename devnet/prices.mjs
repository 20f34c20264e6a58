// Writing oracle prices on the devnet: the simulator's feed pushes and the direct
// price setting tests use. The feeds' owner is the deployer account.
import { parseUnits } from 'viem'
import { compileDevnetContracts } from './compile.mjs'
import { FEED_DECIMALS } from './reserves.mjs'

export const feedAbi = () => compileDevnetContracts().DevnetPriceFeed.abi

/** The feed answer (8 decimals) for a USD price given as a number or decimal string. */
export function feedAnswer(price) {
  const text = typeof price === 'number' ? price.toFixed(FEED_DECIMALS) : price
  return parseUnits(text, FEED_DECIMALS)
}

/**
 * Pushes a new round with `price` to the feed of `symbol`; returns the receipt.
 * @param {ReturnType<import('./client.mjs').createDevnetClients>} c
 * @param {import('../src/chain/devnetManifest').DevnetManifest} manifest
 */
export async function setPrice(c, manifest, symbol, price) {
  const { from, ...call } = priceUpdateCall(manifest, symbol, price)
  return c.write(from, call)
}

/**
 * The feed owner's call that pushes a round with `price` to the feed of `symbol` (for a block of several calls).
 * @param {import('../src/chain/devnetManifest').DevnetManifest} manifest
 */
export function priceUpdateCall(manifest, symbol, price) {
  const asset = manifest.assets.find((a) => a.symbol === symbol)
  if (!asset)
    throw new Error(`no asset ${symbol} on the devnet (have ${manifest.assets.map((a) => a.symbol).join(', ')})`)
  return {
    from: manifest.accounts.deployer.address,
    address: asset.feed,
    abi: feedAbi(),
    functionName: 'updateAnswer',
    args: [feedAnswer(price)],
  }
}

/** The feed's latest answer as a USD number. */
export async function readPrice(c, manifest, symbol) {
  const asset = manifest.assets.find((a) => a.symbol === symbol)
  const [, answer] = await c.publicClient.readContract({
    address: asset.feed,
    abi: feedAbi(),
    functionName: 'latestRoundData',
  })
  return Number(answer) / 10 ** FEED_DECIMALS
}

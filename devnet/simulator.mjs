// The devnet's market: every tick it advances the seeded price model, pushes a feed
// round where Chainlink's rule would (deviation or heartbeat), and arbitrages each
// Uniswap pool part of the way toward the oracle, so DEX prices lag a little as real ones do.
import { maxUint256 } from 'viem'
import { artifact } from './artifacts.mjs'
import { createDevnetClients } from './client.mjs'
import { createPriceModel, feedUpdateDue, scenarioShapes } from './priceModel.mjs'
import { priceUpdateCall, readPrice } from './prices.mjs'
import { reserves } from './reserves.mjs'
import { tokenHelpers } from './tokens.mjs'
import { sqrtPriceX96ForUsd, usdFromSqrtPriceX96 } from './uniswapMath.mjs'

export const scenarios = ['calm', 'volatile', 'crash', 'none']

/**
 * One tick is `marketSecondsPerTick` of market time (default 2 minutes every 2 s: the
 * devnet runs a 60× accelerated market so the demo moves). `clock` (seconds) decides
 * heartbeats; tests pass their own to drive ticks deterministically.
 * @param {{ manifest: import('../src/chain/devnetManifest').DevnetManifest, scenario: string, seed?: number,
 *   tickMs?: number, marketSecondsPerTick?: number, clock?: () => number, log?: (s: string) => void }} opts
 */
export function createSimulator({
  manifest,
  scenario,
  seed = 1,
  tickMs = 2000,
  marketSecondsPerTick = 120,
  clock = () => Date.now() / 1000,
  log = () => {},
}) {
  if (!scenarios.includes(scenario))
    throw new Error(`unknown scenario "${scenario}": use one of ${scenarios.join(', ')}`)
  const c = createDevnetClients(manifest.rpcUrl)
  const volatile = manifest.assets.filter((a) => a.volatile)
  // The devnet's feeds: a 0.1 % deviation threshold and a 30 s heartbeat (mainnet: 0.5 %, 1 h).
  const rules = { deviation: 0.001, heartbeat: 30 }
  let timer = null
  let running = null
  let stopped = false
  let model = null
  const last = {}

  /** Reads the current feed prices and readies the arbitrageur; idempotent. */
  async function prepare() {
    if (model) return
    const spot = {}
    for (const a of volatile) spot[a.symbol] = await readPrice(c, manifest, a.symbol)
    model = createPriceModel({
      seed,
      assets: volatile.map((a) => ({
        symbol: a.symbol,
        price: spot[a.symbol],
        annualVol: reserves.find((r) => r.symbol === a.symbol).annualVol,
      })),
      shape: scenarioShapes[scenario],
    })
    await prepareArbitrageur()
  }

  /**
   * One step of the market, mined as one block (client.writeInOneBlock: a page reading the last
   * block never overlaps the mining of the next): feed rounds where due, then arbitrage toward the
   * feeds' new prices. Returns the model's prices.
   */
  async function tick() {
    if (scenario === 'none') return null
    await prepare()
    const prices = model.step(marketSecondsPerTick)
    const now = clock()
    const rounds = {}
    for (const a of volatile) {
      const l = last[a.symbol]
      if (!l || feedUpdateDue(l.price, l.time, prices[a.symbol], now, rules))
        rounds[a.symbol] = { price: prices[a.symbol], time: now }
    }
    const oracle = (symbol) => (rounds[symbol] ?? last[symbol]).price
    const calls = Object.entries(rounds).map(([symbol, r]) =>
      priceUpdateCall(manifest, symbol, Number(r.price.toPrecision(10))),
    )
    for (const a of volatile.filter((a) => a.uniswapPool)) {
      const swap = await arbitrageCall(a, oracle(a.symbol))
      if (swap) calls.push(swap)
    }
    await c.writeInOneBlock(calls)
    Object.assign(last, rounds)
    return prices
  }

  async function start() {
    if (scenario === 'none') return
    await prepare()
    const loop = async () => {
      if (stopped) return
      running = tick().catch((e) => log(`simulator tick failed: ${e.shortMessage ?? e.message}`))
      await running
      if (!stopped) timer = setTimeout(loop, tickMs)
    }
    loop()
  }

  async function prepareArbitrageur() {
    const tokens = Object.fromEntries(manifest.assets.map((a) => [a.symbol, a.address]))
    const t = tokenHelpers(c, tokens)
    const who = manifest.accounts.arbitrageur.address
    for (const a of [...volatile, manifest.assets.find((x) => x.symbol === 'USDC')]) {
      const r = reserves.find((x) => x.symbol === a.symbol)
      await t.mint(a.symbol, who, Math.round(100_000_000 / r.price))
      await t.approve(a.symbol, who, manifest.uniswap.swapRouter, maxUint256)
    }
  }

  /** The swap that closes half the gap between the pool's price and the oracle's (none within the 0.3 % fee). */
  async function arbitrageCall(asset, oraclePrice) {
    const usdc = manifest.assets.find((a) => a.symbol === 'USDC')
    const [sqrtPriceX96] = await c.publicClient.readContract({
      address: asset.uniswapPool,
      abi: artifact('UniswapV3Pool').abi,
      functionName: 'slot0',
    })
    const pair = {
      token: asset.address,
      tokenDecimals: asset.decimals,
      quote: usdc.address,
      quoteDecimals: usdc.decimals,
    }
    const poolPrice = usdFromSqrtPriceX96({ sqrtPriceX96, ...pair })
    if (Math.abs(Math.log(oraclePrice / poolPrice)) < 0.003) return null
    const target = Math.sqrt(poolPrice * oraclePrice)
    const buyToken = target > poolPrice
    return {
      from: manifest.accounts.arbitrageur.address,
      address: manifest.uniswap.swapRouter,
      abi: artifact('SwapRouter').abi,
      functionName: 'exactInputSingle',
      args: [
        {
          tokenIn: buyToken ? usdc.address : asset.address,
          tokenOut: buyToken ? asset.address : usdc.address,
          fee: manifest.uniswap.feeTier,
          recipient: manifest.accounts.arbitrageur.address,
          deadline: 2n ** 64n,
          amountIn: 10n ** BigInt(buyToken ? usdc.decimals + 8 : asset.decimals + 7),
          amountOutMinimum: 0n,
          sqrtPriceLimitX96: sqrtPriceX96ForUsd({ ...pair, priceUsd: target }),
        },
      ],
    }
  }

  return {
    start,
    tick,
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}

/**
 * A simulator on a clock of its own that moves `secondsPerTick` (2 s, as the live one) before each
 * tick, for tests that drive ticks themselves: heartbeats then follow ticks, not the wall clock.
 * @param {Omit<Parameters<typeof createSimulator>[0], 'clock'> & { secondsPerTick?: number }} opts
 */
export function createSteppedSimulator({ secondsPerTick = 2, ...opts }) {
  let now = 0
  const simulator = createSimulator({ ...opts, clock: () => now })
  return {
    ...simulator,
    tick() {
      now += secondsPerTick
      return simulator.tick()
    },
  }
}

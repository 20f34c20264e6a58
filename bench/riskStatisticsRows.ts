// Risk engine II rows of `npm run bench` (issue 5, point 7): GARCH(1,1) fitted on 2,000 oracle
// rounds, and the full evaluate() with statistics on the 10-reserve account holding 2 Uniswap V3 LP
// positions and 4 options — cold (every fit recomputed) and warm (fits kept in the worker's memo
// between blocks, as the app runs it). Figures only: nothing here fails on time.
import { evaluate } from '../src/engine/evaluate'
import type { ExternalPosition } from '../src/engine/greeks/externalPosition'
import type { Hex, PortfolioSnapshot, PriceRound, UniswapLpPositionSnapshot } from '../src/engine/snapshot'
import { garchVolatility } from '../src/engine/stats/garch'
import { oracleReturns } from '../src/engine/stats/oracleReturns'
import { simulateGarchRounds } from '../src/engine/stats/testing/simulateGarch'
import { volatilityMemo } from '../src/engine/volatility'
import { median, ms, percentile } from './table.mjs'
import { BENCH_SWAP_ROUTER, BENCH_WETH, tenReserveSnapshot } from './tenReserveSnapshot'

type BenchRow = { figure: string; value: string; target?: string; peer?: string }

const GARCH = { omega: 0.05, alpha: 0.08, beta: 0.9 }

function timed(f: () => unknown, runs: number, warmup: number) {
  for (let i = 0; i < warmup; i++) f()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    f()
    times.push(performance.now() - t)
  }
  return times
}

/** GARCH(1,1) maximum likelihood (Nelder–Mead) on 2,000 unevenly spaced rounds. */
export function garchFitRow(): BenchRow {
  const returns = oracleReturns(simulateGarchRounds(GARCH, 2_000, 1).rounds)
  const fit = garchVolatility(returns)
  const times = timed(() => garchVolatility(returns), 40, 5)
  return {
    figure: `GARCH(1,1) fit, 2,000 rounds (α ${fit?.parameters.alpha.toFixed(3)}, β ${fit?.parameters.beta.toFixed(3)} vs true 0.080, 0.900)`,
    value: `median ${ms(median(times))}, p95 ${ms(percentile(times, 95))} (${times.length} runs)`,
  }
}

/** 2,000 rounds per volatile asset ending at the block, rescaled to end at the snapshot's price. */
function withHistory(s: PortfolioSnapshot): PortfolioSnapshot {
  const priceHistory: Record<Hex, PriceRound[]> = {}
  s.reserves.forEach((r, k) => {
    if (['USDC', 'DAI', 'USDT', 'LUSD'].includes(r.symbol)) return
    const { rounds } = simulateGarchRounds(GARCH, 2_000, 10 + k, { min: 120, max: 900 })
    const last = rounds.at(-1) as PriceRound
    const shift = s.blockTimestamp - last.updatedAt
    priceHistory[r.asset] = rounds.map((x) => ({
      ...x,
      answer: (x.answer * r.priceBase) / last.answer,
      updatedAt: x.updatedAt + shift,
    }))
  })
  return { ...s, priceHistory }
}

/** Two WETH/USDC LP positions on the bench pool: one around the price, one wide. */
function withLpPositions(s: PortfolioSnapshot): PortfolioSnapshot {
  const pool = s.pools[BENCH_WETH]
  if (!pool) throw new Error('bench snapshot has no WETH pool')
  const position = (tokenId: bigint, width: number, liquidity: bigint): UniswapLpPositionSnapshot => ({
    tokenId,
    positionManager: '0x00000000000000000000000000000000000000f2',
    pool: pool.address,
    token0: pool.token0,
    token1: pool.token1,
    fee: pool.fee,
    tickLower: Math.floor((pool.tick - width) / 60) * 60,
    tickUpper: Math.ceil((pool.tick + width) / 60) * 60,
    liquidity,
    feeGrowthInside0LastX128: 0n,
    feeGrowthInside1LastX128: 0n,
    tokensOwed0: 0n,
    tokensOwed1: 0n,
    sqrtPriceX96: pool.sqrtPriceX96,
    tick: pool.tick,
    feeGrowthGlobal0X128: 10n ** 30n,
    feeGrowthGlobal1X128: 10n ** 30n,
    lower: { feeGrowthOutside0X128: 0n, feeGrowthOutside1X128: 0n },
    upper: { feeGrowthOutside0X128: 0n, feeGrowthOutside1X128: 0n },
  })
  return { ...s, lpPositions: [position(1n, 1_200, 10n ** 15n), position(2n, 12_000, 4n * 10n ** 14n)] }
}

function options(now: number): ExternalPosition[] {
  const weth = BENCH_WETH
  const month = now + 30 * 86_400
  const smile = { kind: 'skew' as const, atmVolatility: 0.65, skew: -0.2, curvature: 0.4 }
  return [
    {
      kind: 'option',
      id: 'p1',
      underlying: weth,
      right: 'put',
      strike: 2_600,
      expiry: month,
      quantity: 10,
      volatility: smile,
    },
    {
      kind: 'option',
      id: 'p2',
      underlying: weth,
      right: 'put',
      strike: 2_200,
      expiry: month,
      quantity: -10,
      volatility: smile,
    },
    {
      kind: 'option',
      id: 'c1',
      underlying: weth,
      right: 'call',
      strike: 3_600,
      expiry: month,
      quantity: -5,
      volatility: smile,
    },
    {
      kind: 'option',
      id: 'c2',
      underlying: weth,
      right: 'call',
      strike: 3_200,
      expiry: now + 7 * 86_400,
      quantity: 3,
      volatility: { kind: 'flat', volatility: 0.6 },
    },
  ]
}

/** evaluate() with every statistic: volatility, P(liquidation) (Monte Carlo), Greeks, scenarios, replay, oracle lag. */
export function evaluateWithStatisticsRows(): BenchRow[] {
  const snapshot = withLpPositions(withHistory(tenReserveSnapshot()))
  const now = snapshot.blockTimestamp
  const base = {
    now,
    seed: 1,
    proposals: { swapRouter: BENCH_SWAP_ROUTER, wrappedNativeAsset: BENCH_WETH },
    external: options(now),
  }
  const report = evaluate(snapshot, {}, base)
  const p = report.liquidationProbability
  const method =
    p.method === 'none'
      ? `no probability: ${p.reason}`
      : `${p.method}, ${p.paths / 1000}k paths × ${report.settings.monteCarloSteps} steps × ${p.riskFactors.length} factors per horizon; P 24 h ${(((p.horizons[1]?.probability ?? 0) as number) * 100).toPrecision(2)} %`
  const shape = `${report.assets.length} positions, 2 LP, 4 options, ${report.volatility.assets.length} GARCH fits on 2,000 rounds, replay ${report.replay?.points ?? 0} points; ${method}`
  const cold = timed(() => evaluate(snapshot, {}, base), 10, 2)
  const memo = { volatility: volatilityMemo() }
  const warm = timed(() => evaluate(snapshot, {}, { ...base, memo }), 30, 3)
  return [
    {
      figure: `evaluate() with statistics, cold (every GARCH fit recomputed): ${shape}`,
      value: `median ${ms(median(cold))}, p95 ${ms(percentile(cold, 95))} (${cold.length} runs)`,
    },
    {
      figure: 'evaluate() with statistics, warm (fits kept between blocks, as in the worker)',
      value: `median ${ms(median(warm))}, p95 ${ms(percentile(warm, 95))} (${warm.length} runs)`,
      target: 'well under a 2 s block; off the main thread',
    },
  ]
}

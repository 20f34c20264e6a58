// Monte Carlo rows of `npm run bench` (DESIGN.md: 100k paths × 24 steps × 3 correlated assets
// ≤ 150 ms): liquidationMonteCarlo on a WETH/WBTC-collateral, LINK/USDC-debt account, once far
// from and once near liquidation (the bridge does more work near the boundary). Figures only.
import { type LiquidationMonteCarloInput, liquidationMonteCarlo } from '../src/engine/stats/monteCarlo'
import { FORECAST_HORIZONS_SECONDS } from '../src/engine/stats/timeBasis'
import { median, percentile } from './table.mjs'

export type MonteCarloRow = { label: string; median: number; p95: number; unit: 'ms' }

const WARMUP = 5
const RUNS = 15

/** WETH and WBTC collateral (value × LT), LINK and USDC debt, at health factor `healthFactor`. */
function account(healthFactor: number): LiquidationMonteCarloInput {
  const collateral = 50_000 + 30_000
  const linkDebt = 8_000
  return {
    collateralWeighted: Float64Array.of(50_000, 30_000, 0),
    debt: Float64Array.of(0, 0, linkDebt),
    fixedCollateralWeighted: 0,
    fixedDebt: collateral / healthFactor - linkDebt,
    volatility: Float64Array.of(0.7, 0.55, 0.9),
    drift: Float64Array.of(0, 0, 0),
    correlation: Float64Array.of(1, 0.8, 0.6, 0.8, 1, 0.55, 0.6, 0.55, 1),
    horizonsSeconds: [...FORECAST_HORIZONS_SECONDS],
    paths: 100_000,
    steps: 24,
    seed: 1,
  }
}

function measure(healthFactor: number): MonteCarloRow {
  const input = account(healthFactor)
  for (let i = 0; i < WARMUP; i++) liquidationMonteCarlo(input)
  const times: number[] = []
  let result = liquidationMonteCarlo(input)
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now()
    result = liquidationMonteCarlo(input)
    times.push(performance.now() - t)
  }
  const p = result.horizons.map((h) => `${(h.probability * 100).toPrecision(2)} %`).join(' / ')
  return {
    label: `Monte Carlo P(liquidation), ${result.paths / 1000}k paths × ${result.steps} steps × 3 correlated assets, HF ${healthFactor} (P 1 h / 24 h / 7 d: ${p}; ${RUNS} runs)`,
    median: median(times),
    p95: percentile(times, 95),
    unit: 'ms',
  }
}

/** The 100k × 24 × 3 case far from liquidation (HF 1.25) and near it (HF 1.08). */
export async function monteCarloRows(): Promise<MonteCarloRow[]> {
  return [measure(1.25), measure(1.08)]
}

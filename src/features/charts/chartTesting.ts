import { evaluate } from '../../engine/evaluate'
import type { RiskReport } from '../../engine/riskReport'
import type { PortfolioSnapshot, PriceRound } from '../../engine/snapshot'
import { simulateGarchRounds } from '../../engine/stats/testing/simulateGarch'
import { fixtureAddress, snapshotFixture } from '../../engine/testing/snapshotFixture'

/**
 * Real RiskReports for the chart tests, from the engine's own evaluate() on fixture snapshots (no
 * hand-made report shapes that could drift from the engine's).
 */

export const NOW = 1_750_000_000
export const WETH = fixtureAddress('WETH')
export const USDC = fixtureAddress('USDC')

/** 10 WETH at $2,000 against 12,000 USDC: HF 1.375 (WETH LT 82.5 %), liquidated near $1,454.55. */
export const leveragedSnapshot = snapshotFixture({
  positions: { WETH: { supplied: 10 }, USDC: { borrowed: 12_000 } },
  prices: { WETH: 2_000 },
  blockTimestamp: NOW,
})

export const report = (snapshot: PortfolioSnapshot = leveragedSnapshot): RiskReport =>
  evaluate(snapshot, {}, { now: snapshot.blockTimestamp, seed: 7 })

/** The same account with 1,200 WETH oracle rounds ending at its price: volatility and probabilities computed. */
export function reportWithVolatility(): RiskReport {
  const { rounds } = simulateGarchRounds({ omega: 0.05, alpha: 0.07, beta: 0.9 }, 1_200, 1)
  const last = rounds.at(-1) as PriceRound
  const price = leveragedSnapshot.reserves.find((r) => r.symbol === 'WETH')?.priceBase as bigint
  const shift = NOW - last.updatedAt
  const history = rounds.map((r) => ({
    ...r,
    answer: (r.answer * price) / last.answer,
    updatedAt: r.updatedAt + shift,
  }))
  return report({ ...leveragedSnapshot, priceHistory: { [WETH]: history } })
}

export const noDebtReport = () =>
  report(snapshotFixture({ positions: { WETH: { supplied: 1 } }, prices: { WETH: 2_000 }, blockTimestamp: NOW }))

import { evaluate } from '../../engine/evaluate'
import type { RiskReport } from '../../engine/riskReport'
import type { Hex, PortfolioSnapshot, PriceRound } from '../../engine/snapshot'
import { simulateGarchRounds } from '../../engine/stats/testing/simulateGarch'
import { type FixtureSymbol, fixtureAddress, snapshotFixture } from '../../engine/testing/snapshotFixture'
import type { SnapshotProfile } from './snapshotModel'

/**
 * Real RiskReports for the snapshot tests, from the engine's own evaluate() on fixture snapshots
 * (no hand-made report shapes that could drift from the engine's).
 */

export const NOW = 1_750_000_000
/** A mixed-case (checksummed-looking) account, so the tests can look for it in any case. */
export const ACCOUNT: Hex = '0x7A3b9C51dE40F2a86b1D0e95c4F7a2B3c8D6e1F0'
export const PROFILE: SnapshotProfile = {
  warningHealthFactor: 1.2,
  targetHealthFactor: 1.5,
  upperHealthFactor: 2.5,
  probabilityLimit24h: 0.05,
}

/**
 * A typical 6-reserve account: three volatile collaterals and a stablecoin supplied, two
 * stablecoins borrowed, at HF ≈ 1.3. Amounts have distinctive digits so a test can look for them.
 */
export const SIX_RESERVE_POSITIONS = {
  WETH: { supplied: '13.791357' },
  WBTC: { supplied: '0.43219876' },
  LINK: { supplied: '1234.5678' },
  DAI: { supplied: '5432.1987' },
  USDC: { borrowed: '47234.567891' },
  USDT: { borrowed: '14876.543219' },
} as const satisfies Partial<Record<FixtureSymbol, { supplied?: string; borrowed?: string }>>

const PRICES = { WETH: 2_871.13, WBTC: 93_417.77, LINK: 14.387 }

/** Oracle history ending at each volatile asset's price (GARCH rounds, seeded per asset). */
function withHistory(snapshot: PortfolioSnapshot, symbols: FixtureSymbol[]): PortfolioSnapshot {
  const priceHistory: Record<Hex, PriceRound[]> = {}
  symbols.forEach((symbol, k) => {
    const { rounds } = simulateGarchRounds({ omega: 0.05, alpha: 0.07, beta: 0.9 }, 400, k + 1)
    const last = rounds.at(-1) as PriceRound
    const price = snapshot.reserves.find((r) => r.symbol === symbol)?.priceBase as bigint
    const shift = NOW - last.updatedAt
    priceHistory[fixtureAddress(symbol)] = rounds.map((r) => ({
      ...r,
      answer: (r.answer * price) / last.answer,
      updatedAt: r.updatedAt + shift,
    }))
  })
  return { ...snapshot, priceHistory }
}

export function sixReserveSnapshot(): PortfolioSnapshot {
  const base = snapshotFixture({
    positions: SIX_RESERVE_POSITIONS,
    prices: PRICES,
    blockNumber: 19_800_077n,
    blockTimestamp: NOW,
    user: ACCOUNT,
  })
  return withHistory(base, ['WETH', 'WBTC', 'LINK'])
}

export const sixReserveReport = (): RiskReport => evaluate(sixReserveSnapshot(), {}, { now: NOW, seed: 11 })

/** 10 WETH against 12,000 USDC, no oracle history (no probabilities). */
export const smallReport = (): RiskReport =>
  evaluate(
    snapshotFixture({
      positions: { WETH: { supplied: 10 }, USDC: { borrowed: 12_000 } },
      prices: { WETH: 2_000 },
      blockTimestamp: NOW,
      user: ACCOUNT,
    }),
    {},
    { now: NOW, seed: 7 },
  )

export const noDebtReport = (): RiskReport =>
  evaluate(
    snapshotFixture({
      positions: { WETH: { supplied: 1 } },
      prices: { WETH: 2_000 },
      blockTimestamp: NOW,
      user: ACCOUNT,
    }),
    {},
    { now: NOW, seed: 7 },
  )

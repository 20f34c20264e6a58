import fc from 'fast-check'
import type { PortfolioSnapshot } from '../snapshot'
import {
  FIXTURE_RESERVES,
  FIXTURE_SYMBOLS,
  type FixturePosition,
  type FixtureSymbol,
  fixturePrice,
  snapshotFixture,
} from './snapshotFixture'

/**
 * Random leveraged accounts for property tests: one to four collaterals (collateral flag sometimes
 * off), one to three debts sized against the collateral's LT so HF lands around 0.7–4, assets
 * sometimes both supplied and borrowed, holdings sometimes under one whole token, random prices,
 * e-mode on or off and pool revision 1 (v3.0), 6 (v3.3) or 8 (v3.5: debt rounded up, no truncated LT̄).
 */

const VOLATILE: readonly FixtureSymbol[] = ['WETH', 'WBTC', 'LINK', 'CRV']

type Draw = {
  supplies: { symbol: FixtureSymbol; usd: number; collateral: boolean; tiny: boolean }[]
  debts: { symbol: FixtureSymbol; weight: number; tiny: boolean }[]
  leverage: number
  priceMoves: number[]
  eMode: boolean
  poolRevision: number
}

const symbol = fc.constantFrom(...FIXTURE_SYMBOLS)

const draw: fc.Arbitrary<Draw> = fc.record({
  supplies: fc.uniqueArray(
    fc.record({
      symbol,
      usd: fc.double({ min: 50, max: 2_000_000, noNaN: true }),
      collateral: fc.integer({ min: 0, max: 5 }).map((n) => n !== 0),
      tiny: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    }),
    { minLength: 1, maxLength: 4, selector: (s) => s.symbol },
  ),
  debts: fc.uniqueArray(
    fc.record({
      symbol,
      weight: fc.double({ min: 0.05, max: 1, noNaN: true }),
      tiny: fc.integer({ min: 0, max: 14 }).map((n) => n === 0),
    }),
    { minLength: 1, maxLength: 3, selector: (d) => d.symbol },
  ),
  leverage: fc.double({ min: 0.25, max: 1.4, noNaN: true }),
  priceMoves: fc.array(fc.double({ min: 0.5, max: 1.5, noNaN: true }), { minLength: 7, maxLength: 7 }),
  eMode: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  poolRevision: fc.constantFrom(1, 6, 8),
})

/** Token amount (smallest unit) worth `usd` at `price` (8-decimal base units). */
function amountFor(sym: FixtureSymbol, usd: number, price: bigint): bigint {
  const decimals = FIXTURE_RESERVES[sym].decimals
  const cents = BigInt(Math.round(usd * 100))
  return (cents * 10n ** BigInt(decimals) * 10n ** 6n) / price
}

function build(d: Draw): PortfolioSnapshot {
  const prices: Partial<Record<FixtureSymbol, bigint>> = {}
  FIXTURE_SYMBOLS.forEach((s, i) => {
    const base = fixturePrice(FIXTURE_RESERVES[s].price)
    // Stablecoins move within ±1 %, volatile assets within ×0.5 … ×1.5.
    const move = VOLATILE.includes(s) ? (d.priceMoves[i] ?? 1) : 1 + ((d.priceMoves[i] ?? 1) - 1) / 50
    prices[s] = (base * BigInt(Math.round(move * 1e6))) / 1_000_000n
  })
  const positions: Partial<Record<FixtureSymbol, FixturePosition>> = {}
  let borrowingPower = 0
  for (const s of d.supplies) {
    const price = prices[s.symbol] as bigint
    const usd = s.tiny ? Math.min(s.usd, (Number(price) / 1e8) * 0.4) : s.usd
    positions[s.symbol] = { supplied: amountFor(s.symbol, usd, price), collateral: s.collateral || s.usd > 1e6 }
    if (s.collateral || s.usd > 1e6) borrowingPower += usd * (Number(FIXTURE_RESERVES[s.symbol].lt) / 1e4)
  }
  const weights = d.debts.reduce((a, x) => a + x.weight, 0)
  for (const x of d.debts) {
    const price = prices[x.symbol] as bigint
    let usd = (borrowingPower * d.leverage * x.weight) / weights
    if (x.tiny) usd = Math.min(usd, (Number(price) / 1e8) * 0.3)
    const borrowed = amountFor(x.symbol, Math.max(usd, 0.01), price)
    positions[x.symbol] = { ...positions[x.symbol], borrowed }
  }
  return snapshotFixture({ positions, prices, eMode: d.eMode ? 1 : 0, poolRevision: d.poolRevision })
}

/** Random account snapshots (see the module comment). */
export const accountArbitrary: fc.Arbitrary<PortfolioSnapshot> = draw.map(build)

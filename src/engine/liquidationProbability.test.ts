import { describe, expect, test } from 'vitest'
import { healthFactorTerms } from './healthFactorTerms'
import { liquidationPrices } from './liquidationPrice'
import { liquidationProbability } from './liquidationProbability'
import type { Hex, PortfolioSnapshot } from './snapshot'
import { firstPassageProbability } from './stats/firstPassage'
import { horizonVolatility, SECONDS_PER_YEAR } from './stats/timeBasis'
import { reserveOf, snapshotFixture } from './testing/snapshotFixture'
import type { AssetVolatility, VolatilityReport } from './volatility'

const HORIZONS = [3_600, 86_400, 604_800]

/** A volatility report with flat annualised σ per asset and the given correlation. */
function flatVolatility(
  s: PortfolioSnapshot,
  sigmas: Partial<Record<string, number>>,
  rho = 0,
  downsideMultiplier = 1,
): VolatilityReport {
  const assets: AssetVolatility[] = Object.entries(sigmas).map(([symbol, sigma]) => ({
    asset: s.reserves.find((r) => r.symbol === symbol)?.asset as Hex,
    symbol,
    observations: 1_000,
    historyFrom: 0,
    historyTo: 0,
    ewmaVolatilityAnnualised: sigma as number,
    garch: null,
    downsideVolatilityAnnualised: sigma as number,
    skewAdjustedVolatilityAnnualised: sigma as number,
    skewness: 0,
    excessKurtosis: 0,
    model: 'ewma',
    horizons: HORIZONS.map((h) => horizonVolatility(h, ((sigma as number) ** 2 * h) / SECONDS_PER_YEAR)),
    downsideMultiplier,
  }))
  return {
    assets,
    correlation: assets.map((_, a) => assets.map((_, b) => (a === b ? 1 : rho))),
    correlationBucketSeconds: 3_600,
  }
}

const run = (s: PortfolioSnapshot, v: VolatilityReport, extra = {}) => {
  const t = healthFactorTerms(s)
  return liquidationProbability(t, liquidationPrices(s, { terms: t }), v, {
    seed: 7,
    paths: 40_000,
    steps: 24,
    ...extra,
  })
}

describe('liquidationProbability', () => {
  const oneFactor = snapshotFixture({
    positions: { WETH: { supplied: 10 }, USDC: { borrowed: 13_000 } },
    prices: { WETH: 2_000 },
  })

  test('one risk factor: the closed form at the exact liquidation price', () => {
    const r = run(oneFactor, flatVolatility(oneFactor, { WETH: 0.8 }))
    if (r.method !== 'closed-form') throw new Error(`expected closed form, got ${r.method}`)
    const t = healthFactorTerms(oneFactor)
    const row = liquidationPrices(oneFactor, { terms: t }).assets[0]
    if (!row || row.liquidationPriceBase === null) throw new Error('no liquidation price')
    HORIZONS.forEach((h, k) => {
      const expected = firstPassageProbability(
        {
          spot: Number(row.priceBase),
          barrier: Number(row.liquidationPriceBase),
          side: 'down',
          drift: 0,
          volatility: 0.8,
        },
        h / SECONDS_PER_YEAR,
      )
      expect(r.horizons[k]?.probability).toBe(expected)
    })
    expect(r.horizons[2]?.probability).toBeGreaterThan(r.horizons[1]?.probability as number)
    // A ~21 % cushion at σ = 80 % reaches 5 % after the week (P(7 d) ≈ 3 %), at the 7-day forecast's σ.
    const time = r.timeToThresholdSeconds as number
    expect(time).toBeGreaterThan(604_800)
    const atTime = firstPassageProbability(
      {
        spot: Number(row.priceBase),
        barrier: Number(row.liquidationPriceBase),
        side: 'down',
        drift: 0,
        volatility: 0.8,
      },
      time / SECONDS_PER_YEAR,
    )
    expect(atTime).toBeCloseTo(0.05, 10)
  })

  test('two factors moving as one (ρ = 1, same σ) agree with the closed form at the correlated point', () => {
    const s = snapshotFixture({
      positions: { WETH: { supplied: 6 }, WBTC: { supplied: 0.2 }, USDC: { borrowed: 15_000 } },
      prices: { WETH: 2_000, WBTC: 60_000 },
    })
    const r = run(s, flatVolatility(s, { WETH: 0.7, WBTC: 0.7 }, 1))
    if (r.method !== 'monte-carlo') throw new Error(`expected Monte Carlo, got ${r.method}`)
    const t = healthFactorTerms(s)
    const correlated = liquidationPrices(s, { terms: t }).correlated
    if (correlated.factor === null) throw new Error('no correlated point')
    // Time to 5 %: HF as one factor; with ρ = 1 and one σ that is the closed form's answer at the correlated point.
    const exact = firstPassageProbability(
      { spot: 1, barrier: 1 + correlated.shock, side: 'down', drift: 0, volatility: 0.7 },
      (r.timeToThresholdSeconds as number) / SECONDS_PER_YEAR,
    )
    expect(Math.abs(exact - 0.05)).toBeLessThan(0.01)
    HORIZONS.slice(1).forEach((h, k) => {
      const expected = firstPassageProbability(
        { spot: 1, barrier: 1 + correlated.shock, side: 'down', drift: 0, volatility: 0.7 },
        h / SECONDS_PER_YEAR,
      )
      const got = r.horizons[k + 1]
      expect(Math.abs((got?.probability as number) - expected)).toBeLessThan(3 * (got?.standardError as number) + 1e-4)
    })
  })

  test('more volatility, less distance: a higher probability (same seed)', () => {
    const s = snapshotFixture({
      positions: { WETH: { supplied: 6 }, WBTC: { supplied: 0.2 }, USDC: { borrowed: 16_500 } },
      prices: { WETH: 2_000, WBTC: 60_000 },
    })
    const v = flatVolatility(s, { WETH: 0.6, WBTC: 0.5 }, 0.6)
    const week = (x: ReturnType<typeof run>) =>
      x.method === 'none' ? Number.NaN : (x.horizons[2]?.probability as number)
    const base = week(run(s, v))
    expect(base).toBeGreaterThan(0.01)
    expect(week(run(s, v, { volatilityScale: 1.3 }))).toBeGreaterThan(base)
    const closer = snapshotFixture({
      positions: { WETH: { supplied: 6 }, WBTC: { supplied: 0.2 }, USDC: { borrowed: 17_000 } },
      prices: { WETH: 2_000, WBTC: 60_000 },
    })
    expect(week(run(closer, flatVolatility(closer, { WETH: 0.6, WBTC: 0.5 }, 0.6)))).toBeGreaterThan(base)
  })

  test('several factors: a horizon beyond 6σ reads 0 without simulation, a nearer one is simulated', () => {
    const s = snapshotFixture({
      positions: { WETH: { supplied: 6 }, WBTC: { supplied: 0.2 }, USDC: { borrowed: 16_000 } },
      prices: { WETH: 2_000, WBTC: 60_000 },
    })
    const r = run(s, flatVolatility(s, { WETH: 0.6, WBTC: 0.5 }, 0.6))
    if (r.method !== 'monte-carlo') throw new Error(`expected Monte Carlo, got ${r.method}`)
    const [hour, , week] = r.horizons
    expect(hour?.distanceSigmas).toBeGreaterThan(6)
    expect(hour).toMatchObject({ probability: 0, standardError: 0 })
    expect(week?.distanceSigmas).toBeLessThan(6)
    expect(week?.standardError).toBeGreaterThan(0)
  })

  test('fat tails (Student-t, ν = 3) raise the short-horizon chance of a far barrier', () => {
    const s = snapshotFixture({
      positions: { WETH: { supplied: 6 }, WBTC: { supplied: 0.2 }, USDC: { borrowed: 17_000 } },
      prices: { WETH: 2_000, WBTC: 60_000 },
    })
    const v = flatVolatility(s, { WETH: 0.6, WBTC: 0.5 }, 0.6)
    const day = (x: ReturnType<typeof run>) =>
      x.method === 'monte-carlo' ? (x.horizons[1]?.probability as number) : Number.NaN
    expect(day(run(s, v, { studentTDegreesOfFreedom: 3 }))).toBeGreaterThan(day(run(s, v)))
  })

  test('σ distance of ln HF: ln(HF)/σ√T for one factor', () => {
    const r = run(oneFactor, flatVolatility(oneFactor, { WETH: 0.8 }))
    if (r.method === 'none') throw new Error('expected a probability')
    const asset = r.perAsset[0]
    expect(asset?.symbol).toBe('WETH')
    expect(asset?.horizons[1]?.distanceSigmas).toBeCloseTo(r.horizons[1]?.distanceSigmas as number, 12)
    expect(asset?.horizons[1]?.horizonVolatility).toBeCloseTo(0.8 * Math.sqrt(1 / 365), 12)
  })

  test('no debt, no volatile factor, no history, already liquidatable: no number, and why', () => {
    const noDebt = snapshotFixture({ positions: { WETH: { supplied: 1 } } })
    expect(run(noDebt, flatVolatility(noDebt, { WETH: 0.8 }))).toMatchObject({ method: 'none', reason: 'no-debt' })
    const stable = snapshotFixture({ positions: { USDC: { supplied: 1_000 }, DAI: { borrowed: 500 } } })
    expect(run(stable, flatVolatility(stable, {}))).toMatchObject({ method: 'none', reason: 'no-risk-factor' })
    expect(run(oneFactor, flatVolatility(oneFactor, {}))).toMatchObject({
      method: 'none',
      reason: 'missing-volatility',
      missing: [reserveOf(oneFactor, 'WETH').asset],
    })
    const under = snapshotFixture({
      positions: { WETH: { supplied: 1 }, USDC: { borrowed: 1_900 } },
      prices: { WETH: 2_000 },
    })
    expect(run(under, flatVolatility(under, { WETH: 0.8 }))).toMatchObject({ method: 'none', reason: 'liquidatable' })
  })
})

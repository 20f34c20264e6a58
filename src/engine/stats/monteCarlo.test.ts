import { describe, expect, test } from 'vitest'
import { firstPassageProbability, type GbmBarrier } from './firstPassage'
import { type LiquidationMonteCarlo, type LiquidationMonteCarloInput, liquidationMonteCarlo } from './monteCarlo'
import { FORECAST_HORIZONS_SECONDS, SECONDS_PER_YEAR } from './timeBasis'

const HORIZONS = [...FORECAST_HORIZONS_SECONDS]

/** One volatile factor (today's price 1) plus fixed parts. */
function oneFactor(o: {
  collateral: number
  debt: number
  fixedCollateral: number
  fixedDebt: number
  volatility: number
  drift: number
}): LiquidationMonteCarloInput {
  return {
    collateralWeighted: Float64Array.of(o.collateral),
    debt: Float64Array.of(o.debt),
    fixedCollateralWeighted: o.fixedCollateral,
    fixedDebt: o.fixedDebt,
    volatility: Float64Array.of(o.volatility),
    drift: Float64Array.of(o.drift),
    correlation: Float64Array.of(1),
    horizonsSeconds: HORIZONS,
    paths: 100_000,
    steps: 24,
    seed: 11,
  }
}

/** WETH, WBTC, LINK (ρ about 0.6–0.8): WETH and WBTC collateral, LINK and USDC debt. */
function threeAssets(overrides: Partial<LiquidationMonteCarloInput> = {}): LiquidationMonteCarloInput {
  return {
    collateralWeighted: Float64Array.of(50_000, 30_000, 0),
    debt: Float64Array.of(0, 0, 8_000),
    fixedCollateralWeighted: 0,
    fixedDebt: 70_000,
    volatility: Float64Array.of(0.7, 0.55, 0.9),
    drift: Float64Array.of(0, 0, 0),
    correlation: Float64Array.of(1, 0.8, 0.6, 0.8, 1, 0.55, 0.6, 0.55, 1),
    horizonsSeconds: HORIZONS,
    paths: 20_000,
    steps: 24,
    seed: 5,
    ...overrides,
  }
}

const closedForm = (b: GbmBarrier) => HORIZONS.map((h) => firstPassageProbability(b, h / SECONDS_PER_YEAR))
const probabilities = (r: LiquidationMonteCarlo) => r.horizons.map((h) => h.probability)

/** Each horizon within 3 standard errors of the closed form, with an SE small enough to mean something. */
function expectAgrees(r: LiquidationMonteCarlo, expected: number[]): void {
  r.horizons.forEach((h, k) => {
    const want = expected[k] as number
    expect(h.standardError, `SE at ${h.horizonSeconds}s`).toBeGreaterThan(0)
    expect(h.standardError, `SE at ${h.horizonSeconds}s`).toBeLessThan(0.25 * want)
    expect(Math.abs(h.probability - want), `at ${h.horizonSeconds}s`).toBeLessThanOrEqual(3 * h.standardError)
  })
}

describe('liquidationMonteCarlo, one factor, against the closed-form first passage', () => {
  test('WETH collateral against USDC debt (a lower barrier 3 % away) agrees at 1 h, 24 h and 7 d', () => {
    const input = oneFactor({ collateral: 100, debt: 0, fixedCollateral: 0, fixedDebt: 97, volatility: 0.8, drift: 0 })
    const r = liquidationMonteCarlo(input)
    expect(r.paths).toBe(100_000)
    expectAgrees(r, closedForm({ spot: 1, barrier: 0.97, side: 'down', drift: 0, volatility: 0.8 }))
  })

  test('volatile debt against stablecoin collateral (an upper barrier) agrees, with a drift', () => {
    // HF = 10 000 / (9 750·S): liquidated when S rises to 10 000/9 750.
    const input = oneFactor({
      collateral: 0,
      debt: 9_750,
      fixedCollateral: 10_000,
      fixedDebt: 0,
      volatility: 0.9,
      drift: 0.6,
    })
    const r = liquidationMonteCarlo(input)
    expectAgrees(r, closedForm({ spot: 1, barrier: 10_000 / 9_750, side: 'up', drift: 0.6, volatility: 0.9 }))
  })

  test('WETH on both sides with stablecoins on both sides nets to one barrier and agrees, with a negative drift', () => {
    // C − D = 15 000·S − 14 800: liquidated when S falls to 14 800/15 000, whatever the split.
    const input = oneFactor({
      collateral: 20_000,
      debt: 5_000,
      fixedCollateral: 3_000,
      fixedDebt: 17_800,
      volatility: 0.8,
      drift: -0.4,
    })
    const r = liquidationMonteCarlo(input)
    expectAgrees(r, closedForm({ spot: 1, barrier: 14_800 / 15_000, side: 'down', drift: -0.4, volatility: 0.8 }))
  })

  test('the bridge is exact on a coarse grid, and without it the estimate is biased low by far more than 3 SE', () => {
    const input = {
      ...oneFactor({ collateral: 100, debt: 0, fixedCollateral: 0, fixedDebt: 97, volatility: 0.8, drift: 0 }),
    }
    const expected = closedForm({ spot: 1, barrier: 0.97, side: 'down', drift: 0, volatility: 0.8 })
    // Three steps: one per horizon (1 h, 23 h, 6 d).
    expectAgrees(liquidationMonteCarlo({ ...input, steps: 3 }), expected)
    const seenOnly = liquidationMonteCarlo({ ...input, steps: 3, brownianBridge: false })
    seenOnly.horizons.slice(1).forEach((h, k) => {
      expect((expected[k + 1] as number) - h.probability).toBeGreaterThan(3 * h.standardError)
    })
  })

  test('a pair trade (WETH collateral against WBTC debt, ρ = 0.8) is exact: the ratio is a GBM', () => {
    const [s1, s2, rho, mu1, mu2] = [0.8, 0.6, 0.8, 0.3, 0.1]
    const r = liquidationMonteCarlo({
      collateralWeighted: Float64Array.of(100, 0),
      debt: Float64Array.of(0, 98.5),
      fixedCollateralWeighted: 0,
      fixedDebt: 0,
      volatility: Float64Array.of(s1, s2),
      drift: Float64Array.of(mu1, mu2),
      correlation: Float64Array.of(1, rho, rho, 1),
      horizonsSeconds: HORIZONS,
      paths: 100_000,
      steps: 24,
      seed: 3,
    })
    // ln(S₁/S₂) has volatility σ_r and drift ν₁ − ν₂; firstPassage takes μ = drift of ln + σ²/2.
    const variance = s1 * s1 + s2 * s2 - 2 * rho * s1 * s2
    const logDrift = mu1 - (s1 * s1) / 2 - (mu2 - (s2 * s2) / 2)
    expectAgrees(
      r,
      closedForm({
        spot: 1,
        barrier: 0.985,
        side: 'down',
        drift: logDrift + variance / 2,
        volatility: Math.sqrt(variance),
      }),
    )
  })

  test('the pair trade spread over five factors (three moving as one against two) agrees too: the general-n kernel', () => {
    const [s1, s2, rho, mu1, mu2] = [0.8, 0.6, 0.8, 0.3, 0.1]
    const group = [0, 0, 0, 1, 1]
    const r = liquidationMonteCarlo({
      collateralWeighted: Float64Array.of(50, 30, 20, 0, 0),
      debt: Float64Array.of(0, 0, 0, 60, 38.5),
      fixedCollateralWeighted: 0,
      fixedDebt: 0,
      volatility: Float64Array.from(group, (k) => (k === 0 ? s1 : s2)),
      drift: Float64Array.from(group, (k) => (k === 0 ? mu1 : mu2)),
      correlation: Float64Array.from({ length: 25 }, (_, ij) =>
        group[Math.floor(ij / 5)] === group[ij % 5] ? 1 : rho,
      ),
      horizonsSeconds: HORIZONS,
      paths: 100_000,
      steps: 24,
      seed: 4,
    })
    const variance = s1 * s1 + s2 * s2 - 2 * rho * s1 * s2
    const logDrift = mu1 - (s1 * s1) / 2 - (mu2 - (s2 * s2) / 2)
    expectAgrees(
      r,
      closedForm({
        spot: 1,
        barrier: 0.985,
        side: 'down',
        drift: logDrift + variance / 2,
        volatility: Math.sqrt(variance),
      }),
    )
  })
})

describe('liquidationMonteCarlo, correlated factors', () => {
  test('probabilities rise with volatility at every horizon (same seed)', () => {
    const runs = [0.8, 1, 1.25].map((scale) => {
      const base = threeAssets()
      return probabilities(liquidationMonteCarlo({ ...base, volatility: base.volatility.map((s) => s * scale) }))
    })
    for (let k = 0; k < HORIZONS.length; k++) {
      expect(runs[0]?.[k] as number).toBeGreaterThan(0)
      expect(runs[1]?.[k] as number).toBeGreaterThan(runs[0]?.[k] as number)
      expect(runs[2]?.[k] as number).toBeGreaterThan(runs[1]?.[k] as number)
    }
  })

  test('probabilities fall as the account moves away from liquidation (less debt, same seed)', () => {
    const runs = [72_000, 70_000, 66_000].map((fixedDebt) =>
      probabilities(liquidationMonteCarlo(threeAssets({ fixedDebt }))),
    )
    for (let k = 0; k < HORIZONS.length; k++) {
      expect(runs[1]?.[k] as number).toBeLessThan(runs[0]?.[k] as number)
      expect(runs[2]?.[k] as number).toBeLessThan(runs[1]?.[k] as number)
    }
    // And later horizons are never less likely than earlier ones.
    for (const run of runs)
      for (let k = 1; k < run.length; k++) expect(run[k]).toBeGreaterThanOrEqual(run[k - 1] as number)
  })

  test('ρ = 1 between two assets with the same σ equals one asset holding the combined exposure', () => {
    const single = oneFactor({
      collateral: 100,
      debt: 0,
      fixedCollateral: 0,
      fixedDebt: 98,
      volatility: 0.7,
      drift: 0.2,
    })
    const split: LiquidationMonteCarloInput = {
      ...single,
      collateralWeighted: Float64Array.of(60, 40),
      debt: Float64Array.of(0, 0),
      volatility: Float64Array.of(0.7, 0.7),
      drift: Float64Array.of(0.2, 0.2),
      correlation: Float64Array.of(1, 1, 1, 1),
      seed: 99,
    }
    const one = liquidationMonteCarlo(single)
    const two = liquidationMonteCarlo(split)
    expect(two.correlationAdjusted).toBe(false)
    two.horizons.forEach((h, k) => {
      const other = one.horizons[k] as (typeof one.horizons)[number]
      expect(Math.abs(h.probability - other.probability)).toBeLessThanOrEqual(
        3 * Math.hypot(h.standardError, other.standardError),
      )
    })
    expectAgrees(two, closedForm({ spot: 1, barrier: 0.98, side: 'down', drift: 0.2, volatility: 0.7 }))
  })

  test('with several factors (y nonlinear) the bridge on a 6-step grid agrees with a 168-step (hourly) grid', () => {
    const input = threeAssets({ fixedDebt: 80_000 / 1.08 - 8_000 })
    const coarse = liquidationMonteCarlo({ ...input, steps: 6 })
    const fine = liquidationMonteCarlo({ ...input, steps: 168, seed: 6 })
    const seenOnly = liquidationMonteCarlo({ ...input, steps: 6, brownianBridge: false })
    coarse.horizons.forEach((h, k) => {
      const f = fine.horizons[k] as (typeof fine.horizons)[number]
      expect(Math.abs(h.probability - f.probability)).toBeLessThanOrEqual(
        3 * Math.hypot(h.standardError, f.standardError),
      )
    })
    // 7 d: P ≈ 0.34; six grid points alone see only about 0.23 of it.
    const [c, s] = [coarse.horizons[2], seenOnly.horizons[2]] as HorizonProbabilityPair
    expect(c.probability).toBeGreaterThan(0.3)
    expect(c.probability - s.probability).toBeGreaterThan(10 * Math.hypot(c.standardError, s.standardError))
  })

  test('a correlation matrix that is not positive semidefinite is repaired and reported', () => {
    const r = liquidationMonteCarlo(
      threeAssets({ correlation: Float64Array.of(1, 0.9, 0.9, 0.9, 1, -0.9, 0.9, -0.9, 1) }),
    )
    expect(r.correlationAdjusted).toBe(true)
    for (const h of r.horizons) expect(Number.isFinite(h.probability)).toBe(true)
  })
})

describe('liquidationMonteCarlo, innovations', () => {
  const far = oneFactor({ collateral: 100, debt: 0, fixedCollateral: 0, fixedDebt: 95, volatility: 0.8, drift: 0 })

  test('Student-t with large ν approaches the normal case', () => {
    const normal = liquidationMonteCarlo(threeAssets())
    const t = liquidationMonteCarlo(threeAssets({ innovations: { kind: 'student-t', degreesOfFreedom: 400 } }))
    t.horizons.forEach((h, k) => {
      const other = normal.horizons[k] as (typeof normal.horizons)[number]
      expect(Math.abs(h.probability - other.probability)).toBeLessThanOrEqual(
        3 * Math.hypot(h.standardError, other.standardError),
      )
    })
  })

  test('Student-t with small ν (fat tails) raises the 1 h probability of a barrier 6σ away', () => {
    // ln(100/95)/(0.8·√(1 h)) ≈ 6: a normal step almost never gets there, a t₃ step sometimes does.
    const normal = liquidationMonteCarlo(far)
    const t3 = liquidationMonteCarlo({ ...far, innovations: { kind: 'student-t', degreesOfFreedom: 3 } })
    const [n1, t1] = [normal.horizons[0], t3.horizons[0]] as HorizonProbabilityPair
    expect(n1.probability).toBeLessThan(1e-6)
    expect(t1.probability - 3 * t1.standardError).toBeGreaterThan(100 * (n1.probability + 3 * n1.standardError))
  })

  test('ν ≤ 2 has no variance to scale to one and is refused', () => {
    expect(() => liquidationMonteCarlo({ ...far, innovations: { kind: 'student-t', degreesOfFreedom: 2 } })).toThrow(
      RangeError,
    )
  })
})

type HorizonProbabilityPair = [LiquidationMonteCarlo['horizons'][number], LiquidationMonteCarlo['horizons'][number]]

describe('liquidationMonteCarlo, determinism and edges', () => {
  test('the same seed gives the identical result; another seed a different one', () => {
    const input = threeAssets({ innovations: { kind: 'student-t', degreesOfFreedom: 5 }, paths: 5_001 })
    const a = liquidationMonteCarlo(input)
    expect(liquidationMonteCarlo(input)).toEqual(a)
    expect(a.paths).toBe(5_002)
    expect(probabilities(liquidationMonteCarlo({ ...input, seed: 6 }))).not.toEqual(probabilities(a))
  })

  test('reports horizons in the order asked, each on the grid', () => {
    const r = liquidationMonteCarlo(threeAssets({ horizonsSeconds: [604_800, 3_600, 86_400] }))
    const sorted = liquidationMonteCarlo(threeAssets())
    expect(r.horizons.map((h) => h.horizonSeconds)).toEqual([604_800, 3_600, 86_400])
    expect(r.horizons[0]).toEqual(sorted.horizons[2])
  })

  test('needs no paths when the answer is settled: already liquidated, no debt, nothing moving', () => {
    const settled = (input: LiquidationMonteCarloInput) => liquidationMonteCarlo(input)
    const liquidated = settled(threeAssets({ fixedDebt: 80_000 }))
    expect(liquidated.paths).toBe(0)
    expect(probabilities(liquidated)).toEqual([1, 1, 1])
    const noDebt = settled(threeAssets({ fixedDebt: 0, debt: Float64Array.of(0, 0, 0) }))
    expect(probabilities(noDebt)).toEqual([0, 0, 0])
    const stable = settled(
      oneFactor({ collateral: 0, debt: 0, fixedCollateral: 100, fixedDebt: 90, volatility: 0.8, drift: 0 }),
    )
    expect(probabilities(stable)).toEqual([0, 0, 0])
    expect(stable.horizons.map((h) => h.standardError)).toEqual([0, 0, 0])
  })

  test('rejects malformed input', () => {
    const base = threeAssets()
    expect(() => liquidationMonteCarlo({ ...base, debt: Float64Array.of(0, 0) })).toThrow(RangeError)
    expect(() => liquidationMonteCarlo({ ...base, volatility: Float64Array.of(0.7, -0.1, 0.9) })).toThrow(RangeError)
    expect(() => liquidationMonteCarlo({ ...base, horizonsSeconds: [0] })).toThrow(RangeError)
    expect(() => liquidationMonteCarlo({ ...base, steps: 2 })).toThrow(RangeError)
    expect(() => liquidationMonteCarlo({ ...base, paths: 2 })).toThrow(RangeError)
    expect(() => liquidationMonteCarlo({ ...base, correlation: Float64Array.of(1, 0, 0, 1) })).toThrow(RangeError)
  })
})

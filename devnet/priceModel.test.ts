import { expect, test } from 'vitest'
import { createPriceModel, feedUpdateDue, generateHistory, scenarioShapes } from './priceModel.mjs'

const assets = [
  { symbol: 'A', price: 100, annualVol: 0.6 },
  { symbol: 'B', price: 10, annualVol: 0.9 },
]

test('the price model is reproducible for a seed and differs across seeds', () => {
  const run = (seed: number) => {
    const m = createPriceModel({ seed, assets, shape: scenarioShapes.volatile })
    for (let i = 0; i < 500; i++) m.step(60)
    return m.prices()
  }
  expect(run(7)).toEqual(run(7))
  expect(run(7)).not.toEqual(run(8))
})

test('calm returns have the asset volatility and cluster (squared returns are autocorrelated)', () => {
  const m = createPriceModel({
    seed: 3,
    assets: [assets[0] as (typeof assets)[0]],
    shape: scenarioShapes.calm,
    alpha: 0.15,
    beta: 0.8,
  })
  const dt = 3600
  const returns: number[] = []
  let last = m.prices().A as number
  for (let i = 0; i < 40_000; i++) {
    const p = m.step(dt).A as number
    returns.push(Math.log(p / last))
    last = p
  }
  const mean = returns.reduce((s, r) => s + r, 0) / returns.length
  const variance = returns.reduce((s, r) => s + (r - mean) ** 2, 0) / returns.length
  const annualised = Math.sqrt((variance * 365 * 24 * 3600) / dt)
  expect(annualised).toBeGreaterThan(0.54)
  expect(annualised).toBeLessThan(0.66)
  const sq = returns.map((r) => r * r)
  const sqMean = variance
  let num = 0
  let den = 0
  for (let i = 1; i < sq.length; i++) num += ((sq[i] as number) - sqMean) * ((sq[i - 1] as number) - sqMean)
  for (const s of sq) den += (s - sqMean) ** 2
  expect(num / den).toBeGreaterThan(0.05)
})

test('a feed updates on deviation or heartbeat, as Chainlink feeds do', () => {
  const rules = { deviation: 0.005, heartbeat: 3600 }
  expect(feedUpdateDue(100, 0, 100.4, 10, rules)).toBe(false)
  expect(feedUpdateDue(100, 0, 100.5, 10, rules)).toBe(true)
  expect(feedUpdateDue(100, 0, 99.5, 10, rules)).toBe(true)
  expect(feedUpdateDue(100, 0, 100, 3600, rules)).toBe(true)
})

test('seeded history is unevenly spaced, within heartbeat, and ends at the current price', () => {
  const h = generateHistory({ seed: 1, assets, endTime: 1_000_000_000, days: 3 })
  for (const a of assets) {
    const { answers, timestamps } = h[a.symbol] as { answers: number[]; timestamps: number[] }
    expect(answers.at(-1)).toBeCloseTo(a.price, 10)
    const gaps = timestamps.slice(1).map((t, i) => t - (timestamps[i] as number))
    expect(Math.max(...gaps)).toBeLessThanOrEqual(3600)
    expect(new Set(gaps).size).toBeGreaterThan(5)
  }
})

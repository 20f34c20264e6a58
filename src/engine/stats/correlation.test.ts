import { describe, expect, test } from 'vitest'
import type { PriceRound } from '../snapshot'
import { correlationMatrix, logPricesOnGrid } from './correlation'
import { seededNormal, seededUniform } from './testing/seededNormal'

const STEP = 15 // seconds between points of the latent path
const DAYS = 20
const POINTS = (DAYS * 86_400) / STEP
const T0 = 1_700_000_000

/** A latent log-price path: Brownian with 80 % annual volatility on a 15-second grid. */
function latentPath(seed: number): Float64Array {
  const normal = seededNormal(seed)
  const sd = 0.8 * Math.sqrt(STEP / (365 * 86_400))
  const path = new Float64Array(POINTS)
  for (let k = 1; k < POINTS; k++) path[k] = (path[k - 1] as number) + sd * normal()
  return path
}

/** A feed reporting exp(level + path) at its own random times (gaps 1–10 minutes), as 8-decimal answers. */
function feed(path: Float64Array, level: number, seed: number): PriceRound[] {
  const uniform = seededUniform(seed)
  const rounds: PriceRound[] = []
  for (let k = 0; k < POINTS; k += Math.round((60 + 540 * uniform()) / STEP)) {
    const answer = BigInt(Math.round(Math.exp(level + (path[k] as number)) * 1e8))
    rounds.push({ roundId: BigInt(rounds.length + 1), answer, updatedAt: T0 + k * STEP })
  }
  return rounds
}

describe('logPricesOnGrid', () => {
  test('carries the last positive answer forward; NaN before the first round', () => {
    const rounds: PriceRound[] = [
      { roundId: 1n, answer: 100n, updatedAt: 10 },
      { roundId: 2n, answer: 0n, updatedAt: 25 },
      { roundId: 3n, answer: 200n, updatedAt: 30 },
    ]
    const grid = Array.from(logPricesOnGrid(rounds, 0, 10, 5))
    expect(grid[0]).toBeNaN()
    expect(grid.slice(1)).toEqual([Math.log(100), Math.log(100), Math.log(200), Math.log(200)])
  })
})

describe('correlationMatrix', () => {
  const eth = latentPath(1)
  const independent = latentPath(2)

  test('two asynchronous feeds of the same price: ρ ≈ 1 on hourly buckets', () => {
    const m = correlationMatrix(
      [
        { asset: 'ETH/USD', rounds: feed(eth, Math.log(2_000), 3) },
        { asset: 'ETH/BTC', rounds: feed(eth, Math.log(0.05), 4) },
      ],
      3_600,
    )
    expect(m.buckets).toBeGreaterThan(470)
    expect(m.correlation[0]?.[0]).toBeCloseTo(1, 12)
    expect(m.correlation[0]?.[1]).toBeGreaterThan(0.95)
    expect(m.correlation[1]?.[0]).toBe(m.correlation[0]?.[1])
  })

  test('an inverse feed: ρ ≈ −1', () => {
    const inverse = eth.map((x) => -x)
    const m = correlationMatrix(
      [
        { asset: 'ETH/USD', rounds: feed(eth, Math.log(2_000), 3) },
        { asset: 'USD/ETH', rounds: feed(inverse, Math.log(0.0005), 5) },
      ],
      3_600,
    )
    expect(m.correlation[0]?.[1]).toBeLessThan(-0.95)
  })

  test('independent feeds: |ρ| within 3 standard errors (3/√buckets) of 0', () => {
    const m = correlationMatrix(
      [
        { asset: 'A', rounds: feed(eth, 0, 3) },
        { asset: 'B', rounds: feed(independent, 0, 6) },
      ],
      3_600,
    )
    expect(Math.abs(m.correlation[0]?.[1] as number)).toBeLessThan(3 / Math.sqrt(m.buckets))
  })

  test('a known ρ = 0.6 mix is recovered within 0.1', () => {
    const mixed = eth.map((x, k) => 0.6 * x + 0.8 * (independent[k] as number))
    const m = correlationMatrix(
      [
        { asset: 'A', rounds: feed(eth, 0, 3) },
        { asset: 'B', rounds: feed(mixed, 0, 7) },
      ],
      3_600,
    )
    expect(Math.abs((m.correlation[0]?.[1] as number) - 0.6)).toBeLessThan(0.1)
  })

  test('buckets shorter than the update gaps bias ρ toward 0 (the Epps effect the bucket size guards against)', () => {
    const feeds = [
      { asset: 'A', rounds: feed(eth, 0, 3) },
      { asset: 'B', rounds: feed(eth, 0, 4) },
    ]
    const fine = correlationMatrix(feeds, 60).correlation[0]?.[1] as number
    const hourly = correlationMatrix(feeds, 3_600).correlation[0]?.[1] as number
    expect(fine).toBeLessThan(hourly - 0.2)
  })

  test('a feed that never moves, or too short a window: null', () => {
    const flat: PriceRound[] = [0, 1, 2, 3, 4, 5].map((i) => ({
      roundId: BigInt(i),
      answer: 1n,
      updatedAt: T0 + i * 3_600,
    }))
    const m = correlationMatrix(
      [
        { asset: 'A', rounds: feed(eth, 0, 3) },
        { asset: 'FLAT', rounds: flat },
      ],
      3_600,
    )
    expect(m.correlation[0]?.[1]).toBeNull()
    expect(correlationMatrix([{ asset: 'A', rounds: flat.slice(0, 3) }], 3_600).correlation[0]?.[0]).toBeNull()
  })
})

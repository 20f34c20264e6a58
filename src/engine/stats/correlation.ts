import type { PriceRound } from '../snapshot'

/**
 * Correlations between assets' log returns. Feeds update asynchronously (each on its own deviation
 * threshold and heartbeat), so returns are taken on a common time grid, each feed's price at a grid
 * time being its last round at or before it (last observation carried forward). Buckets shorter
 * than the feeds' typical update gap bias ρ toward 0 (the Epps effect: a move one feed has reported
 * and the other not yet shows up as uncorrelated), so the bucket should be at least a heartbeat.
 */

export type FeedRounds = { asset: string; rounds: readonly PriceRound[] }

export type CorrelationMatrix = {
  assets: string[]
  bucketSeconds: number
  /** First grid time (seconds): the latest first round among the feeds. */
  startTime: number
  /** Returns per asset on the grid (grid points − 1). */
  buckets: number
  /** ρ[i][j] as float64; null where a series did not move in any bucket or there are < 3 buckets. */
  correlation: (number | null)[][]
}

/**
 * ln p(t_k) on the grid t_k = startTime + k·bucketSeconds (k = 0…count−1), p(t) being the answer of
 * the last round with updatedAt ≤ t and answer > 0 (rounds oldest first); NaN before the first one.
 */
export function logPricesOnGrid(
  rounds: readonly PriceRound[],
  startTime: number,
  bucketSeconds: number,
  count: number,
): Float64Array {
  const out = new Float64Array(count).fill(Number.NaN)
  let r = 0
  let last = Number.NaN
  for (let k = 0; k < count; k++) {
    const t = startTime + k * bucketSeconds
    for (; r < rounds.length && (rounds[r] as PriceRound).updatedAt <= t; r++) {
      const answer = (rounds[r] as PriceRound).answer
      if (answer > 0n) last = Math.log(Number(answer))
    }
    out[k] = last
  }
  return out
}

/**
 * Pearson correlation matrix of bucket log returns x_{a,k} = ln p_a(t_k) − ln p_a(t_{k−1}):
 *
 * ρ_ab = Σ(x_a − x̄_a)(x_b − x̄_b) / √(Σ(x_a − x̄_a)² Σ(x_b − x̄_b)²),
 *
 * on the grid from the latest first round to `endTime` (default: the earliest last round, so no
 * feed is carried forward past its own history).
 */
export function correlationMatrix(
  feeds: readonly FeedRounds[],
  bucketSeconds: number,
  endTime?: number,
): CorrelationMatrix {
  const firsts = feeds.map((f) => f.rounds.find((round) => round.answer > 0n)?.updatedAt ?? Number.POSITIVE_INFINITY)
  const lasts = feeds.map((f) => f.rounds.at(-1)?.updatedAt ?? Number.NEGATIVE_INFINITY)
  const startTime = Math.max(...firsts)
  const end = endTime ?? Math.min(...lasts)
  const points = Number.isFinite(startTime) && end >= startTime ? Math.floor((end - startTime) / bucketSeconds) + 1 : 0
  const buckets = Math.max(points - 1, 0)

  const returns = feeds.map((f) => {
    const logPrices = logPricesOnGrid(f.rounds, startTime, bucketSeconds, points)
    const x = new Float64Array(buckets)
    let mean = 0
    for (let k = 0; k < buckets; k++) {
      x[k] = (logPrices[k + 1] as number) - (logPrices[k] as number)
      mean += (x[k] as number) / buckets
    }
    for (let k = 0; k < buckets; k++) x[k] = (x[k] as number) - mean
    return x
  })

  const correlation = feeds.map((_, a) =>
    feeds.map((_, b) => {
      const xa = returns[a] as Float64Array
      const xb = returns[b] as Float64Array
      let ab = 0
      let aa = 0
      let bb = 0
      for (let k = 0; k < buckets; k++) {
        ab += (xa[k] as number) * (xb[k] as number)
        aa += (xa[k] as number) ** 2
        bb += (xb[k] as number) ** 2
      }
      return buckets >= 3 && aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : null
    }),
  )
  return { assets: feeds.map((f) => f.asset), bucketSeconds, startTime, buckets, correlation }
}

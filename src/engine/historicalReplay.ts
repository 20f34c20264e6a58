import { smoothHealthFactorInputs } from './greeks/lendingGreeks'
import { type HealthFactorTerms, healthFactorAt } from './healthFactorTerms'
import type { Hex, PriceRound } from './snapshot'
import { MAX_UINT256 } from './wadRayMath'

/**
 * Historical replay (issue 5, point 5): "how close would my current positions have come to
 * liquidation over the last N days?" The account's balances are held as they are now and every
 * position's price follows its oracle's past rounds (the last answer at or before each time), so the
 * health factor is replayed at every round of any asset in the window.
 *
 * The walk uses the smooth float64 HF (Σ c·p·LT / Σ d·p) so a few thousand rounds cost microseconds
 * each; the lowest points are then recomputed exactly (bigint, GenericLogic's rounding) and the
 * minimum is the exact minimum among them. Positions with no history keep today's price.
 */

export type ReplayReport = {
  fromTime: number
  toTime: number
  /** Times the HF was evaluated (unix seconds): every round of a position's feed in the window. */
  points: number
  /** The lowest HF (exact, WAD) and when; null without debt. */
  minHealthFactorWad: bigint | null
  minAt: number | null
  /** Each position's price at that moment (base currency), by asset. */
  pricesAtMin: Record<Hex, bigint>
  /** Seconds during which the replayed HF (smooth) was below 1, and when it first went below. */
  secondsBelowOne: number
  firstBelowOneAt: number | null
  /** The replayed series, downsampled (each bucket keeps its lowest point) for charts. */
  series: { time: Float64Array; healthFactor: Float64Array }
  /** Positions that kept today's price (no rounds in or before the window). */
  withoutHistory: Hex[]
}

/** Points the series keeps at most (charts downsample further). */
export const REPLAY_SERIES_POINTS = 500
/** How many of the lowest smooth points are recomputed exactly. */
const EXACT_CANDIDATES = 16

export function historicalReplay(
  t: HealthFactorTerms,
  history: Readonly<Record<Hex, readonly PriceRound[]>>,
  { fromTime, toTime }: { fromTime: number; toTime: number },
): ReplayReport {
  const n = t.assets.length
  const rounds = t.assets.map((asset, i) => (t.followsOracle[i] ? (history[asset] ?? []) : []))
  const withoutHistory = t.assets.filter(
    (_, i) => !(rounds[i] as readonly PriceRound[]).some((r) => r.updatedAt <= toTime),
  )
  // Each position's price index into its rounds: the last round at or before the clock (−1: none yet).
  const cursor = new Int32Array(n).fill(-1)
  const price: bigint[] = [...t.price]
  const advance = (time: number) => {
    for (let i = 0; i < n; i++) {
      const r = rounds[i] as readonly PriceRound[]
      let k = cursor[i] as number
      while (k + 1 < r.length && (r[k + 1] as PriceRound).updatedAt <= time) {
        k++
        const answer = (r[k] as PriceRound).answer
        if (answer > 0n) price[i] = answer
      }
      cursor[i] = k
    }
  }
  advance(fromTime)

  const times = [
    ...new Set([
      fromTime,
      ...rounds.flatMap((r) =>
        r.filter((x) => x.updatedAt > fromTime && x.updatedAt <= toTime).map((x) => x.updatedAt),
      ),
    ]),
  ].sort((a, b) => a - b)

  // Σ c·LT and Σ d in units (smoothHealthFactorInputs): their ratio at base-currency prices is the smooth HF.
  const { weighted: weight, debt } = smoothHealthFactorInputs(t)
  const smooth = new Float64Array(times.length)
  const snapshots: bigint[][] = []
  let secondsBelowOne = 0
  let firstBelowOneAt: number | null = null
  times.forEach((time, k) => {
    advance(time)
    let w = 0
    let d = 0
    for (let i = 0; i < n; i++) {
      w += (weight[i] as number) * Number(price[i])
      d += (debt[i] as number) * Number(price[i])
    }
    smooth[k] = d > 0 ? w / d : Number.POSITIVE_INFINITY
    snapshots.push([...price])
    if ((smooth[k] as number) < 1) {
      firstBelowOneAt ??= time
      secondsBelowOne += (times[k + 1] ?? toTime) - time
    }
  })

  let minHealthFactorWad: bigint | null = null
  let minAt: number | null = null
  let pricesAtMin: Record<Hex, bigint> = {}
  if (t.totalDebt > 0n && times.length > 0) {
    const order = Array.from(smooth.keys()).sort((a, b) => (smooth[a] as number) - (smooth[b] as number))
    for (const k of order.slice(0, EXACT_CANDIDATES)) {
      const at = snapshots[k] as bigint[]
      const hf = healthFactorAt(t, (i) => at[i])
      if (minHealthFactorWad === null || hf < minHealthFactorWad) {
        minHealthFactorWad = hf === MAX_UINT256 ? null : hf
        minAt = times[k] as number
        pricesAtMin = Object.fromEntries(t.assets.map((a, i) => [a, at[i] as bigint]))
      }
    }
  }
  return {
    fromTime,
    toTime,
    points: times.length,
    minHealthFactorWad,
    minAt,
    pricesAtMin,
    secondsBelowOne,
    firstBelowOneAt,
    series: downsampleKeepingMinimum(Float64Array.from(times), smooth, REPLAY_SERIES_POINTS),
    withoutHistory,
  }
}

/** Splits the series into `max` buckets and keeps each bucket's lowest point (the minimum survives). */
export function downsampleKeepingMinimum(time: Float64Array, value: Float64Array, max: number) {
  if (time.length <= max) return { time, healthFactor: value }
  const outTime = new Float64Array(max)
  const outValue = new Float64Array(max)
  for (let b = 0; b < max; b++) {
    const start = Math.floor((b * time.length) / max)
    const end = Math.floor(((b + 1) * time.length) / max)
    let best = start
    for (let k = start + 1; k < end; k++) if ((value[k] as number) < (value[best] as number)) best = k
    outTime[b] = time[best] as number
    outValue[b] = value[best] as number
  }
  return { time: outTime, healthFactor: outValue }
}

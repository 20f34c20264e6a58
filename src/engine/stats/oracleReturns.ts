import type { PriceRound } from '../snapshot'
import { SECONDS_PER_YEAR } from './timeBasis'

/**
 * Log returns of an oracle feed between consecutive usable rounds. Feeds update on a deviation
 * threshold or a heartbeat, so rounds are unevenly spaced: every return carries the seconds it
 * spans, and `timeScaledReturns` puts them on one variance basis before any estimator sees them.
 */

/** Returns of one feed as parallel float64 arrays (oldest first). */
export type OracleReturns = {
  /** ln(answer_i / answer_{i−1}) between consecutive usable rounds. */
  logReturns: Float64Array
  /** Seconds between those rounds' `updatedAt` (always > 0). */
  elapsedSeconds: Float64Array
  /** `updatedAt` (seconds) of the round that ends each return. */
  endTimes: Float64Array
}

/**
 * Log returns r_i = ln(p_i / p_{i−1}) and gaps Δt_i = t_i − t_{i−1} from rounds sorted oldest first.
 *
 * A round with answer ≤ 0 is skipped (a feed reporting zero or a negative price is broken, not a
 * −100 % move). A round whose `updatedAt` is not after the anchor's is skipped as well, keeping the
 * earlier anchor: a move with no elapsed time has no variance rate, and the next return then spans
 * the whole move, so Σ r_i still equals ln(last / first).
 */
export function oracleReturns(rounds: readonly PriceRound[]): OracleReturns {
  const logReturns: number[] = []
  const elapsedSeconds: number[] = []
  const endTimes: number[] = []
  let anchor: PriceRound | undefined
  for (const round of rounds) {
    if (round.answer <= 0n) continue
    if (anchor === undefined) {
      anchor = round
      continue
    }
    const dt = round.updatedAt - anchor.updatedAt
    if (!(dt > 0)) continue
    // The ratio of two Numbers is exact to 1 ulp for answers below 2^53 (8-decimal USD feeds) and to
    // ~1e-16 relative above it: far below any price move a feed reports.
    logReturns.push(Math.log(Number(round.answer) / Number(anchor.answer)))
    elapsedSeconds.push(dt)
    endTimes.push(round.updatedAt)
    anchor = round
  }
  return {
    logReturns: Float64Array.from(logReturns),
    elapsedSeconds: Float64Array.from(elapsedSeconds),
    endTimes: Float64Array.from(endTimes),
  }
}

/**
 * Returns rescaled to a common variance basis: z_i = r_i · √(basis / Δt_i).
 *
 * If the log price is a Brownian motion with variance rate σ² per `basisSeconds`, then
 * Var(r_i) = σ² Δt_i / basis and every z_i has variance σ², whatever its gap. The default basis is
 * a year, so var(z) is an annualised variance and √var(z) an annualised volatility; GARCH and the
 * downside statistics work on these z_i as if they were evenly spaced draws.
 */
export function timeScaledReturns(returns: OracleReturns, basisSeconds: number = SECONDS_PER_YEAR): Float64Array {
  const n = returns.logReturns.length
  const scaled = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    scaled[i] = (returns.logReturns[i] as number) * Math.sqrt(basisSeconds / (returns.elapsedSeconds[i] as number))
  }
  return scaled
}

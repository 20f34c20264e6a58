import { maxOf, minOf } from './bigintOrder'

/**
 * The amount search every proposal uses: the smallest amount whose outcome reaches a target
 * (or the largest that keeps above a floor), on the engine's exact bigint outcome rather than a
 * closed form, because Aave floors every value and a swap's output is not linear.
 */

export type AmountSearch = {
  lo: bigint
  hi: bigint
  /** The outcome for an amount (a health factor, WAD); monotone in the amount. */
  value: (amount: bigint) => bigint
  target: bigint
  /** increasing: smallest amount with value ≥ target. decreasing: largest amount with value ≥ target. */
  direction: 'increasing' | 'decreasing'
  /** Stop when the bracket is this narrow (default: the answer / 10^7, at least 1 unit). */
  tolerance?: (answer: bigint) => bigint
}

const defaultTolerance = (answer: bigint) => maxOf(answer / 10_000_000n, 1n)

/**
 * Secant steps on f(x) = value(x) − target from the two latest points, kept inside a bracket
 * [bad, good] (good: f ≥ 0) and falling back to bisection when a step would leave it. HF is close
 * to linear in an amount (or to 1/linear), so the steps converge in a few evaluations; once a
 * step moves less than the tolerance, one probe half a tolerance to the other side closes the
 * bracket. Returns the good end, or undefined when even the best end of [lo, hi] misses the target.
 */
export function solveAmount(search: AmountSearch): bigint | undefined {
  const { value, target } = search
  const tolerance = search.tolerance ?? defaultTolerance
  const inc = search.direction === 'increasing'
  let good = inc ? search.hi : search.lo
  let bad = inc ? search.lo : search.hi
  const fHi = value(good) - target
  if (fHi < 0n) return undefined
  const fLo = value(bad) - target
  if (fLo >= 0n) return bad
  const evaluate = (x: bigint) => {
    const fx = value(x) - target
    if (fx >= 0n) good = x
    else bad = x
    return fx
  }
  const inside = (x: bigint) => x > minOf(good, bad) && x < maxOf(good, bad)
  let [x0, f0, x1, f1] = [bad, fLo, good, fHi]
  for (let i = 0; i < 100; i++) {
    if (maxOf(good, bad) - minOf(good, bad) <= tolerance(good)) break
    let x = f1 !== f0 ? x1 - (f1 * (x1 - x0)) / (f1 - f0) : (good + bad) / 2n
    if (!inside(x)) x = (good + bad) / 2n
    if (!inside(x)) break
    const h = maxOf(tolerance(x) / 2n, 1n)
    const step = x > x1 ? x - x1 : x1 - x
    if (step <= h) {
      // Converged in x: probe just past it on the side the bracket is still open.
      const fx = evaluate(x)
      const toward = fx >= 0n ? bad : good
      const y = toward > x ? x + h : x - h
      if (inside(y)) evaluate(y)
      ;[x0, f0, x1, f1] = [x1, f1, x, fx]
      continue
    }
    const fx = evaluate(x)
    ;[x0, f0, x1, f1] = [x1, f1, x, fx]
  }
  return good
}

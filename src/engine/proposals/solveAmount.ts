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
  // Bracket [bad, good] kept in a small object and helpers at module level, not closures: a search
  // runs tens of times per proposal set, and a closure costs ~300 ns where names are kept (tsx).
  const b: Bracket = { good: inc ? search.hi : search.lo, bad: inc ? search.lo : search.hi }
  const fHi = value(b.good) - target
  if (fHi < 0n) return undefined
  const fLo = value(b.bad) - target
  if (fLo >= 0n) return b.bad
  let [x0, f0, x1, f1] = [b.bad, fLo, b.good, fHi]
  for (let i = 0; i < 100; i++) {
    if (maxOf(b.good, b.bad) - minOf(b.good, b.bad) <= tolerance(b.good)) break
    let x = f1 !== f0 ? x1 - (f1 * (x1 - x0)) / (f1 - f0) : (b.good + b.bad) / 2n
    if (!inside(b, x)) x = (b.good + b.bad) / 2n
    if (!inside(b, x)) break
    const h = maxOf(tolerance(x) / 2n, 1n)
    const step = x > x1 ? x - x1 : x1 - x
    if (step <= h) {
      // Converged in x: probe just past it on the side the bracket is still open.
      const fx = probe(b, search, x)
      const toward = fx >= 0n ? b.bad : b.good
      const y = toward > x ? x + h : x - h
      if (inside(b, y)) probe(b, search, y)
      ;[x0, f0, x1, f1] = [x1, f1, x, fx]
      continue
    }
    const fx = probe(b, search, x)
    ;[x0, f0, x1, f1] = [x1, f1, x, fx]
  }
  return b.good
}

type Bracket = { good: bigint; bad: bigint }

/** f(x) = value(x) − target, moving the bracket's end on that side to x. */
function probe(b: Bracket, search: AmountSearch, x: bigint): bigint {
  const fx = search.value(x) - search.target
  if (fx >= 0n) b.good = x
  else b.bad = x
  return fx
}

/** Strictly between the bracket's ends. */
const inside = (b: Bracket, x: bigint) => x > minOf(b.good, b.bad) && x < maxOf(b.good, b.bad)

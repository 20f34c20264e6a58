/**
 * TickBitmap.nextInitializedTickWithinOneWord, answered from a pool's list of initialized ticks
 * instead of its bitmap. The pool steps at most to the edge of the current 256-tick word even
 * when no tick is initialized there; every step rounds, so an exact swap must stop where the
 * pool stops.
 */

export type InitializedTick = { index: number; liquidityNet: bigint }

/** Ticks sorted by index (a copy, unless already sorted). */
export function sortedTicks(ticks: readonly InitializedTick[]): readonly InitializedTick[] {
  for (let i = 1; i < ticks.length; i++)
    if ((ticks[i - 1] as InitializedTick).index > (ticks[i] as InitializedTick).index)
      return [...ticks].sort((a, b) => a.index - b.index)
  return ticks
}

/** Index of the first tick with index ≥ `tick` (ticks.length if none). */
function lowerBound(ticks: readonly InitializedTick[], tick: number): number {
  let lo = 0
  let hi = ticks.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((ticks[mid] as InitializedTick).index < tick) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * The next tick the pool stops at from `tick`: searching left including the current tick's
 * compressed position when `lte` (token0 in), right from the next one otherwise, within one
 * bitmap word (256 compressed ticks: compressed = ⌊tick / spacing⌋, word = compressed >> 8).
 */
export function nextInitializedTickWithinOneWord(
  ticks: readonly InitializedTick[],
  tick: number,
  tickSpacing: number,
  lte: boolean,
): { next: number; initialized: boolean; liquidityNet: bigint } {
  const compressed = Math.floor(tick / tickSpacing)
  if (lte) {
    const wordStart = Math.floor(compressed / 256) * 256
    const i = lowerBound(ticks, compressed * tickSpacing + 1) - 1
    const found = i >= 0 ? (ticks[i] as InitializedTick) : undefined
    if (found && found.index >= wordStart * tickSpacing)
      return { next: found.index, initialized: true, liquidityNet: found.liquidityNet }
    return { next: wordStart * tickSpacing, initialized: false, liquidityNet: 0n }
  }
  const from = compressed + 1
  const wordEnd = Math.floor(from / 256) * 256 + 255
  const found = ticks[lowerBound(ticks, from * tickSpacing)]
  if (found && found.index <= wordEnd * tickSpacing)
    return { next: found.index, initialized: true, liquidityNet: found.liquidityNet }
  return { next: wordEnd * tickSpacing, initialized: false, liquidityNet: 0n }
}

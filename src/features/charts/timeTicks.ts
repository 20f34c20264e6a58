/** Tick steps a clock reads easily (ms): 1, 2, 5, 10, 15, 30 s; 1, 2, 5, 10, 15, 30 min; 1, 2, 3, 6, 12 h; days. */
const STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 10_800, 21_600, 43_200, 86_400].map(
  (s) => s * 1_000,
)

/**
 * Tick positions for a time axis over [min, max] (epoch ms): whole multiples of the smallest round
 * step that gives at most `count` ticks. Passed to Recharts as `ticks`, they are unique (its own
 * time ticks can repeat a value and collide as React keys) and stay put from one redraw to the next,
 * so their labels are measured once and then read from Recharts' text-size cache.
 */
export function timeTicks(min: number, max: number, count: number): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) return []
  if (max === min) return [min]
  const span = max - min
  const wanted = Math.max(1, count - 1)
  const step = STEPS_MS.find((s) => span / s <= wanted) ?? Math.ceil(span / wanted / 86_400_000) * 86_400_000
  const ticks: number[] = []
  for (let t = Math.ceil(min / step) * step; t <= max; t += step) ticks.push(t)
  return ticks
}

import { useEffect, useRef, useState } from 'react'
import { queueChartUpdate } from './chartUpdateQueue'

/**
 * `value` as drawn: the first one at once (or `initial` first, then the value in its turn), each
 * later one in a task of its own through the chart update queue (chartUpdateQueue.ts), so one
 * Recharts redraw never shares a task with another. Nothing is queued while `paused` (a chart off
 * screen keeps its drawing and catches up when it comes back) or when `same(drawn, next)` says the
 * change would not show. A newer value replaces a queued one, which gives up its turn.
 */
export function useQueuedValue<T>(
  value: T,
  options: { paused?: boolean; same?: (drawn: T, next: T) => boolean; initial?: T } = {},
): T {
  const { paused = false, same } = options
  const [drawn, setDrawn] = useState(() => ('initial' in options ? (options.initial as T) : value))
  // `same` is usually an inline function: read it from a ref so a new one doesn't re-queue the update.
  const sameRef = useRef(same)
  sameRef.current = same
  useEffect(() => {
    if (paused || Object.is(drawn, value) || sameRef.current?.(drawn, value)) return
    return queueChartUpdate(() => setDrawn(() => value))
  }, [drawn, value, paused])
  return drawn
}

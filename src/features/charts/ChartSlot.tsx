import { createContext, type ReactNode, useContext, useEffect, useState } from 'react'
import { useQueuedValue } from './useQueuedValue'

/** Lets the chart's frame (its `<figure>`) tell the slot which element to watch for visibility. */
const ChartSlotContext = createContext<((element: HTMLElement | null) => void) | null>(null)

/** The ref callback a ChartFrame puts on its figure (null outside a slot). */
export const useChartSlotRef = () => useContext(ChartSlotContext)

/** Charts this close to the viewport are kept current, so scrolling rarely shows stale data. */
const VISIBLE_MARGIN = '200px'

/**
 * One chart's data, taken one chart at a time and only while the chart is on screen. A new `value`
 * reaches `children` in a task of its own (chartUpdateQueue) when it differs from the drawn one by
 * `same` (e.g. equal after rounding for display: no redraw for a change no one can see); a chart
 * scrolled out of view keeps its last drawing and catches up when it comes back. `children` should
 * return a memoised chart, so a render of the slot with unchanged data costs nothing.
 */
export function ChartSlot<T>({
  value,
  same = Object.is,
  children,
}: {
  value: T
  same?: (drawn: T, next: T) => boolean
  children: (value: T) => ReactNode
}) {
  const [element, setElement] = useState<HTMLElement | null>(null)
  const visible = useNearViewport(element)
  const drawn = useQueuedValue(value, { paused: !visible, same })
  return <ChartSlotContext.Provider value={setElement}>{children(drawn)}</ChartSlotContext.Provider>
}

/** Whether `element` is within VISIBLE_MARGIN of the viewport; true until known (and without the API). */
function useNearViewport(element: HTMLElement | null): boolean {
  const [near, setNear] = useState(true)
  useEffect(() => {
    if (!element || typeof IntersectionObserver === 'undefined') return
    const observer = new IntersectionObserver(
      (entries) => {
        const last = entries.at(-1)
        if (last) setNear(last.isIntersecting)
      },
      { rootMargin: VISIBLE_MARGIN },
    )
    observer.observe(element)
    return () => observer.disconnect()
  }, [element])
  return near
}

/**
 * Hands new data to the charts one at a time, each in its own task. A Recharts redraw of one chart
 * costs tens of milliseconds (layout, selectors, text measurement); six of them in one React render
 * make one task of hundreds (DESIGN.md: no main-thread task over 50 ms while streaming). An update
 * runs after a frame has been drawn since the previous one and CHART_UPDATE_GAP_MS more: Recharts
 * batches its store's notifications to the next animation frame, where every chart notified so far
 * re-renders in one callback, so the next chart must not start before that frame. Input and the
 * block stream get the time between them.
 */

/** Between two charts' updates: long enough for one chart's render and effects to finish first. */
export const CHART_UPDATE_GAP_MS = 40

type Job = { run: () => void; cancelled: boolean }

const queue: Job[] = []
let scheduled = false

function runNext() {
  scheduled = false
  let job = queue.shift()
  while (job?.cancelled) job = queue.shift()
  if (!job) return
  job.run()
  if (queue.length > 0) {
    scheduled = true
    afterNextFrame(() => setTimeout(runNext, CHART_UPDATE_GAP_MS))
  }
}

/** `then` once the browser has drawn its next frame (at once where there are no frames: tests, SSR). */
function afterNextFrame(then: () => void) {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => then())
  else then()
}

/**
 * Runs `update` in a task of its own after the updates queued before it (the first one after a
 * timer's turn, so a block's own render goes first). Returns a cancel function: an update that a
 * newer one replaces, or a chart that unmounts, gives up its turn.
 */
export function queueChartUpdate(update: () => void): () => void {
  const job: Job = { run: update, cancelled: false }
  queue.push(job)
  if (!scheduled) {
    scheduled = true
    setTimeout(runNext, 0)
  }
  return () => {
    job.cancelled = true
  }
}

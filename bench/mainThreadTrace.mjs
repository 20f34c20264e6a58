// Every task the page's main thread ran, from Chromium's own trace (not only the ≥ 50 ms ones the
// Long Tasks API reports): so the bench can say how far under the 50 ms budget the page stays, and
// how much main-thread time a block costs.

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline']

/** Starts a trace of `page`; the returned function stops it and gives the main thread's tasks (ms). */
export async function traceMainThread(browser, page) {
  await browser.startTracing(page, { categories: CATEGORIES })
  return async () => mainThreadTasks(JSON.parse((await browser.stopTracing()).toString()).traceEvents)
}

/**
 * Durations (ms) of the renderer main thread's top-level tasks, longest first. A trace can hold
 * several renderers (a service worker, a new tab): the main thread with the most task time is the page's.
 */
export function mainThreadTasks(events) {
  const mainThreads = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  )
  const byThread = new Map()
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`
    if (e.name !== 'RunTask' || e.ph !== 'X' || !mainThreads.has(thread)) continue
    const tasks = byThread.get(thread) ?? []
    tasks.push(e.dur / 1000)
    byThread.set(thread, tasks)
  }
  const busiest = [...byThread.values()].sort((a, b) => sum(b) - sum(a))[0] ?? []
  return busiest.sort((a, b) => b - a)
}

export const sum = (xs) => xs.reduce((a, b) => a + b, 0)

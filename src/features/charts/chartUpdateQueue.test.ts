import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { CHART_UPDATE_GAP_MS, queueChartUpdate } from './chartUpdateQueue'

describe('queueChartUpdate', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.runAllTimers()
    vi.useRealTimers()
  })

  test('runs updates in order, one per timer task, CHART_UPDATE_GAP_MS apart', () => {
    const ran: string[] = []
    for (const name of ['a', 'b', 'c']) queueChartUpdate(() => ran.push(name))
    expect(ran).toEqual([])
    vi.advanceTimersByTime(0)
    expect(ran).toEqual(['a'])
    vi.advanceTimersByTime(CHART_UPDATE_GAP_MS - 1)
    expect(ran).toEqual(['a'])
    vi.advanceTimersByTime(1)
    expect(ran).toEqual(['a', 'b'])
    vi.advanceTimersByTime(CHART_UPDATE_GAP_MS)
    expect(ran).toEqual(['a', 'b', 'c'])
  })

  test('a cancelled update gives up its turn; a later one starts the queue again', () => {
    const ran: string[] = []
    const cancelA = queueChartUpdate(() => ran.push('a'))
    queueChartUpdate(() => ran.push('b'))
    cancelA()
    vi.advanceTimersByTime(0)
    expect(ran).toEqual(['b'])
    vi.advanceTimersByTime(10 * CHART_UPDATE_GAP_MS)
    queueChartUpdate(() => ran.push('c'))
    vi.advanceTimersByTime(0)
    expect(ran).toEqual(['b', 'c'])
  })

  test('in a browser, the next update waits for a frame to be drawn after the previous one (Recharts redraws there)', () => {
    const frames: (() => void)[] = []
    vi.stubGlobal('requestAnimationFrame', (f: () => void) => frames.push(f))
    try {
      const ran: string[] = []
      for (const name of ['a', 'b']) queueChartUpdate(() => ran.push(name))
      vi.advanceTimersByTime(0)
      expect(ran).toEqual(['a'])
      vi.advanceTimersByTime(10 * CHART_UPDATE_GAP_MS)
      expect(ran, 'no frame drawn yet').toEqual(['a'])
      for (const f of frames.splice(0)) f()
      vi.advanceTimersByTime(CHART_UPDATE_GAP_MS - 1)
      expect(ran).toEqual(['a'])
      vi.advanceTimersByTime(1)
      expect(ran).toEqual(['a', 'b'])
    } finally {
      vi.unstubAllGlobals()
    }
  })
})

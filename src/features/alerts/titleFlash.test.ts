import { describe, expect, test } from 'vitest'
import type { AlertEvent } from './alertRules'
import { alertTitle, createTitleFlasher } from './titleFlash'

/** A page title and an interval clock driven by hand. */
function fakePage(title = 'MarginGuard') {
  const page = { title, titles: [] as string[], timers: new Map<number, () => void>(), nextId: 1 }
  const flasher = createTitleFlasher({
    getTitle: () => page.title,
    setTitle: (t) => {
      page.title = t
      page.titles.push(t)
    },
    setInterval: (callback, ms) => {
      expect(ms).toBe(1_000)
      page.timers.set(page.nextId, callback)
      return page.nextId++
    },
    clearInterval: (handle) => void page.timers.delete(handle as number),
  })
  const tick = (n = 1) => {
    for (let i = 0; i < n; i++) for (const callback of page.timers.values()) callback()
  }
  return { page, flasher, tick }
}

const warning: AlertEvent = {
  kind: 'warning',
  severity: 'warning',
  block: 1n,
  time: 0,
  value: 1.18,
  line: 1.2,
  message: 'Health factor 1.18 is below your warning line 1.20',
}

describe('tab title flashing', () => {
  test('alternates the alert with the page title every second, and restores the title when stopped', () => {
    const { page, flasher, tick } = fakePage()
    flasher.start(alertTitle(warning, flasher.pageTitle))
    expect(page.title).toBe('⚠ HF 1.18 — MarginGuard')
    tick(3)
    expect(page.titles).toEqual(['⚠ HF 1.18 — MarginGuard', 'MarginGuard', '⚠ HF 1.18 — MarginGuard', 'MarginGuard'])
    expect(flasher.flashing).toBe(true)
    flasher.stop()
    expect(page.title).toBe('MarginGuard')
    expect(page.timers.size).toBe(0)
    expect(flasher.flashing).toBe(false)
  })

  test('a newer alert while flashing changes the text, keeps one timer and the original title', () => {
    const { page, flasher, tick } = fakePage()
    flasher.start('⚠ HF 1.18 — MarginGuard')
    tick()
    expect(flasher.pageTitle).toBe('MarginGuard')
    flasher.start(alertTitle({ ...warning, kind: 'danger', value: 1.04 }, flasher.pageTitle))
    expect(page.timers.size).toBe(1)
    tick()
    expect(page.title).toBe('⚠ HF 1.04 — MarginGuard')
    flasher.stop()
    flasher.stop()
    expect(page.title).toBe('MarginGuard')
  })

  test('titles for the probability and stale oracle alerts say what crossed', () => {
    expect(alertTitle({ ...warning, kind: 'probability', value: 0.073 }, 'MG')).toBe('⚠ P(24 h) 7.3% — MG')
    expect(alertTitle({ ...warning, kind: 'staleOracle', value: null }, 'MG')).toBe('⚠ Stale oracle — MG')
  })
})

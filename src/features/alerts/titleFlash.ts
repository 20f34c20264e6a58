import { formatHealthFactorValue, formatProbability } from '../../ui/format'
import type { AlertEvent } from './alertRules'

export type TitleFlashDeps = {
  getTitle(): string
  setTitle(title: string): void
  setInterval(callback: () => void, ms: number): unknown
  clearInterval(handle: unknown): void
  /** How long each of the two titles shows, ms. */
  periodMs?: number
}

export type TitleFlasher = {
  /** Starts alternating `alertTitle` with the page's title, or changes the alert title while flashing. */
  start(alertTitle: string): void
  /** Stops and puts the page's own title back. */
  stop(): void
  readonly flashing: boolean
  /** The page's own title: the one to restore (while flashing), or the current one. */
  readonly pageTitle: string
}

/**
 * A tab title that alternates between the alert and the page's own title, so an alert is seen from
 * another tab. Timers and the title are injected: the page passes document and window, tests a
 * fake clock. The page's title is read when flashing starts and restored when it stops.
 */
export function createTitleFlasher(deps: TitleFlashDeps): TitleFlasher {
  const periodMs = deps.periodMs ?? 1_000
  let handle: unknown = null
  let original = ''
  let alertTitle = ''
  let showingAlert = false
  return {
    start(title) {
      alertTitle = title
      if (handle !== null) {
        if (showingAlert) deps.setTitle(alertTitle)
        return
      }
      original = deps.getTitle()
      showingAlert = true
      deps.setTitle(alertTitle)
      handle = deps.setInterval(() => {
        showingAlert = !showingAlert
        deps.setTitle(showingAlert ? alertTitle : original)
      }, periodMs)
    },
    stop() {
      if (handle === null) return
      deps.clearInterval(handle)
      handle = null
      showingAlert = false
      deps.setTitle(original)
    },
    get flashing() {
      return handle !== null
    },
    get pageTitle() {
      return handle === null ? deps.getTitle() : original
    },
  }
}

/** The flashing title of an alert: "⚠ HF 1.18 — MarginGuard". */
export function alertTitle(event: AlertEvent, pageTitle: string): string {
  const what =
    event.kind === 'probability'
      ? `P(24 h) ${formatProbability(event.value ?? Number.NaN)}`
      : event.kind === 'staleOracle'
        ? 'Stale oracle'
        : `HF ${formatHealthFactorValue(event.value ?? Number.NaN)}`
  return `⚠ ${what} — ${pageTitle}`
}

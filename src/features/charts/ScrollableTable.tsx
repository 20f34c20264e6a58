import type { ReactNode } from 'react'

/**
 * A table that may be wider than a phone: it scrolls sideways, and because a scrolling region must be
 * reachable by keyboard (axe scrollable-region-focusable, WCAG 2.1.1) it takes focus and is labelled.
 */
export function ScrollableTable({
  label,
  describedBy,
  children,
}: {
  label: string
  describedBy?: string
  children: ReactNode
}) {
  return (
    <section
      className="chart-table-scroll"
      aria-label={label}
      aria-describedby={describedBy}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard.
      tabIndex={0}
    >
      {children}
    </section>
  )
}

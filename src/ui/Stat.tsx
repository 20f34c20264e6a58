import type { ReactNode } from 'react'

/** A labelled figure. */
export function Stat({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  return (
    <div className="stat">
      <dt className="stat-label" title={hint}>
        {label}
      </dt>
      <dd className="stat-value">{children}</dd>
    </div>
  )
}

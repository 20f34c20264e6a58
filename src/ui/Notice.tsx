import type { ReactNode } from 'react'

type Tone = 'info' | 'warning' | 'error'

/** A message the user should read: role="alert" for errors so screen readers announce them. */
export function Notice({ tone = 'info', title, children }: { tone?: Tone; title?: string; children?: ReactNode }) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title && <strong className="notice-title">{title}</strong>}
      {children}
    </div>
  )
}

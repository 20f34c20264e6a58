const alertTimeFormat = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
})

/** When an alert fired (block time, unix seconds) with its day, for a log that spans days: "Jun 15, 14:02:03". */
export function formatAlertTime(epochSeconds: number): string {
  return Number.isFinite(epochSeconds) ? alertTimeFormat.format(epochSeconds * 1_000) : '—'
}

const SEVERITY_LABELS = {
  critical: 'Critical',
  danger: 'Danger',
  warning: 'Warning',
  notice: 'Notice',
  info: 'Info',
} as const

/** The severity in words (never colour alone). */
export const severityLabel = (severity: keyof typeof SEVERITY_LABELS) => SEVERITY_LABELS[severity]

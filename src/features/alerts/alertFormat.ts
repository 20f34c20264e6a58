/**
 * The health factor as a float64 statistic (alert lines are what a person typed), formatted like
 * format.ts's formatHealthFactor formats the WAD: two decimals, truncated, so 0.999 never reads
 * as a safe "1.00". Goes through the number's shortest decimal string so 1.2 is "1.20", not the
 * "1.19" its binary value (1.1999…) would truncate to.
 */
const healthFactorFormat = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  roundingMode: 'trunc',
})

export function formatHealthFactorValue(healthFactor: number): string {
  if (healthFactor === Number.POSITIVE_INFINITY) return '∞'
  if (!Number.isFinite(healthFactor)) return '—'
  return healthFactorFormat.format(String(healthFactor) as `${number}`)
}

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

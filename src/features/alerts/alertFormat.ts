const SEVERITY_LABELS = {
  critical: 'Critical',
  danger: 'Danger',
  warning: 'Warning',
  notice: 'Notice',
  info: 'Info',
} as const

/** The severity in words (never colour alone). */
export const severityLabel = (severity: keyof typeof SEVERITY_LABELS) => SEVERITY_LABELS[severity]

import { type ReactNode, useId } from 'react'
import type { Address } from 'viem'
import { riskProfileKey } from '../../state/riskProfileStore'
import { formatBlockNumber, formatDayTime } from '../../ui/format'
import { severityLabel } from './alertFormat'
import { SEVERITY_RANK } from './alertRules'
import { type AlertLogEntry, guardTriggered, useActiveAlerts, useAlertActions } from './alertStore'
import './alerts.css'

export type AlertBannerViewProps = {
  /** Unacknowledged alerts, most severe first (activeAlerts). */
  alerts: readonly AlertLogEntry[]
  onAcknowledge(id: string): void
  onAcknowledgeAll(): void
  /** Shown with the alerts while one calls for protection: guard mode's best proposal. */
  guardAction?: ReactNode
}

function Banner({ alert, onAcknowledge }: { alert: AlertLogEntry; onAcknowledge(id: string): void }) {
  const messageId = useId()
  // Danger and worse interrupt a screen reader (role="alert"); the rest wait their turn (status).
  const urgent = SEVERITY_RANK[alert.severity] >= SEVERITY_RANK.danger
  return (
    <div
      className={`alert-banner alert-${alert.severity}`}
      role={urgent ? 'alert' : 'status'}
      data-testid="alert-banner"
      data-kind={alert.kind}
      data-severity={alert.severity}
    >
      <p className="alert-banner-text">
        <strong className="alert-banner-label">{severityLabel(alert.severity)}: </strong>
        <span id={messageId}>{alert.message}.</span>
        <span className="alert-banner-meta">
          {' '}
          Block {formatBlockNumber(alert.block)}, {formatDayTime(alert.time)}.
        </span>
      </p>
      <button type="button" aria-describedby={messageId} onClick={() => onAcknowledge(alert.id)}>
        Acknowledge
      </button>
    </div>
  )
}

/** The active alerts as banners that stay until acknowledged; nothing when there are none. */
export function AlertBannerView({ alerts, onAcknowledge, onAcknowledgeAll, guardAction }: AlertBannerViewProps) {
  if (alerts.length === 0) return null
  return (
    <section className="alert-banners" aria-label="Active alerts">
      {alerts.map((alert) => (
        <Banner key={alert.id} alert={alert} onAcknowledge={onAcknowledge} />
      ))}
      {guardAction && guardTriggered(alerts) && <div className="alert-guard-action">{guardAction}</div>}
      {alerts.length > 1 && (
        <button type="button" className="alert-acknowledge-all" onClick={onAcknowledgeAll}>
          Acknowledge all
        </button>
      )}
    </section>
  )
}

/** The account's active alerts from the alert store (useAlertMonitor fills it). */
export function AlertBanner({
  chainId,
  address,
  guardAction,
}: {
  chainId: number
  address: Address
  guardAction?: ReactNode
}) {
  const alerts = useActiveAlerts(chainId, address)
  const { acknowledge, acknowledgeAll } = useAlertActions()
  return (
    <AlertBannerView
      alerts={alerts}
      onAcknowledge={acknowledge}
      onAcknowledgeAll={() => acknowledgeAll(riskProfileKey(chainId, address))}
      guardAction={guardAction}
    />
  )
}

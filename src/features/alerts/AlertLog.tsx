import type { Address } from 'viem'
import { formatBlockNumber, formatDayTime } from '../../ui/format'
import { severityLabel } from './alertFormat'
import { type AlertLogEntry, useAlertLog } from './alertStore'
import './alerts.css'

/** Every alert of the account, newest first, with whether it was acknowledged. */
export function AlertLogView({ entries }: { entries: readonly AlertLogEntry[] }) {
  return (
    <section className="panel alert-log" aria-labelledby="alert-log-title" data-testid="alert-log">
      <h2 id="alert-log-title">Alert log</h2>
      {entries.length === 0 ? (
        <p className="muted">No alerts yet</p>
      ) : (
        <ol className="alert-log-list">
          {entries.map((e) => (
            <li key={e.id} className={`alert-log-entry alert-${e.severity}`} data-kind={e.kind}>
              <span className="alert-log-severity">{severityLabel(e.severity)}</span>
              <time dateTime={new Date(e.time * 1_000).toISOString()}>{formatDayTime(e.time)}</time>
              <span className="alert-log-block">block {formatBlockNumber(e.block)}</span>
              <span className="alert-log-message">
                {e.message}
                {!e.acknowledged && <em> (not acknowledged)</em>}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}

export function AlertLog({ chainId, address }: { chainId: number; address: Address }) {
  return <AlertLogView entries={useAlertLog(chainId, address)} />
}

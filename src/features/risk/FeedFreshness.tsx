import type { RiskReport } from '../../engine/riskReport'
import { formatDuration, formatSeconds } from '../../ui/format'

/**
 * Each oracle's age at the block shown (from its last round) against its heartbeat: a feed older
 * than its heartbeat is marked stale, because the price the health factor uses may be out of date.
 */
export function FeedFreshness({ report }: { report: RiskReport }) {
  const rows = report.oracleLag.rows.filter((r) => r.feedAgeSeconds !== null)
  if (rows.length === 0) return null
  const stale = rows.filter((r) => r.stale)
  return (
    <p className="feed-freshness" data-testid="feed-freshness" data-stale={stale.map((r) => r.symbol).join(',')}>
      <span className="muted">Oracles at this block: </span>
      {rows.map((r, k) => (
        <span key={r.asset} className={r.stale ? 'feed feed-stale' : 'feed'} data-asset={r.symbol}>
          {k > 0 && ' · '}
          {r.symbol} {formatSeconds(r.feedAgeSeconds ?? 0)} old
          {r.stale && <strong> (stale: heartbeat {formatDuration(r.rules.heartbeatSeconds)})</strong>}
        </span>
      ))}
    </p>
  )
}

import { useMarketContext } from '../../state/marketContext'
import { useNodeHealth } from '../../state/nodeHealthStore'
import { useBlockStall } from '../../state/useBlockStall'
import { formatClockTime, formatSeconds } from '../../ui/format'
import { useNow } from '../../ui/useNow'

/**
 * The state of the shown market's node in one line. `node-status` reads exactly "connected" when
 * all is well, contains "unreachable" while the node does not answer and starts with "stale" while it
 * answers but no new block arrives at the chain's pace (tests rely on all three).
 */
export function NodeStatus() {
  const { rpcUrl, retryIntervalMs } = useMarketContext()
  const health = useNodeHealth()
  const now = useNow()
  const stalledSince = useBlockStall()

  switch (health.status) {
    case 'connecting':
      return (
        <p className="node-status">
          <span data-testid="node-status">connecting</span> <span className="muted">to {rpcUrl}</span>
        </p>
      )
    case 'connected':
      if (stalledSince !== undefined)
        return (
          <p className="node-status node-status-down" role="alert">
            <span className="dot dot-down" aria-hidden="true" />
            <span data-testid="node-status">
              stale: no new block since {formatClockTime(stalledSince)} ({formatSeconds((now - stalledSince) / 1_000)}
              ); the RPC at {rpcUrl} answers but the chain is not moving.
            </span>{' '}
            <span className="muted">Figures below are from the last block seen.</span>
          </p>
        )
      return (
        <p className="node-status">
          <span className="dot dot-ok" aria-hidden="true" />
          <span data-testid="node-status">connected</span>{' '}
          <span className="muted">
            {rpcUrl} · {health.transport === 'websocket' ? 'new blocks pushed over WebSocket' : 'polling'}
          </span>
        </p>
      )
    case 'unreachable':
      return (
        <p className="node-status node-status-down" role="alert">
          <span className="dot dot-down" aria-hidden="true" />
          <span data-testid="node-status">
            The RPC at {rpcUrl} is unreachable since {formatClockTime(health.since)} (
            {formatSeconds((now - health.since) / 1_000)}); retrying every{' '}
            {retryIntervalMs === 1_000 ? 'second' : formatSeconds(retryIntervalMs / 1_000)}.
          </span>{' '}
          <span className="muted" title={health.error}>
            Figures below are from the last block seen.
          </span>
        </p>
      )
  }
}

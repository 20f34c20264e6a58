import { useDevnet } from '../../state/devnetContext'
import { useNodeHealth } from '../../state/nodeHealthStore'
import { formatClockTime, formatSeconds } from '../../ui/format'
import { useNow } from '../../ui/useNow'

/**
 * The node's state in one line. `node-status` reads exactly "connected" when all is well and
 * contains "unreachable" while the node does not answer (tests rely on both).
 */
export function NodeStatus() {
  const { manifest } = useDevnet()
  const health = useNodeHealth()
  const now = useNow()

  switch (health.status) {
    case 'connecting':
      return (
        <p className="node-status">
          <span data-testid="node-status">connecting</span> <span className="muted">to {manifest.rpcUrl}</span>
        </p>
      )
    case 'connected':
      return (
        <p className="node-status">
          <span className="dot dot-ok" aria-hidden="true" />
          <span data-testid="node-status">connected</span>{' '}
          <span className="muted">
            {manifest.rpcUrl} · {health.transport === 'websocket' ? 'new blocks pushed over WebSocket' : 'polling'}
          </span>
        </p>
      )
    case 'unreachable':
      return (
        <p className="node-status node-status-down" role="alert">
          <span className="dot dot-down" aria-hidden="true" />
          <span data-testid="node-status">
            The node at {manifest.rpcUrl} is unreachable since {formatClockTime(health.since)} (
            {formatSeconds((now - health.since) / 1_000)}); retrying every second.
          </span>{' '}
          <span className="muted" title={health.error}>
            Figures below are from the last block seen.
          </span>
        </p>
      )
  }
}

import type { RiskReport } from '../../engine/riskReport'
import { formatHealthFactor, formatUsd } from '../../ui/format'

/** The engine's protective proposals, the smallest that reaches the target first (executing them comes later). */
export function ProposalList({ report }: { report: RiskReport }) {
  if (report.proposals.length === 0)
    return <p className="muted">No action needed: the account is at or above its target health factor.</p>
  return (
    <ol className="proposals" data-testid="proposals">
      {report.proposals.map((p) => (
        <li key={p.id} data-kind={p.kind}>
          {p.summary}{' '}
          <span className="muted">
            Cost {formatUsd(p.cost.totalBase)}
            {p.reachesTarget ? '' : `; reaches only ${formatHealthFactor(p.predicted.healthFactorWad)}`}.
          </span>
        </li>
      ))}
    </ol>
  )
}

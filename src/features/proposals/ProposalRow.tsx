import type { Address } from 'viem'
import type { Proposal } from '../../engine/proposals/proposal'
import { formatHealthFactor, formatUsd } from '../../ui/format'
import { costLines, costVersusLiquidation, formatSignedUsd, stepLabel, type TokenBook } from './proposalFormat'
import { simulationAgrees, useSettledSimulation } from './useProposalSimulation'

export type ProposalRowProps = {
  proposal: Proposal
  tokens: TokenBook
  pool: Address
  liquidationLossBase: bigint | undefined
  /** Why Protect cannot be pressed now (read-only, another protect in flight, …); undefined when it can. */
  blockedReason: string | undefined
  onProtect: (proposal: Proposal) => void
  /** The guard's "Protect now" presentation. */
  highlighted?: boolean
}

/**
 * One proposal: what it does, its exact amounts and calls, the health factor before → predicted
 * after → simulated on the node, its cost against being liquidated, and the Protect button (on
 * only when the simulation agrees with the prediction).
 */
export function ProposalRow({
  proposal,
  tokens,
  pool,
  liquidationLossBase,
  blockedReason,
  onProtect,
  highlighted,
}: ProposalRowProps) {
  const simulation = useSettledSimulation(proposal)
  const p = simulation.proposal
  const agrees = simulation.data ? simulationAgrees(simulation.data) : false
  const simState = simulation.data ? (agrees ? 'agrees' : 'differs') : simulation.error ? 'error' : 'simulating'
  const disabledReason =
    blockedReason ??
    (simState === 'simulating'
      ? 'Simulating on the node…'
      : simState === 'error'
        ? 'The node could not simulate it'
        : simState === 'differs'
          ? 'The node’s result differs from the prediction'
          : undefined)
  const titleId = `proposal-${p.id.replace(/[^a-zA-Z0-9]/g, '-')}`
  const versus = costVersusLiquidation(p, liquidationLossBase)
  return (
    <li
      className={highlighted ? 'proposal proposal-highlighted' : 'proposal'}
      data-kind={p.kind}
      data-proposal-id={p.id}
      data-block={p.blockNumber.toString()}
      data-simulation={simState}
      data-reaches-target={p.reachesTarget}
      aria-labelledby={titleId}
    >
      <p className="proposal-summary" id={titleId}>
        {p.summary}
      </p>
      {!p.reachesTarget && p.reason && <p className="proposal-reason muted">{p.reason}</p>}
      <dl className="proposal-health">
        <div>
          <dt>Health factor</dt>
          <dd>
            {formatHealthFactor(p.before.healthFactorWad)} →{' '}
            <strong data-testid="predicted-hf" data-wad={p.predicted.healthFactorWad.toString()}>
              {formatHealthFactor(p.predicted.healthFactorWad)}
            </strong>{' '}
            predicted
          </dd>
        </div>
        <div>
          <dt>Simulated on the node</dt>
          <dd data-testid="simulated-hf" data-wad={simulation.data?.healthFactorWad.toString()}>
            {simulation.data ? (
              <>
                {formatHealthFactor(simulation.data.healthFactorWad)}{' '}
                {agrees ? (
                  <span className="proposal-ok">✓ matches the prediction</span>
                ) : (
                  <span className="proposal-bad">
                    ✗ {simulation.data.ok ? 'differs from the prediction' : 'a call fails on the node'}
                  </span>
                )}
              </>
            ) : simulation.error ? (
              <span className="proposal-bad">✗ could not simulate: {simulation.error.message.split('\n')[0]}</span>
            ) : (
              <span className="muted">simulating…</span>
            )}
          </dd>
        </div>
      </dl>
      <details className="proposal-calls">
        <summary>
          {p.steps.length} {p.steps.length === 1 ? 'call' : 'calls'}
          {p.rounds.length > 0 ? ` in ${p.rounds.length} ${p.rounds.length === 1 ? 'round' : 'rounds'}` : ''}
        </summary>
        <ol>
          {p.steps.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the steps of a proposal never reorder
            <li key={i}>{stepLabel(s, tokens, pool)}</li>
          ))}
        </ol>
      </details>
      <details className="proposal-cost">
        <summary>
          Cost {formatSignedUsd(p.cost.totalBase)}
          {versus && <span className="muted"> ({versus})</span>}
        </summary>
        <table>
          <tbody>
            {costLines(p.cost).map((line) => (
              <tr key={line.label}>
                <th scope="row">{line.label}</th>
                <td>{line.value}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Total</th>
              <td>{formatSignedUsd(p.cost.totalBase)}</td>
            </tr>
            {(p.cost.liquidationLossBase ?? liquidationLossBase) !== undefined && (
              <tr>
                <th scope="row">If liquidated instead</th>
                <td>{formatUsd((p.cost.liquidationLossBase ?? liquidationLossBase) as bigint)}</td>
              </tr>
            )}
          </tbody>
        </table>
      </details>
      <div className="proposal-actions">
        <button
          type="button"
          className="proposal-protect"
          disabled={disabledReason !== undefined}
          aria-describedby={disabledReason ? `${titleId}-why` : undefined}
          onClick={() => onProtect(p)}
        >
          {highlighted ? 'Protect now' : 'Protect'}
        </button>
        {disabledReason && (
          <span className="muted" id={`${titleId}-why`}>
            {disabledReason}
          </span>
        )}
      </div>
    </li>
  )
}

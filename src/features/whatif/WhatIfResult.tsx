import type { AssetRow, RiskReport } from '../../engine/riskReport'
import type { RiskReportState } from '../../state/riskReportFeed'
import { formatHealthFactor, formatPercentChange, formatProbability, formatUsd } from '../../ui/format'
import { probabilityWithin } from '../glance/reportFigures'

const STATUS_WORDS: Record<RiskReport['status'], string> = {
  'no-debt': 'no debt',
  safe: 'safe',
  warning: 'below your warning line',
  liquidatable: 'liquidatable',
}

/** The hypothetical account beside the live one, labelled so nobody takes it for the chain's state. */
export function WhatIfResult({ live, whatIf }: { live: RiskReport; whatIf: RiskReportState }) {
  const r = whatIf.report
  if (whatIf.error && !r) return <p className="error">The what-if evaluation failed: {whatIf.error.message}</p>
  if (!r) return <p className="muted whatif-hint">Evaluating the what-if…</p>
  const p24 = probabilityWithin(r)
  const p24Live = probabilityWithin(live)
  const best = r.proposals[0]
  return (
    <div className="whatif-result" aria-busy={whatIf.pending} data-testid="whatif-result">
      <p className="whatif-badge">What-if (not live)</p>
      <dl className="whatif-figures">
        <div>
          <dt>Health factor</dt>
          <dd>
            <output
              className={`whatif-hf whatif-${r.status}`}
              data-testid="whatif-hf"
              data-wad={r.accountData.healthFactorWad.toString()}
            >
              {formatHealthFactor(r.accountData.healthFactorWad)}
            </output>{' '}
            <span className="whatif-status">{STATUS_WORDS[r.status]}</span>
            <span className="whatif-live">live {formatHealthFactor(live.accountData.healthFactorWad)}</span>
          </dd>
        </div>
        <div>
          <dt>Chance of liquidation in 24 h</dt>
          <dd data-testid="whatif-p24h">
            {p24 === null ? '—' : formatProbability(p24)}
            <span className="whatif-live">live {p24Live === null ? '—' : formatProbability(p24Live)}</span>
          </dd>
        </div>
      </dl>
      <table className="whatif-table">
        <caption className="visually-hidden">What-if prices and liquidation prices of each asset</caption>
        <thead>
          <tr>
            <th scope="col">Asset</th>
            <th scope="col">What-if price</th>
            <th scope="col">Liquidated at</th>
          </tr>
        </thead>
        <tbody>
          {r.assets.map((a) => (
            <tr key={a.address}>
              <th scope="row">{a.symbol}</th>
              <td>{formatUsd(a.priceBase)}</td>
              <td>
                <LiquidationAt row={a} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="whatif-subtitle">Best protection in this case</h3>
      {best ? (
        <p data-testid="whatif-proposal" data-kind={best.kind}>
          {best.summary}{' '}
          <span className="muted">
            Cost {formatUsd(best.cost.totalBase)}
            {best.reachesTarget ? '' : `; reaches only ${formatHealthFactor(best.predicted.healthFactorWad)}`}.
          </span>
        </p>
      ) : (
        <p className="muted" data-testid="whatif-proposal">
          None needed: at or above the target health factor.
        </p>
      )}
    </div>
  )
}

function LiquidationAt({ row }: { row: AssetRow }) {
  const l = row.liquidation
  if (l.priceBase === null) return <span className="muted">—</span>
  return (
    <>
      {l.direction === 'down' ? '≤ ' : '≥ '}
      {formatUsd(l.priceBase)} <span className="muted">({formatPercentChange(l.distanceFraction)})</span>
    </>
  )
}

import type { LiquidationProbabilityReport } from '../../engine/liquidationProbability'
import type { RiskReport } from '../../engine/riskReport'
import { formatDuration, formatHealthFactor, formatProbability, formatRatio, formatSigmas } from '../../ui/format'
import { Notice } from '../../ui/Notice'

const HORIZON_NAMES: Record<number, string> = { 3600: '1 hour', 86400: '24 hours', 604800: '7 days' }
const horizonName = (seconds: number) => HORIZON_NAMES[seconds] ?? formatDuration(seconds)

function noProbability(p: Extract<LiquidationProbabilityReport, { method: 'none' }>, report: RiskReport): string {
  switch (p.reason) {
    case 'no-debt':
      return 'No debt: there is nothing to liquidate.'
    case 'no-risk-factor':
      return 'Only stable prices back this account: no volatile price move can liquidate it.'
    case 'liquidatable':
      return 'The health factor is below 1: the account can be liquidated now.'
    case 'missing-volatility': {
      const symbols = p.missing.map((a) => report.assets.find((r) => r.address === a)?.symbol ?? a)
      return `Not enough oracle history yet for ${symbols.join(', ')} to estimate volatility.`
    }
  }
}

/**
 * How likely liquidation is over the next hour, day and week, how many σ away it is, when the
 * chance passes the threshold, each asset's volatility, and oracle updates that are due.
 */
export function LiquidationOdds({ report }: { report: RiskReport }) {
  const p = report.liquidationProbability
  const lag = report.oracleLag.warnings
  return (
    <section aria-label="Chance of liquidation" data-testid="liquidation-odds" data-method={p.method}>
      <h2>Chance of liquidation</h2>
      {lag.map((w) => (
        <Notice key={w.asset} tone="warning" title={`${w.symbol}: an oracle update is due`}>
          The market price is {formatRatio(Math.abs(w.deviationFraction ?? 0))}{' '}
          {(w.deviationFraction ?? 0) < 0 ? 'below' : 'above'} the oracle’s; when the feed catches up your health factor
          will be about <strong>{formatHealthFactor(w.nextHealthFactorWad ?? 0n)}</strong>.
        </Notice>
      ))}
      {p.method === 'none' ? (
        <p className="muted">{noProbability(p, report)}</p>
      ) : (
        <>
          <table data-testid="probability-table">
            <caption className="visually-hidden">
              Probability of liquidation by horizon ({p.method === 'closed-form' ? 'closed form' : 'Monte Carlo'})
            </caption>
            <thead>
              <tr>
                <th scope="col">Within</th>
                <th scope="col">Probability</th>
                <th scope="col">Distance</th>
              </tr>
            </thead>
            <tbody>
              {p.horizons.map((h) => (
                <tr key={h.horizonSeconds} data-horizon={h.horizonSeconds} data-probability={h.probability}>
                  <th scope="row">{horizonName(h.horizonSeconds)}</th>
                  <td>
                    {formatProbability(h.probability)}
                    {h.standardError > 0 && <span className="muted"> ± {formatProbability(h.standardError)}</span>}
                  </td>
                  <td>{formatSigmas(h.distanceSigmas)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {p.timeToThresholdSeconds !== null && (
            <p>
              The chance passes {formatProbability(p.threshold)} in{' '}
              <strong>{formatDuration(p.timeToThresholdSeconds)}</strong>.
            </p>
          )}
        </>
      )}
      {report.volatility.assets.length > 0 && (
        <table data-testid="volatility-table">
          <caption className="visually-hidden">Annualised volatility of each asset from its oracle rounds</caption>
          <thead>
            <tr>
              <th scope="col">Asset</th>
              <th scope="col">Volatility (EWMA)</th>
              <th scope="col">Next 24 h ({'forecast'})</th>
              <th scope="col">Rounds</th>
            </tr>
          </thead>
          <tbody>
            {report.volatility.assets.map((v) => (
              <tr key={v.asset} data-asset={v.symbol}>
                <th scope="row">{v.symbol}</th>
                <td>{formatRatio(v.ewmaVolatilityAnnualised)}</td>
                <td>
                  {formatRatio(v.horizons[1]?.volatilityAnnualised ?? Number.NaN)}{' '}
                  <span className="muted">{v.model === 'garch' ? 'GARCH' : 'EWMA'}</span>
                </td>
                <td>{v.observations}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

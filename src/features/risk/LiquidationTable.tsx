import type { AssetRow, RiskReport } from '../../engine/riskReport'
import { formatBps, formatTokenAmount, formatUsd } from '../../ui/format'

const reasons: Record<string, string> = {
  'no-debt': 'no debt',
  'not-collateral': 'not collateral',
  'cannot-liquidate-by-this-asset': 'safe at any price',
  'liquidatable-at-any-price': 'liquidatable at any price',
  'priced-by-emode-source': 'priced by the e-mode source',
  'no-boundary-found': 'not found',
}

const distance = (fraction: number) => formatBps(BigInt(Math.round(fraction * 10_000)))

function LiquidationCell({ row }: { row: AssetRow }) {
  const l = row.liquidation
  if (l.priceBase === null) return <td className="muted">{reasons[l.reason] ?? l.reason}</td>
  return (
    <td>
      {l.direction === 'down' ? '≤ ' : '≥ '}
      {formatUsd(l.priceBase)} <span className="muted">({distance(l.distanceFraction)})</span>
    </td>
  )
}

/** Each asset's price against the price that liquidates the account (the others held fixed). */
export function LiquidationTable({ report }: { report: RiskReport }) {
  const c = report.correlatedLiquidation
  return (
    <>
      <table className="liquidation-table" data-testid="liquidation-prices">
        <caption className="visually-hidden">Liquidation price of each asset, the others held fixed</caption>
        <thead>
          <tr>
            <th scope="col">Asset</th>
            <th scope="col">Position</th>
            <th scope="col">Price</th>
            <th scope="col">Liquidated at</th>
          </tr>
        </thead>
        <tbody>
          {report.assets.map((row) => (
            <tr key={row.address} data-asset={row.symbol}>
              <th scope="row">{row.symbol}</th>
              <td>
                {row.supplied > 0n ? `+${formatTokenAmount(row.supplied, row.decimals)}` : ''}
                {row.supplied > 0n && row.borrowed > 0n ? ' / ' : ''}
                {row.borrowed > 0n ? `−${formatTokenAmount(row.borrowed, row.decimals)}` : ''}
              </td>
              <td>{formatUsd(row.priceBase)}</td>
              <LiquidationCell row={row} />
            </tr>
          ))}
        </tbody>
      </table>
      <p data-testid="correlated-liquidation">
        {c.factor === null
          ? 'All volatile assets together: no liquidation point.'
          : `All volatile assets together: liquidated ${c.direction === 'down' ? 'after a fall' : 'after a rise'} of ${distance(Math.abs(c.shock))}.`}
      </p>
    </>
  )
}

import type { ReactNode } from 'react'
import { formatBps, formatPercentChange, formatTokenAmount, formatUsd } from '../../ui/format'
import {
  formatHealthFactorFloat,
  formatSnapshotUsd,
  formatSnapshotValue,
  isNotional,
  NO_PRICE_WORDS,
} from './snapshotFormat'
import { BASE_DECIMALS, type RiskSnapshot, type SnapshotStressCurve } from './snapshotModel'

/** A table wider than a phone scrolls sideways; a scrolling region must take focus (WCAG 2.1.1). */
function Scroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard.
    <section className="snapshot-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  )
}

const positionValueBase = (amount: bigint, price: bigint, decimals: number) =>
  (amount * price) / 10n ** BigInt(decimals)

export function PositionsTable({ snapshot: s }: { snapshot: RiskSnapshot }) {
  const notional = isNotional(s)
  return (
    <Scroll label="Positions">
      <table className="snapshot-table">
        <caption>Positions{notional && ' (value per 100 of collateral)'}</caption>
        <thead>
          <tr>
            <th scope="col">Asset</th>
            <th scope="col">Supplied</th>
            <th scope="col">Borrowed</th>
            <th scope="col">Price</th>
            <th scope="col">Liq. threshold</th>
            <th scope="col">Liquidation price</th>
          </tr>
        </thead>
        <tbody>
          {s.positions.map((p, i) => {
            const amount = (x: bigint) =>
              x === 0n
                ? '—'
                : notional
                  ? formatSnapshotValue(s, positionValueBase(x, p.priceBase, p.decimals))
                  : formatTokenAmount(x, p.decimals)
            const l = p.liquidation
            return (
              // Symbols may repeat in a hostile payload; the index keeps keys unique.
              // biome-ignore lint/suspicious/noArrayIndexKey: rows never reorder.
              <tr key={i}>
                <th scope="row">{p.symbol}</th>
                <td>
                  {amount(p.supplied)}
                  {p.supplied > 0n && !p.countsAsCollateral && <span className="muted"> (not collateral)</span>}
                </td>
                <td>{amount(p.borrowed)}</td>
                <td>{formatUsd(p.priceBase, BASE_DECIMALS)}</td>
                <td>{formatBps(BigInt(p.liquidationThresholdBps))}</td>
                <td>
                  {l.priceBase === null ? (
                    <span className="muted">{NO_PRICE_WORDS[l.reason]}</span>
                  ) : (
                    <>
                      {formatUsd(l.priceBase, BASE_DECIMALS)}{' '}
                      <span className="muted">
                        ({formatPercentChange(l.distanceFraction)},{' '}
                        {l.direction === 'down' ? 'if it falls' : 'if it rises'})
                      </span>
                    </>
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </Scroll>
  )
}

const SHOWN_SHOCKS = [0, 0.25, 0.5, 0.75, 1] as const

/** A small inline line of HF over the shocks (decorative: the table beside it carries the numbers). */
function Sparkline({ curve }: { curve: SnapshotStressCurve }) {
  const values = curve.healthFactor.filter(Number.isFinite)
  if (values.length < 2) return null
  const max = Math.max(1.05, ...values)
  const n = curve.healthFactor.length - 1
  const y = (hf: number) => 30 - (Math.min(hf, max) / max) * 28
  const points = curve.healthFactor
    .map((hf, i) => (Number.isFinite(hf) ? `${Math.round((i / n) * 1000) / 10},${Math.round(y(hf) * 10) / 10}` : ''))
    .filter(Boolean)
    .join(' ')
  return (
    <svg
      className="snapshot-spark"
      viewBox="0 0 100 32"
      aria-hidden="true"
      focusable="false"
      preserveAspectRatio="none"
    >
      <line x1="0" x2="100" y1={y(1)} y2={y(1)} className="snapshot-spark-one" />
      <polyline points={points} className="snapshot-spark-line" />
    </svg>
  )
}

export function StressTable({ snapshot: s }: { snapshot: RiskSnapshot }) {
  const { fromShock, toShock, curves } = s.stress
  if (curves.length === 0) return null
  const points = curves[0]?.healthFactor.length ?? 0
  const columns = SHOWN_SHOCKS.map((f) => Math.round(f * (points - 1)))
  const shockAt = (i: number) => (points > 1 ? fromShock + ((toShock - fromShock) * i) / (points - 1) : fromShock)
  return (
    <Scroll label="Stress">
      <table className="snapshot-table">
        <caption>Health factor under a price shock</caption>
        <thead>
          <tr>
            <th scope="col">Moving</th>
            {columns.map((i) => (
              <th scope="col" key={i}>
                {formatPercentChange(shockAt(i))}
              </th>
            ))}
            <th scope="col">Reaches 1 at</th>
            <th scope="col">
              <span className="visually-hidden">Curve</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {curves.map((c, k) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows never reorder.
            <tr key={k}>
              <th scope="row">{c.label === 'all' ? 'All volatile together' : c.label}</th>
              {columns.map((i) => (
                <td key={i}>{formatHealthFactorFloat(c.healthFactor[i] as number)}</td>
              ))}
              <td>{c.crossingShock === null ? 'not within the grid' : formatPercentChange(c.crossingShock)}</td>
              <td>
                <Sparkline curve={c} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  )
}

export function GreeksTable({ snapshot: s }: { snapshot: RiskSnapshot }) {
  const { underlyings, netVolatileDeltaUsd } = s.greeks
  if (underlyings.length === 0) return null
  const usd = (x: number) => formatSnapshotUsd(s, x)
  return (
    <Scroll label="Greeks">
      <table className="snapshot-table">
        <caption>
          Exposure per underlying{isNotional(s) ? ' (per 100 of collateral)' : ' (USD)'}; net volatile delta{' '}
          {usd(netVolatileDeltaUsd)}
        </caption>
        <thead>
          <tr>
            <th scope="col">Underlying</th>
            <th scope="col">Δ lending</th>
            <th scope="col">Δ LP</th>
            <th scope="col">Δ options/perps</th>
            <th scope="col">Γ per 1 %</th>
            <th scope="col">Vega per vol point</th>
          </tr>
        </thead>
        <tbody>
          {underlyings.map((g, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows never reorder.
            <tr key={i}>
              <th scope="row">
                {g.symbol}
                {!g.volatile && <span className="muted"> (stable)</span>}
              </th>
              <td>{usd(g.deltaUsd.lending)}</td>
              <td>{usd(g.deltaUsd.lp)}</td>
              <td>{usd(g.deltaUsd.external)}</td>
              <td>{usd(g.gammaUsdPerPercent)}</td>
              <td>{usd(g.vegaUsdPerVolPoint)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  )
}

import type { AssetRow, RiskReport } from '../engine/riskReport'
import { formatBps, formatHealthFactor, formatTokenAmount, formatUsd } from '../ui/format'

// Numbers for people go through src/ui/format.ts (STYLE.md: one Intl module); it is pure (viem and
// Intl only), so the command line shares it with the page instead of formatting twice.

const fraction = (x: number) => (Number.isFinite(x) ? formatBps(BigInt(Math.round(x * 10_000))) : '∞')
const amount = formatTokenAmount

function assetLine(row: AssetRow): string {
  const holding = [
    row.supplied > 0n
      ? `supplied ${amount(row.supplied, row.decimals)}${row.countsAsCollateral ? '' : ' (not collateral)'}`
      : '',
    row.borrowed > 0n ? `borrowed ${amount(row.borrowed, row.decimals)}` : '',
  ]
    .filter(Boolean)
    .join(', ')
  const liquidation =
    row.liquidation.priceBase === null
      ? `no liquidation price (${row.liquidation.reason})`
      : `liquidated ${row.liquidation.direction === 'down' ? 'at or below' : 'at or above'} ${formatUsd(row.liquidation.priceBase)} (${fraction(row.liquidation.distanceFraction)})`
  return `  ${row.symbol.padEnd(8)} ${formatUsd(row.priceBase).padStart(14)}  ${holding}; ${liquidation}`
}

/** The human-readable `marginguard report`: health, totals, per-asset liquidation prices, stress, proposals. */
export function reportText(report: RiskReport): string {
  const a = report.accountData
  const lines = [
    `${report.account} on Aave v${report.revision.version} pool ${report.market.pool}`,
    `chain ${report.chainId}, block ${report.block.number}`,
    '',
    `health factor      ${formatHealthFactor(a.healthFactorWad)}  (${report.status})`,
    `collateral         ${formatUsd(a.totalCollateralBase)}`,
    `debt               ${formatUsd(a.totalDebtBase)}`,
    `available borrows  ${formatUsd(a.availableBorrowsBase)}`,
    `liq. threshold     ${formatBps(a.currentLiquidationThreshold)}   LTV ${formatBps(a.ltv)}`,
    '',
    'assets (price; position; liquidation price, others fixed)',
    ...report.assets.map(assetLine),
  ]
  const c = report.correlatedLiquidation
  lines.push(
    '',
    c.factor === null
      ? `all volatile assets together: no liquidation point (${c.reason})`
      : `all volatile assets together: liquidated ${c.direction === 'down' ? 'after a fall' : 'after a rise'} of ${fraction(Math.abs(c.shock))}`,
  )
  if (report.stress.curves.length) {
    lines.push('', 'stress: shock at which HF crosses 1')
    for (const curve of report.stress.curves)
      lines.push(
        `  ${curve.label.padEnd(8)} ${curve.boundaryShock === null ? 'never' : fraction(curve.boundaryShock)}${curve.boundaryShock !== null && curve.crossingShock === null ? ' (outside the grid)' : ''}`,
      )
  }
  const best = report.liquidationCost.scenario === null ? null : report.liquidationCost.best
  if (best)
    lines.push(
      '',
      `cost of being liquidated  ${formatUsd(best.userLossBase)} (${best.collateralSymbol} seized to repay ${best.debtSymbol}, close factor ${formatBps(best.closeFactor)})`,
    )
  if (report.proposals.length) {
    lines.push('', `proposals (target HF ${formatHealthFactor(report.settings.targetHealthFactorWad)})`)
    report.proposals.forEach((p, i) => {
      lines.push(
        `  ${i + 1}. [${p.kind}] ${p.summary} Cost ${formatUsd(p.cost.totalBase)}${p.reachesTarget ? '' : `; does not reach the target${p.reason ? `: ${p.reason}` : ''}`}.`,
      )
    })
  }
  if (report.notes.length) lines.push('', ...report.notes.map((n) => `note: ${n}`))
  return `${lines.join('\n')}\n`
}

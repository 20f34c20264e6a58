import { formatUnits } from 'viem'
import type { ProposalCall } from '../chain/tx/proposalCalls'
import type { Proposal } from '../engine/proposals/proposal'
import type { RiskReport } from '../engine/riskReport'

const s = (x: bigint) => x.toString()

/**
 * The `--json` output of `marginguard report`: one object, every bigint as a decimal string
 * (JSON has no integers beyond 2^53), floats as numbers. Field names are the contract of issue 4
 * (block, account, healthFactorWad, totals, assets[], proposals[]); the rest adds detail.
 */
export function reportJson(report: RiskReport, callsOf: (proposal: Proposal) => ProposalCall[]) {
  const { accountData: a } = report
  return {
    chainId: report.chainId,
    block: s(report.block.number),
    blockTimestamp: report.block.timestamp,
    account: report.account,
    market: report.market,
    poolRevision: report.revision.poolRevision,
    healthFactorWad: s(a.healthFactorWad),
    totalCollateralBase: s(a.totalCollateralBase),
    totalDebtBase: s(a.totalDebtBase),
    availableBorrowsBase: s(a.availableBorrowsBase),
    currentLiquidationThreshold: s(a.currentLiquidationThreshold),
    ltv: s(a.ltv),
    status: report.status,
    assets: report.assets.map((row) => ({
      symbol: row.symbol,
      address: row.address,
      decimals: row.decimals,
      priceBase: s(row.priceBase),
      supplied: s(row.supplied),
      borrowed: s(row.borrowed),
      collateralBase: s(row.collateralBase),
      debtBase: s(row.debtBase),
      countsAsCollateral: row.countsAsCollateral,
      liquidationPriceBase: row.liquidation.priceBase === null ? null : s(row.liquidation.priceBase),
      ...(row.liquidation.priceBase === null
        ? { noLiquidationPriceReason: row.liquidation.reason }
        : { liquidationDirection: row.liquidation.direction, liquidationDistance: row.liquidation.distanceFraction }),
      correlatedLiquidationPriceBase:
        row.correlatedLiquidationPriceBase === null ? null : s(row.correlatedLiquidationPriceBase),
    })),
    correlatedLiquidation: correlatedJson(report),
    stress: report.stress.curves.map((curve) => ({
      label: curve.label,
      crossingShock: curve.crossingShock,
      boundaryShock: curve.boundaryShock,
    })),
    liquidationCost: liquidationCostJson(report),
    proposals: report.proposals.map((p) => ({
      kind: p.kind,
      summary: p.summary,
      calls: callsOf(p).map((call) => ({ to: call.to, data: call.data, value: s(call.value) })),
      predictedHealthFactorWad: s(p.predicted.healthFactorWad),
      reachesTarget: p.reachesTarget,
      costUsd: formatUnits(p.cost.totalBase, 8),
    })),
    notes: report.notes,
  }
}

function correlatedJson({ correlatedLiquidation: c }: RiskReport) {
  if (c.factor === null) return { shock: null, reason: c.reason }
  return {
    shock: c.shock,
    direction: c.direction,
    prices: c.prices.map((p) => ({ symbol: p.symbol, address: p.asset, priceBase: s(p.priceBase) })),
  }
}

function liquidationCostJson({ liquidationCost: cost }: RiskReport) {
  if (cost.scenario === null) return { scenario: null, reason: cost.reason }
  const best = cost.best
  return {
    scenario: cost.scenario,
    healthFactorWad: s(cost.healthFactor),
    best: best && {
      debtAsset: best.debtAsset,
      debtSymbol: best.debtSymbol,
      collateralAsset: best.collateralAsset,
      collateralSymbol: best.collateralSymbol,
      closeFactor: s(best.closeFactor),
      debtRepaid: s(best.debtRepaid),
      collateralSeized: s(best.collateralSeized),
      protocolFee: s(best.protocolFee),
      userLossBase: s(best.userLossBase),
      userLossUsd: best.userLossUsd,
    },
  }
}

import { transfer } from 'comlink'
import { type EvaluateOptions, evaluate } from '../engine/evaluate'
import type { RiskReport } from '../engine/riskReport'
import type { RiskSettings } from '../engine/settings'
import type { PortfolioSnapshot } from '../engine/snapshot'
import { volatilityMemo } from '../engine/volatility'

/**
 * The risk worker's typed message protocol: one call, `evaluate(request)`, whose request and
 * report cross the boundary by structured clone (bigint included); the report's typed arrays are
 * transferred, not copied.
 */
export type RiskRequest = EvaluateOptions & {
  snapshot: PortfolioSnapshot
  settings: Partial<RiskSettings>
}

/** What the worker exposes (risk.worker.ts) and what the client calls through comlink. */
export type RiskWorkerApi = {
  evaluate(request: RiskRequest): RiskReport
}

/** The report's typed-array buffers, each once (a buffer listed twice makes postMessage throw). */
export function reportTransferables(report: RiskReport): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>()
  const add = (array: Float64Array) => {
    if (array.buffer instanceof ArrayBuffer) buffers.add(array.buffer)
  }
  if (report.stress) {
    add(report.stress.shocks)
    for (const curve of report.stress.curves) add(curve.healthFactor)
  }
  if (report.replay) {
    add(report.replay.series.time)
    add(report.replay.series.healthFactor)
  }
  return [...buffers]
}

/** GARCH fits by feed history, kept for the worker's life: a fit changes only when a feed writes a round. */
const memo = { volatility: volatilityMemo() }

/** The worker side: runs the engine and marks the report's typed arrays for transfer. */
export const riskWorkerApi: RiskWorkerApi = {
  evaluate({ snapshot, settings, ...options }) {
    const report = evaluate(snapshot, settings, { ...options, memo })
    return transfer(report, reportTransferables(report))
  },
}

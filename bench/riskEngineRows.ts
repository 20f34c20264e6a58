// Risk engine rows of `npm run bench` (issue 4, point 9): evaluate() on a 10-reserve account,
// account data alone against @aave/math-utils on the same data in the same run, and proposals.
// Figures only: nothing here fails on time.
import { computeAccountData } from '../src/engine/accountData'
import { evaluate } from '../src/engine/evaluate'
import { proposeProtections } from '../src/engine/proposals/proposeProtections'
import { resolveRiskSettings } from '../src/engine/settings'
import { peerAccountSummary, peerInputs } from './aaveMathUtilsPeer'
import { median, ms, percentile } from './table.mjs'
import { BENCH_SWAP_ROUTER, BENCH_WETH, tenReserveSnapshot } from './tenReserveSnapshot'

export type BenchRow = { figure: string; value: string; target?: string; peer?: string }

const market = { swapRouter: BENCH_SWAP_ROUTER, wrappedNativeAsset: BENCH_WETH }
const options = { now: 1_750_000_000, seed: 1, proposals: market }
const us = (x: number) => `${(x * 1000).toFixed(x < 0.01 ? 2 : 1)} µs`

/**
 * Per-call times (ms) of `f`, each sample the mean over `batch` calls (for calls too short for the
 * clock): `samples` of them, or as many as fit in `budgetMs` (at least 30) when `f` is slow.
 */
function sample(
  f: () => unknown,
  { samples, batch, warmup, budgetMs = 4_000 }: { samples: number; batch: number; warmup: number; budgetMs?: number },
) {
  const started = performance.now()
  for (let i = 0; i < warmup && performance.now() - started < budgetMs / 4; i++) f()
  const times: number[] = []
  const end = performance.now() + budgetMs
  for (let s = 0; s < samples && (s < 30 || performance.now() < end); s++) {
    const t = performance.now()
    for (let i = 0; i < batch; i++) f()
    times.push((performance.now() - t) / batch)
  }
  return times
}

/** evaluate() median and p95 on the 10-reserve account, one call per sample. */
export function evaluateRow(): BenchRow {
  const snapshot = tenReserveSnapshot()
  const report = evaluate(snapshot, {}, options)
  const times = sample(() => evaluate(snapshot, {}, options), { samples: 2_000, batch: 1, warmup: 300 })
  const missing = report.notes.length ? `; notes: ${report.notes.join('; ')}` : ''
  const curves = report.stress.curves.length
  return {
    figure: `evaluate(), 10-reserve account (${report.assets.length} positions, ${curves} stress curves × ${report.stress.shocks.length} points, ${report.proposals.length} proposals${missing})`,
    value: `median ${ms(median(times))}, p95 ${ms(percentile(times, 95))} (${times.length} runs)`,
    target: 'median ≤ 1 ms',
  }
}

/** evaluate() with proposals switched off (maxProposals 0): account data, liquidation prices, stress, cost. */
export function evaluateWithoutProposalsRow(): BenchRow {
  const snapshot = tenReserveSnapshot()
  const run = () => evaluate(snapshot, { maxProposals: 0 }, options)
  const times = sample(run, { samples: 2_000, batch: 1, warmup: 300 })
  return {
    figure: 'evaluate() without proposals (maxProposals 0), same account',
    value: `median ${ms(median(times))}, p95 ${ms(percentile(times, 95))} (${times.length} runs)`,
  }
}

/** computeAccountData against formatReserves + formatUserSummary on the same reserves and user, as a ratio. */
export function accountDataRow(): BenchRow {
  const snapshot = tenReserveSnapshot()
  const inputs = peerInputs(snapshot)
  const ours = computeAccountData(snapshot)
  const theirs = peerAccountSummary(inputs)
  const oursTimes = sample(() => computeAccountData(snapshot), { samples: 200, batch: 100, warmup: 2_000 })
  const peerTimes = sample(() => peerAccountSummary(inputs), { samples: 60, batch: 1, warmup: 20 })
  const [a, b] = [median(oursTimes), median(peerTimes)]
  // Same account: totals agree to the base unit (the peer rounds in BigNumber); the HF differs in the
  // 4th–5th digit because the chain (and the engine) truncates the weighted LT to whole bps.
  const hfPeer = Number(theirs.healthFactor)
  const hfOurs = Number(ours.healthFactor) / 1e18
  return {
    figure: 'account data alone, 10 reserves (computeAccountData)',
    value: `${us(a)} a call; ${Math.round(b / a)}× faster than the peer (HF ${hfOurs.toFixed(4)} vs ${hfPeer.toFixed(4)})`,
    target: '≥ 500× faster than the peer',
    peer: `@aave/math-utils formatReserves + formatUserSummary: ${ms(b)} a call`,
  }
}

/** Proposal generation alone (proposeProtections: repay, add collateral, deleverage, rotation; ranked). */
export function proposalsRow(): BenchRow {
  const snapshot = tenReserveSnapshot()
  const settings = resolveRiskSettings()
  const run = () => proposeProtections(snapshot, settings, market)
  const proposals = run()
  const kinds = [...new Set(proposals.map((p) => p.kind))].join(', ')
  const times = sample(run, { samples: 300, batch: 1, warmup: 30 })
  return {
    figure: `proposals generation, 10-reserve account (${proposals.length} proposals: ${kinds || 'none'})`,
    value: `median ${ms(median(times))}, p95 ${ms(percentile(times, 95))} (${times.length} runs)`,
    target: 'inside evaluate()’s 1 ms',
  }
}

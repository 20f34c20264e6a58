#!/usr/bin/env node
// `npm run bench`: prints figures against DESIGN.md's targets and a peer where one exists.
// Never fails on time; a row that cannot be measured says why.
import { initialJavaScriptRows } from './dashboardBundle.mjs'
import { dashboardPageRows } from './dashboardPage.mjs'
import { coldDeploy, startToHealthFactor, warmStart } from './devnetStart.mjs'
import { liveDataRows } from './liveData.mjs'
import { oracleToPageRows } from './liveDataLatency.mjs'
import { riskEngineRows, riskStatisticsRows } from './riskEngine.mjs'
import { printTable } from './table.mjs'

const engine = await riskEngineRows()
const statistics = await riskStatisticsRows()
const live = await liveDataRows()
const rows = []
for (const [name, run] of [
  ['evaluate', engine.evaluateRow],
  ['evaluate without proposals', engine.evaluateWithoutProposalsRow],
  ['account data vs @aave/math-utils', engine.accountDataRow],
  ['proposals', engine.proposalsRow],
  ['Monte Carlo', async () => monteCarloTableRows(await statistics.monteCarloRows())],
  ['GARCH fit', statistics.garchFitRow],
  ['evaluate with statistics', statistics.evaluateWithStatisticsRows],
  ['cold deploy', coldDeploy],
  ['warm start', warmStart],
  ['npm start → HF', startToHealthFactor],
  ['oracle update → HF in the page', oracleToPageRows],
  ['RPC requests per block', live.requestsPerBlockRows],
  ['initial JavaScript', initialJavaScriptRows],
  ['dashboard in Chromium (page load → HF, long tasks)', dashboardPageRows],
]) {
  try {
    const row = await run()
    rows.push(...(Array.isArray(row) ? row : [row]))
  } catch (e) {
    rows.push({ figure: name, value: `not measured: ${e.message.split('\n')[0]}` })
  }
}
printTable(rows)

/** Monte Carlo rows measured in milliseconds, against DESIGN.md's 150 ms for 100k × 24 × 3 in the worker. */
function monteCarloTableRows(measured) {
  return measured.map((r) => ({
    figure: r.label,
    value: `median ${r.median.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms`,
    target: '≤ 150 ms (a plain Box–Muller loop: ~300 ms here)',
  }))
}
process.exit(0)

#!/usr/bin/env node
// `npm run bench`: prints figures against DESIGN.md's targets and a peer where one exists.
// Never fails on time; a row that cannot be measured says why.
import { coldDeploy, startToHealthFactor, warmStart } from './devnetStart.mjs'
import { riskEngineRows } from './riskEngine.mjs'
import { printTable } from './table.mjs'

const engine = await riskEngineRows()
const rows = []
for (const [name, run] of [
  ['evaluate', engine.evaluateRow],
  ['evaluate without proposals', engine.evaluateWithoutProposalsRow],
  ['account data vs @aave/math-utils', engine.accountDataRow],
  ['proposals', engine.proposalsRow],
  ['cold deploy', coldDeploy],
  ['warm start', warmStart],
  ['npm start → HF', startToHealthFactor],
]) {
  try {
    rows.push(await run())
  } catch (e) {
    rows.push({ figure: name, value: `not measured: ${e.message.split('\n')[0]}` })
  }
}
printTable(rows)
process.exit(0)

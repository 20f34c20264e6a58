import { createPublicClient, http } from 'viem'
import { getBlockNumber } from 'viem/actions'
import { readPortfolioSnapshot } from '../chain/readPortfolioSnapshot'
import { proposalCalls } from '../chain/tx/proposalCalls'
import { evaluate } from '../engine/evaluate'
import { userPositions } from '../engine/positions'
import type { RiskReport } from '../engine/riskReport'
import { CliError, oneLine } from './cliError'
import { parseReportArgs } from './reportArgs'
import { reportJson } from './reportJson'
import { reportText } from './reportText'
import { resolveReportMarket } from './resolveReportMarket'

/** Seed of the report's random draws: fixed, so the same block gives the same report. */
const REPORT_SEED = 1

/**
 * `marginguard report`: one snapshot through the same chain code the app uses
 * (readPortfolioSnapshot: one multicall at the latest block), the same engine (evaluate), printed
 * as text or, with --json, as one JSON object. Returns the text to print; bad input throws CliError.
 */
export async function runReport(argv: readonly string[]): Promise<string> {
  const args = parseReportArgs(argv)
  const target = resolveReportMarket(args)
  // No retries: an unreachable node must fail in one line, now, not after viem's backoff.
  const client = createPublicClient({ transport: http(target.rpc, { retryCount: 0, timeout: 20_000 }) })
  let blockNumber: bigint
  try {
    blockNumber = await getBlockNumber(client, { cacheTime: 0 })
  } catch (error) {
    throw new CliError(`cannot reach the node at ${target.rpc}: ${oneLine(error)}`)
  }
  const market = await target.resolve(client)
  let report: RiskReport
  try {
    // The swap pools the deleverage and rotation proposals need are read in the same multicall.
    const pools = target.pools.byAsset
    const snapshot = await readPortfolioSnapshot(client, {
      market,
      user: args.account,
      blockNumber,
      ...(pools.length ? { uniswap: { pools } } : {}),
    })
    if (userPositions(snapshot).length === 0)
      throw new CliError(`${args.account} has no positions on the market ${market.pool} at block ${blockNumber}`)
    // Time is the block's: the report describes the block, and the same block gives the same report.
    report = evaluate(snapshot, {}, { now: snapshot.blockTimestamp, seed: REPORT_SEED, ...target.engine })
  } catch (error) {
    if (error instanceof CliError) throw error
    throw new CliError(`could not read ${args.account} at block ${blockNumber}: ${oneLine(error)}`)
  }
  if (!args.json) return reportText(report)
  // The calls exactly as the app would send them (exact approvals), for this report's chain only.
  const json = reportJson(report, (proposal) => proposalCalls(proposal, report.chainId))
  return `${JSON.stringify(json, null, 2)}\n`
}

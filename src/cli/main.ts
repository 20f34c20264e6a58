import { CliError, oneLine } from './cliError'
import { runReport } from './report'
import { REPORT_USAGE } from './reportArgs'

const USAGE = `marginguard — keeps leveraged Aave V3 positions from being liquidated

${REPORT_USAGE}

  --rpc URL                        JSON-RPC endpoint (default for the devnet: the manifest's)
  --account ADDRESS                the account to report on
  --market devnet|ADDRESS          the devnet (default) or a market's PoolAddressesProvider
  --manifest PATH                  devnet manifest (default $MG_MANIFEST or devnet/deployments.json)
  --ui-pool-data-provider ADDRESS  the market's UiPoolDataProviderV3 (not derivable from the provider)
  --json                           one JSON object, bigints as decimal strings
`

/**
 * The command line's entry: runs the command and returns the exit code. Output goes to stdout,
 * errors to stderr as one line (`marginguard: …`), never a stack trace.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(USAGE)
      return command === undefined ? 2 : 0
    }
    if (command !== 'report') throw new CliError(`unknown command "${command}" (try: marginguard report --help)`, 2)
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(USAGE)
      return 0
    }
    process.stdout.write(await runReport(rest))
    return 0
  } catch (error) {
    process.stderr.write(`marginguard: ${oneLine(error)}\n`)
    return error instanceof CliError ? error.exitCode : 1
  }
}

import { parseArgs } from 'node:util'
import { type Address, getAddress, isAddress } from 'viem'
import { CliError } from './cliError'

/** `marginguard report`'s options, validated. */
export type ReportArgs = {
  /** JSON-RPC URL; for `--market devnet` it defaults to the manifest's. */
  rpc: string | undefined
  account: Address
  market: { kind: 'devnet' } | { kind: 'provider'; poolAddressesProvider: Address }
  /** The devnet manifest (default: $MG_MANIFEST or devnet/deployments.json). */
  manifestPath: string | undefined
  /** UiPoolDataProviderV3 of a market given by its PoolAddressesProvider (not derivable from it). */
  uiPoolDataProvider: Address | undefined
  json: boolean
}

export const REPORT_USAGE = `usage: marginguard report --rpc URL --account ADDRESS [--market devnet|POOL_ADDRESSES_PROVIDER]
                         [--manifest PATH] [--ui-pool-data-provider ADDRESS] [--json]`

const address = (value: string, what: string): Address => {
  if (!isAddress(value, { strict: false })) throw new CliError(`${what} is not an address: ${value}`, 2)
  return getAddress(value)
}

/**
 * Parses the arguments after `report`. Malformed input throws a CliError with exit code 2 (usage)
 * and a one-line message naming the bad value.
 */
export function parseReportArgs(argv: readonly string[]): ReportArgs {
  let values: ReturnType<typeof parse>['values']
  try {
    values = parse(argv).values
  } catch (error) {
    throw new CliError(`${(error as Error).message.split('\n')[0]} (${REPORT_USAGE.split('\n')[0]})`, 2)
  }
  if (values.account === undefined) throw new CliError('--account ADDRESS is required', 2)
  const marketArg = values.market ?? 'devnet'
  const market: ReportArgs['market'] =
    marketArg === 'devnet'
      ? { kind: 'devnet' }
      : { kind: 'provider', poolAddressesProvider: address(marketArg, '--market (devnet or a PoolAddressesProvider)') }
  if (values.rpc !== undefined && !URL.canParse(values.rpc)) throw new CliError(`--rpc is not a URL: ${values.rpc}`, 2)
  if (values.rpc !== undefined && !/^https?:$/.test(new URL(values.rpc).protocol))
    throw new CliError(`--rpc must be an http(s) URL: ${values.rpc}`, 2)
  if (market.kind !== 'devnet' && values.rpc === undefined)
    throw new CliError('--rpc URL is required for a market other than the devnet', 2)
  return {
    rpc: values.rpc,
    account: address(values.account, '--account'),
    market,
    manifestPath: values.manifest,
    uiPoolDataProvider:
      values['ui-pool-data-provider'] === undefined
        ? undefined
        : address(values['ui-pool-data-provider'], '--ui-pool-data-provider'),
    json: values.json ?? false,
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      rpc: { type: 'string' },
      account: { type: 'string' },
      market: { type: 'string' },
      manifest: { type: 'string' },
      'ui-pool-data-provider': { type: 'string' },
      json: { type: 'boolean' },
    },
  })
}

import { existsSync } from 'node:fs'
import { type Address, type Client, isAddressEqual } from 'viem'
import { readManifest } from '../../devnet/manifest.mjs'
import type { AaveMarket } from '../chain/aaveMarket'
import { type DevnetManifest, parseDevnetManifest } from '../chain/devnetManifest'
import { marketFromPoolAddressesProvider, NotAnAaveMarketError } from '../chain/marketFromPoolAddressesProvider'
import type { EvaluateOptions } from '../engine/evaluate'
import { CliError, oneLine } from './cliError'
import type { ReportArgs } from './reportArgs'

/** Where the devnet manifest is: --manifest, else $MG_MANIFEST, else devnet/deployments.json. */
function loadManifest(path: string | undefined): DevnetManifest {
  try {
    return parseDevnetManifest(readManifest(path))
  } catch (error) {
    throw new CliError(oneLine(error))
  }
}

/** The manifest only if one is there (a real market's report must not require a devnet). */
function manifestIfPresent(path: string | undefined): DevnetManifest | undefined {
  const resolved = path ?? process.env.MG_MANIFEST
  if (resolved !== undefined && !existsSync(resolved)) return undefined
  try {
    return parseDevnetManifest(readManifest(resolved))
  } catch {
    return undefined
  }
}

/**
 * The RPC URL and the market the report reads. `--market devnet` takes every address from the
 * manifest; a PoolAddressesProvider resolves Pool and AaveOracle from the chain, and the
 * UiPoolDataProviderV3 (which the provider does not register) from `--ui-pool-data-provider`,
 * or from the devnet manifest when the provider is the devnet's. Both are checked on chain.
 */
export function resolveReportMarket(args: ReportArgs): {
  rpc: string
  resolve: (client: Client) => Promise<AaveMarket>
  /** What the engine should know about the market beyond the snapshot (from the manifest when it describes it). */
  engine: Pick<EvaluateOptions, 'assetClass' | 'proposals'>
  /** Uniswap V3 pools the proposals may swap through, by the asset they price (the devnet's). */
  pools: UniswapPoolAddresses
} {
  if (args.market.kind === 'devnet') {
    const manifest = loadManifest(args.manifestPath)
    const { aave } = manifest
    return {
      rpc: args.rpc ?? manifest.rpcUrl,
      engine: engineContext(manifest),
      pools: manifestPools(manifest),
      resolve: (client) =>
        checked(aave.poolAddressesProvider, () =>
          marketFromPoolAddressesProvider(client, {
            poolAddressesProvider: aave.poolAddressesProvider,
            uiPoolDataProvider: args.uiPoolDataProvider ?? aave.uiPoolDataProvider,
            multicall3: manifest.multicall3,
          }),
        ),
    }
  }
  const { poolAddressesProvider } = args.market
  const manifest = manifestIfPresent(args.manifestPath)
  const fromManifest =
    manifest && isAddressEqual(manifest.aave.poolAddressesProvider, poolAddressesProvider)
      ? manifest.aave.uiPoolDataProvider
      : undefined
  const uiPoolDataProvider: Address | undefined = args.uiPoolDataProvider ?? fromManifest
  if (!uiPoolDataProvider)
    throw new CliError(
      `--ui-pool-data-provider ADDRESS is required for ${poolAddressesProvider}: the PoolAddressesProvider does not register it`,
      2,
    )
  if (args.rpc === undefined) throw new CliError('--rpc URL is required', 2)
  return {
    rpc: args.rpc,
    engine: manifest && fromManifest ? engineContext(manifest) : {},
    pools: manifest && fromManifest ? manifestPools(manifest) : { multicall3: undefined, byAsset: [] },
    resolve: (client) =>
      checked(poolAddressesProvider, () =>
        marketFromPoolAddressesProvider(client, {
          poolAddressesProvider,
          uiPoolDataProvider,
          ...(manifest && fromManifest ? { multicall3: manifest.multicall3 } : {}),
        }),
      ),
  }
}

export type UniswapPoolAddresses = { multicall3: Address | undefined; byAsset: { asset: Address; pool: Address }[] }

function manifestPools(manifest: DevnetManifest): UniswapPoolAddresses {
  return {
    multicall3: manifest.multicall3,
    byAsset: manifest.assets.flatMap((a) => (a.uniswapPool ? [{ asset: a.address, pool: a.uniswapPool }] : [])),
  }
}

/** The devnet's asset classes (its `volatile` flags), its Uniswap router and its wrapped native token. */
function engineContext(manifest: DevnetManifest): Pick<EvaluateOptions, 'assetClass' | 'proposals'> {
  const weth = manifest.assets.find((a) => a.symbol === 'WETH')
  return {
    assetClass: {
      volatile: manifest.assets.filter((a) => a.volatile).map((a) => a.address),
      stable: manifest.assets.filter((a) => !a.volatile).map((a) => a.address),
    },
    proposals: { swapRouter: manifest.uniswap.swapRouter, ...(weth ? { wrappedNativeAsset: weth.address } : {}) },
  }
}

async function checked(provider: Address, resolve: () => Promise<AaveMarket>): Promise<AaveMarket> {
  try {
    return await resolve()
  } catch (error) {
    if (error instanceof NotAnAaveMarketError) throw new CliError(`not an Aave V3 market: ${error.message}`)
    throw new CliError(`could not read the market at ${provider}: ${oneLine(error)}`)
  }
}

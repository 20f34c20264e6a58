import { mainnet } from 'viem/chains'
import { LIVE_MARKETS } from '../../chain/markets'
import type { EnsClient, EnsResolution } from '../../chain/resolveEns'

/** ENS is read on Ethereum mainnet, through the same public RPC the Ethereum market uses. */
export const ENS_RPC_URL = LIVE_MARKETS.find((m) => m.chainId === mainnet.id)?.rpcUrl ?? mainnet.rpcUrls.default.http[0]

let client: EnsClient | undefined

/**
 * Resolves an ENS name on mainnet. The resolver (and ENS's normalisation tables) load on the first
 * name, never with the first paint.
 */
export async function resolveName(name: string): Promise<EnsResolution> {
  const ens = await import('../../chain/resolveEns')
  client ??= ens.createEnsClient({ rpcUrl: ENS_RPC_URL })
  return ens.resolveEnsName(client, name)
}

/** A person's sentence for a failed resolution (EnsResolutionError carries one; anything else is unexpected). */
export function describeResolveError(error: unknown, name: string): string {
  if (error instanceof Error && error.name === 'EnsResolutionError') return error.message
  return `Resolving ${name} failed: ${error instanceof Error ? error.message : String(error)}`
}

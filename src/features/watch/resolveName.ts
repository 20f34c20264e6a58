import { mainnet } from 'viem/chains'
import { LIVE_MARKETS } from '../../chain/markets'
import type { EnsClient, EnsResolution } from '../../chain/resolveEns'

/** ENS is read on Ethereum mainnet, through the same public RPC the Ethereum market uses. */
export const ENS_RPC_URL = LIVE_MARKETS.find((m) => m.chainId === mainnet.id)?.rpcUrl ?? mainnet.rpcUrls.default.http[0]

const clients = new Map<string, EnsClient>()

/**
 * Resolves an ENS name on mainnet, through the user's Ethereum RPC when one is set (the public
 * default otherwise). The resolver (and ENS's normalisation tables) load on the first name, never
 * with the first paint.
 */
export async function resolveName(name: string, rpcUrl: string = ENS_RPC_URL): Promise<EnsResolution> {
  const ens = await import('../../chain/resolveEns')
  let client = clients.get(rpcUrl)
  if (!client) {
    client = ens.createEnsClient({ rpcUrl })
    clients.set(rpcUrl, client)
  }
  return ens.resolveEnsName(client, name)
}

/** A person's sentence for a failed resolution (EnsResolutionError carries one; anything else is unexpected). */
export function describeResolveError(error: unknown, name: string): string {
  if (error instanceof Error && error.name === 'EnsResolutionError') return error.message
  return `Resolving ${name} failed: ${error instanceof Error ? error.message : String(error)}`
}

import {
  type Address,
  BaseError,
  type Client,
  createClient,
  HttpRequestError,
  http,
  TimeoutError,
  type Transport,
  WebSocketRequestError,
} from 'viem'
import { getEnsAddress } from 'viem/actions'
import { mainnet } from 'viem/chains'
import { normalize } from 'viem/ens'

/**
 * ENS lives on Ethereum mainnet whatever market is watched: names are resolved there (through
 * the Universal Resolver viem's `mainnet` chain knows) and the address is then watched on the
 * market's own chain. This module is loaded on demand (ENS normalisation tables are large), so
 * the first paint never pays for it.
 */

export type EnsFailureReason = 'invalid-name' | 'not-found' | 'unreachable' | 'failed'

export class EnsResolutionError extends Error {
  override name = 'EnsResolutionError' as const
  readonly reason: EnsFailureReason
  readonly ensName: string
  readonly rpcUrl: string | undefined

  constructor(
    reason: EnsFailureReason,
    ensName: string,
    message: string,
    options?: { cause?: unknown; rpcUrl?: string },
  ) {
    super(message, { cause: options?.cause })
    this.reason = reason
    this.ensName = ensName
    this.rpcUrl = options?.rpcUrl
  }
}

/** Duck-typed, so callers need not import this module (and its tables) to recognise the error. */
export function isEnsResolutionError(error: unknown): error is EnsResolutionError {
  return error instanceof Error && error.name === 'EnsResolutionError' && 'reason' in error
}

export type EnsClient = Client<Transport, typeof mainnet>

/**
 * A mainnet client for ENS reads only. A short timeout and one retry: a person is waiting for the
 * answer, and "unreachable" soon beats a spinner for a minute.
 */
export function createEnsClient({ rpcUrl, transport }: { rpcUrl: string; transport?: Transport }): EnsClient {
  return createClient({
    chain: mainnet,
    transport: transport ?? http(rpcUrl, { timeout: 8_000, retryCount: 1 }),
  })
}

const isTransportFailure = (error: unknown) =>
  error instanceof BaseError &&
  Boolean(
    error.walk((e) => e instanceof HttpRequestError || e instanceof TimeoutError || e instanceof WebSocketRequestError),
  )

export type EnsResolution = {
  /** The name as ENS knows it (ENSIP-15 normalised: "Vitalik.ETH" → "vitalik.eth"). */
  name: string
  address: Address
}

/**
 * The address an ENS name points to on Ethereum mainnet (its ETH `addr` record), normalised
 * with ENSIP-15 first. Fails with an EnsResolutionError whose `reason` says which of: the name is
 * not a valid ENS name, it has no address, the mainnet RPC did not answer, anything else.
 */
export async function resolveEnsName(client: EnsClient, rawName: string): Promise<EnsResolution> {
  const rpcUrl = (client.transport as { url?: string }).url
  let name: string
  try {
    name = normalize(rawName.trim())
  } catch (error) {
    throw new EnsResolutionError('invalid-name', rawName, `“${rawName}” is not a valid ENS name.`, { cause: error })
  }

  let address: Address | null
  try {
    address = await getEnsAddress(client, { name })
  } catch (error) {
    if (isTransportFailure(error))
      throw new EnsResolutionError(
        'unreachable',
        name,
        `The Ethereum mainnet RPC${rpcUrl ? ` (${rpcUrl})` : ''} is unreachable, so ${name} cannot be resolved now. Paste the 0x address instead.`,
        { cause: error, rpcUrl },
      )
    const detail = error instanceof BaseError ? error.shortMessage : String(error)
    throw new EnsResolutionError('failed', name, `Resolving ${name} on Ethereum mainnet failed: ${detail}`, {
      cause: error,
      rpcUrl,
    })
  }
  if (!address)
    throw new EnsResolutionError('not-found', name, `ENS name not found: ${name} has no address on Ethereum mainnet.`, {
      rpcUrl,
    })
  return { name, address }
}

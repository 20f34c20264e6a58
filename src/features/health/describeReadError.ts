import { AbiDecodingZeroDataError, BaseError, ContractFunctionZeroDataError } from 'viem'

/**
 * A read failure in words a person can act on. A contract call that returns no data means no
 * contract lives at the manifest's address (the Pool, or Multicall3 that batches reads): the
 * manifest describes another chain than the one running, a stale manifest from an earlier devnet.
 */
export function describeReadError(error: Error, { pool, rpcUrl }: { pool: string; rpcUrl: string }): string {
  if (error instanceof BaseError) {
    const noContract = error.walk(
      (cause) => cause instanceof ContractFunctionZeroDataError || cause instanceof AbiDecodingZeroDataError,
    )
    if (noContract)
      return `No contract answers at the Pool address ${pool} on the node at ${rpcUrl}: the devnet manifest is stale. Restart the devnet (npm start).`
    return error.shortMessage
  }
  return error.message
}

import { AbiDecodingZeroDataError, BaseError, ContractFunctionZeroDataError } from 'viem'

/** The market a read was made on, as the message names it. */
export type ReadErrorMarket = { pool: string; name: string; rpcUrl: string; isDevnet: boolean }

/**
 * A read failure in words a person can act on. A contract call that returns no data means no
 * contract lives at the market's address (the Pool, or Multicall3 that batches reads). On the
 * devnet, the manifest describes another chain than the one running: a stale manifest from an
 * earlier devnet. On a live market, the node serves the right chain id but not that chain's state
 * (a private or fresh chain behind a custom RPC URL).
 */
export function describeReadError(error: Error, { pool, name, rpcUrl, isDevnet }: ReadErrorMarket): string {
  if (error instanceof BaseError) {
    const noContract = error.walk(
      (cause) => cause instanceof ContractFunctionZeroDataError || cause instanceof AbiDecodingZeroDataError,
    )
    if (noContract)
      return isDevnet
        ? `No contract answers at the Pool address ${pool} on the node at ${rpcUrl}: the devnet manifest is stale. Restart the devnet (npm start).`
        : `No contract answers at the Pool address ${pool} on the node at ${rpcUrl}: that node does not hold ${name}. Check the RPC URL set for this chain, or reset it to the default.`
    return error.shortMessage
  }
  return error.message
}

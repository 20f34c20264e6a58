import { type Address, type Client, decodeAbiParameters, decodeFunctionResult, encodeFunctionData } from 'viem'
import { call } from 'viem/actions'
import type { AaveMarket } from './aaveMarket'
import { multicall3Abi } from './abi/multicall3'
import { poolAbi } from './abi/pool'
import { decodeAggregate3Result } from './aggregate3'
import type { Aggregate3Call, Aggregate3Result } from './portfolioCalls'
import type { AccountData } from './readAccountData'

/**
 * The health of every account on a watchlist at one block, in one `eth_call`: Multicall3.aggregate3
 * of `Pool.getUserAccountData(user)` per account, after `getCurrentBlockTimestamp` (the time the
 * EVM used for that very call, which is the time interest accrued to). The cost is one round trip
 * however long the list; only the call's own execution grows with it (each getUserAccountData
 * prices that account's reserves in use: GenericLogic.calculateUserAccountData).
 *
 * Like the Uniswap pool read, the calls (`watchlistHealthCalls`) and their decoding
 * (`decodeWatchlistHealthResults`) can be folded into a larger aggregate3; `readWatchlistHealth`
 * sends them alone. Each account's call may fail on its own (allowFailure), so one account that
 * cannot be read never hides the others: it gets an `error` instead of its numbers.
 */
export type WatchlistAccountHealth = { user: Address } & ({ data: AccountData } | { error: string })

export type WatchlistHealth = {
  blockNumber: bigint
  /** Seconds: the block's timestamp, as the EVM saw it in the call. */
  blockTimestamp: bigint
  /** In the order of `users` (a user listed twice is read twice). */
  accounts: WatchlistAccountHealth[]
}

export type WatchlistHealthCallParams = { market: Pick<AaveMarket, 'pool' | 'multicall3'>; users: readonly Address[] }

/** getCurrentBlockTimestamp, then getUserAccountData(user) per user, each allowed to fail. */
export function watchlistHealthCalls({ market, users }: WatchlistHealthCallParams): Aggregate3Call[] {
  return [
    {
      target: market.multicall3,
      allowFailure: true,
      callData: encodeFunctionData({ abi: multicall3Abi, functionName: 'getCurrentBlockTimestamp' }),
    },
    ...users.map((user) => ({
      target: market.pool,
      allowFailure: true,
      callData: encodeFunctionData({ abi: poolAbi, functionName: 'getUserAccountData', args: [user] }),
    })),
  ]
}

/** How many results watchlistHealthCalls produces (to slice them out of a larger aggregate3). */
export function watchlistHealthCallCount(users: readonly Address[]): number {
  return 1 + users.length
}

/** Decodes the results of watchlistHealthCalls: the block's timestamp (required) and each account's numbers or error. */
export function decodeWatchlistHealthResults(
  { market, users, blockNumber }: WatchlistHealthCallParams & { blockNumber: bigint },
  results: readonly Aggregate3Result[],
): WatchlistHealth {
  if (results.length !== watchlistHealthCallCount(users))
    throw new Error(`aggregate3 returned ${results.length} results for a watchlist of ${users.length}`)
  const [timestamp, ...perUser] = results as [Aggregate3Result, ...Aggregate3Result[]]
  if (!timestamp.success || timestamp.returnData.length < 66)
    throw new Error(`Multicall3.getCurrentBlockTimestamp at ${market.multicall3} failed at block ${blockNumber}`)
  const [blockTimestamp] = decodeAbiParameters([{ type: 'uint256' }], timestamp.returnData)
  return {
    blockNumber,
    blockTimestamp,
    accounts: users.map((user, i) => accountHealth(market.pool, user, perUser[i] as Aggregate3Result, blockNumber)),
  }
}

function accountHealth(
  pool: Address,
  user: Address,
  result: Aggregate3Result,
  blockNumber: bigint,
): WatchlistAccountHealth {
  const what = `Pool.getUserAccountData(${user}) on ${pool} at block ${blockNumber}`
  // A call to an address without code "succeeds" with no data: not an Aave pool there.
  if (!result.success || result.returnData === '0x') return { user, error: `${what} reverted or returned nothing` }
  try {
    const [totalCollateralBase, totalDebtBase, availableBorrowsBase, currentLiquidationThreshold, ltv, healthFactor] =
      decodeFunctionResult({ abi: poolAbi, functionName: 'getUserAccountData', data: result.returnData })
    return {
      user,
      data: {
        totalCollateralBase,
        totalDebtBase,
        availableBorrowsBase,
        currentLiquidationThreshold,
        ltv,
        healthFactor,
      },
    }
  } catch (error) {
    return { user, error: `${what} returned an undecodable answer: ${(error as Error).message.split('\n')[0]}` }
  }
}

/**
 * Reads the watchlist's health at `blockNumber` in one eth_call (an empty list still reads the
 * block's timestamp, in the same one call). No retries here: the block stream owns those.
 */
export async function readWatchlistHealth(
  client: Client,
  { market, users, blockNumber }: WatchlistHealthCallParams & { blockNumber: bigint },
): Promise<WatchlistHealth> {
  const { data } = await call(client, {
    to: market.multicall3,
    data: encodeFunctionData({
      abi: multicall3Abi,
      functionName: 'aggregate3',
      args: [watchlistHealthCalls({ market, users })],
    }),
    blockNumber,
    // Already one batch: viem's own multicall batching must not wrap it again.
    batch: false,
  })
  if (!data) throw new Error(`Multicall3 at ${market.multicall3} returned no data at block ${blockNumber}`)
  const results = decodeAggregate3Result(data)
  return decodeWatchlistHealthResults({ market, users, blockNumber }, results)
}

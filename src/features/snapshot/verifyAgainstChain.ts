import { type Address, type Client, getAddress, isAddressEqual } from 'viem'
import { getBlock, getBlockNumber, getChainId, readContract } from 'viem/actions'
import { poolAbi } from '../../chain/abi/pool'
import { formatBlockNumber } from '../../ui/format'
import type { RiskSnapshot } from './snapshotModel'

/**
 * "Verify against chain" (issue 8, part 4): a full snapshot names its chain, account and block, so
 * anyone with an RPC can re-read Pool.getUserAccountData(account) at that very block and compare.
 * The pool read is the one the viewer's app knows for the market (`market.pool`), never the one the
 * snapshot names: a forged link could name a contract that answers whatever it claims.
 *
 * Precision: at the 'full' level the snapshot keeps the account data exactly as the engine
 * computed it (bigint WAD health factor, base-currency amounts, bps), and the engine equals the
 * chain to the wei on the same block, so every field is compared exactly. The 'no-address' and
 * 'ratios' levels drop the account (and 'ratios' truncates HF to 4 decimals and rescales sizes):
 * there is nothing to re-read, so they are 'not-verifiable'.
 */

export const VERIFIED_FIELDS = [
  'healthFactorWad',
  'totalCollateralBase',
  'totalDebtBase',
  'availableBorrowsBase',
  'liquidationThresholdBps',
  'ltvBps',
  'blockTimestamp',
] as const
export type VerifiedField = (typeof VERIFIED_FIELDS)[number]

export type VerifyDifference = { field: VerifiedField; snapshot: bigint; chain: bigint }

export type VerifyResult =
  | { status: 'match'; checked: readonly VerifiedField[]; blockNumber: bigint; account: Address }
  | { status: 'mismatch'; differences: VerifyDifference[]; blockNumber: bigint; account: Address }
  | { status: 'unavailable'; reason: string }
  | { status: 'not-verifiable'; reason: string }

// What nodes answer for a block whose state they no longer keep (geth, erigon, nethermind, reth,
// anvil, hosted RPCs), or for a block they do not have.
const MISSING_STATE =
  /missing trie node|header not found|block not found|unknown block|not found|pruned|historical state|state.*(not available|unavailable)|archive|too old|beyond|future block/i

/** The node's message, first line only (viem appends request details and docs links). */
function shortMessage(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { shortMessage?: unknown; details?: unknown; message?: unknown }
    const parts = [e.details, e.shortMessage, e.message].filter((x): x is string => typeof x === 'string' && x !== '')
    if (parts.length > 0) return (parts[0] as string).split('\n')[0] as string
  }
  return String(error)
}

function allMessages(error: unknown): string {
  const texts: string[] = []
  let e: unknown = error
  for (let depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    const o = e as { message?: unknown; details?: unknown; cause?: unknown }
    if (typeof o.message === 'string') texts.push(o.message)
    if (typeof o.details === 'string') texts.push(o.details)
    e = o.cause
  }
  return texts.join('\n')
}

export async function verifySnapshotAgainstChain(
  client: Client,
  snapshot: RiskSnapshot,
  market: { pool: Address },
): Promise<VerifyResult> {
  const account = snapshot.account
  if (snapshot.privacy !== 'full' || account === null)
    return {
      status: 'not-verifiable',
      reason: 'This snapshot does not include the account, so there is nothing to re-read on chain.',
    }
  if (!isAddressEqual(snapshot.market.pool, market.pool))
    return {
      status: 'not-verifiable',
      reason: `The snapshot names the pool ${getAddress(snapshot.market.pool)}, not this market's pool ${getAddress(market.pool)}.`,
    }

  const block = snapshot.block.number
  const at = `block ${formatBlockNumber(block)}`
  let head: bigint
  try {
    const chainId = await getChainId(client)
    if (chainId !== snapshot.chainId)
      return {
        status: 'unavailable',
        reason: `Wrong network: the node serves chain ${chainId}, the snapshot is from chain ${snapshot.chainId}.`,
      }
    head = await getBlockNumber(client, { cacheTime: 0 })
  } catch (error) {
    return { status: 'unavailable', reason: `The node did not answer: ${shortMessage(error)}` }
  }
  if (block > head)
    return {
      status: 'unavailable',
      reason: `The node's latest block is ${formatBlockNumber(head)}, before the snapshot's ${at}: it is behind, or another network.`,
    }

  try {
    const [data, header] = await Promise.all([
      readContract(client, {
        address: market.pool,
        abi: poolAbi,
        functionName: 'getUserAccountData',
        args: [account],
        blockNumber: block,
      }),
      getBlock(client, { blockNumber: block }),
    ])
    const h = snapshot.headline
    const pairs: [VerifiedField, bigint, bigint][] = [
      ['healthFactorWad', h.healthFactorWad, data[5]],
      ['totalCollateralBase', h.totalCollateralBase, data[0]],
      ['totalDebtBase', h.totalDebtBase, data[1]],
      ['availableBorrowsBase', h.availableBorrowsBase, data[2]],
      ['liquidationThresholdBps', BigInt(h.liquidationThresholdBps), data[3]],
      ['ltvBps', BigInt(h.ltvBps), data[4]],
      // Same number, other history (a restarted devnet, a fork): the block's time tells them apart.
      ['blockTimestamp', BigInt(snapshot.block.timestamp), header.timestamp],
    ]
    const differences = pairs
      .filter(([, mine, theirs]) => mine !== theirs)
      .map(([field, mine, theirs]) => ({ field, snapshot: mine, chain: theirs }))
    return differences.length === 0
      ? { status: 'match', checked: VERIFIED_FIELDS, blockNumber: block, account }
      : { status: 'mismatch', differences, blockNumber: block, account }
  } catch (error) {
    if (MISSING_STATE.test(allMessages(error)))
      return {
        status: 'unavailable',
        reason: `The node cannot serve the state at ${at} (it keeps recent blocks only; an archive node can): ${shortMessage(error)}`,
      }
    return { status: 'unavailable', reason: `The node could not read the account at ${at}: ${shortMessage(error)}` }
  }
}

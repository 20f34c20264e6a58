import { type Address, type Hex, isAddressEqual, numberToHex, type PublicClient, type TransactionReceipt } from 'viem'
import { getTransactionReceipt, readContract } from 'viem/actions'
import type { PortfolioSnapshot, UniswapPoolSnapshot } from '../../../engine/snapshot'
import { marketFromDevnetManifest } from '../../aaveMarket'
import { poolAbi } from '../../abi/pool'
import type { DevnetManifest } from '../../devnetManifest'
import { readPortfolioSnapshot } from '../../readPortfolioSnapshot'
import { readUniswapPool } from '../../readUniswapPool'
import type { ProposalCall } from '../proposalCalls'

/**
 * Devnet helpers for the proposal proofs: a full snapshot (portfolio + Uniswap pools) at a block,
 * and two ways to send a proposal's calls from an unlocked anvil account: all in one block at a
 * chosen timestamp (automine off, evm_setNextBlockTimestamp, evm_mine), or one block per call.
 */

type Rpc = (method: string, params?: unknown[]) => Promise<unknown>
export const rpcOf =
  (client: PublicClient): Rpc =>
  (method, params = []) =>
    client.request({ method, params } as unknown as Parameters<PublicClient['request']>[0]) as Promise<unknown>

/** readPortfolioSnapshot plus every devnet pool (keyed by its volatile asset, as the engine expects). */
export async function readDevnetSnapshot(
  client: PublicClient,
  manifest: DevnetManifest,
  user: Address,
  blockNumber?: bigint,
): Promise<PortfolioSnapshot> {
  const bn = blockNumber ?? (await client.getBlockNumber())
  const snapshot = await readPortfolioSnapshot(client, {
    market: marketFromDevnetManifest(manifest),
    user,
    blockNumber: bn,
  })
  const pools: Record<Hex, UniswapPoolSnapshot> = {}
  for (const a of manifest.assets) {
    if (!a.uniswapPool) continue
    const reserve = snapshot.reserves.find((r) => isAddressEqual(r.asset, a.address))
    if (!reserve) continue
    const { pool } = await readUniswapPool(client, {
      address: a.uniswapPool,
      multicall3: manifest.multicall3,
      blockNumber: bn,
    })
    pools[reserve.asset] = pool
  }
  return { ...snapshot, pools }
}

const GAS = numberToHex(2_000_000)

/** Sends the calls with automine off and mines them in one block at `timestamp`; all must succeed. */
export async function mineInOneBlock(
  client: PublicClient,
  from: Address,
  calls: readonly ProposalCall[],
  timestamp: number,
): Promise<{ blockNumber: bigint; receipts: TransactionReceipt[] }> {
  const rpc = rpcOf(client)
  await rpc('evm_setAutomine', [false])
  const hashes: Hex[] = []
  try {
    for (const c of calls)
      hashes.push(
        (await rpc('eth_sendTransaction', [
          { from, to: c.to, data: c.data, value: numberToHex(c.value), gas: GAS },
        ])) as Hex,
      )
    await rpc('evm_setNextBlockTimestamp', [numberToHex(timestamp)])
    await rpc('evm_mine')
  } finally {
    await rpc('evm_setAutomine', [true])
  }
  const receipts = await Promise.all(hashes.map((hash) => getTransactionReceipt(client, { hash })))
  const blockNumber = receipts[0]?.blockNumber ?? (await client.getBlockNumber())
  for (const [i, r] of receipts.entries()) {
    if (r.status !== 'success') throw new Error(`call ${i} reverted (tx ${r.transactionHash})`)
    if (r.blockNumber !== blockNumber) throw new Error(`call ${i} landed in block ${r.blockNumber}, not ${blockNumber}`)
  }
  return { blockNumber, receipts }
}

/** Sends the calls one by one with automine on: each lands in its own block, `secondsApart` after the previous one. */
export async function mineOneByOne(
  client: PublicClient,
  from: Address,
  calls: readonly ProposalCall[],
  secondsApart = 12,
) {
  const rpc = rpcOf(client)
  const receipts: TransactionReceipt[] = []
  let timestamp = Number((await client.getBlock()).timestamp)
  for (const c of calls) {
    timestamp += secondsApart
    await rpc('evm_setNextBlockTimestamp', [numberToHex(timestamp)])
    const hash = (await rpc('eth_sendTransaction', [
      { from, to: c.to, data: c.data, value: numberToHex(c.value), gas: GAS },
    ])) as Hex
    let r: TransactionReceipt | undefined
    while (!r) r = await getTransactionReceipt(client, { hash }).catch(() => undefined)
    if (r.status !== 'success') throw new Error(`call reverted (tx ${hash})`)
    receipts.push(r)
  }
  return receipts
}

export async function accountDataAt(client: PublicClient, pool: Address, user: Address, blockNumber: bigint) {
  const [totalCollateralBase, totalDebtBase, availableBorrowsBase, currentLiquidationThreshold, ltv, healthFactor] =
    await readContract(client, {
      address: pool,
      abi: poolAbi,
      functionName: 'getUserAccountData',
      args: [user],
      blockNumber,
    })
  return { totalCollateralBase, totalDebtBase, availableBorrowsBase, currentLiquidationThreshold, ltv, healthFactor }
}

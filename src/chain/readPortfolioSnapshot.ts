import type { Address, Client } from 'viem'
import { call, multicall } from 'viem/actions'
import type { PortfolioSnapshot } from '../engine/snapshot'
import type { AaveMarket } from './aaveMarket'
import { poolAbi } from './abi/pool'
import { decodePortfolioCall, encodePortfolioCall, type MarketLayout } from './portfolioCalls'

/**
 * Market layouts (reserve list, e-mode price sources, pool revision) per client and market: the only part of
 * the read that must be known before the multicall is built. Kept per client so a restarted
 * devnet (a new client) never reuses an old layout; checked against the chain on every read.
 */
const layouts = new WeakMap<Client, Map<string, MarketLayout>>()

const layoutKey = (market: AaveMarket) => `${market.pool}:${market.uiPoolDataProvider}`.toLowerCase()

/** Forgets the cached layouts of a client (tests; a market upgraded under a live client heals itself anyway). */
export function clearMarketLayouts(client: Client) {
  layouts.delete(client)
}

/**
 * Reads everything the engine needs about `user` on `market` at `blockNumber` in one
 * `eth_call` (Multicall3.aggregate3): reserves and the user's reserves (UiPoolDataProviderV3, in
 * whichever revision's shape it answers), e-mode categories (getEModes, from v3.2), reserve ids,
 * the pool revision, the user's e-mode, e-mode source prices (v3.0–v3.1), wallet
 * and native balances, and the block timestamp the EVM used for that very call (interest accrues
 * to it, as it does in Pool.getUserAccountData at the same block).
 *
 * Steady state is one eth_call per block. The first read of a market adds one call for the
 * reserve list and the pool revision (per-asset calls and getEModes need them); a listing, a
 * dropped reserve, a new e-mode oracle or a pool upgrade is noticed in the same multicall and
 * costs one more call that block.
 */
export async function readPortfolioSnapshot(
  client: Client,
  { market, user, blockNumber }: { market: AaveMarket; user: Address; blockNumber: bigint },
): Promise<PortfolioSnapshot> {
  const byMarket = layouts.get(client) ?? new Map<string, MarketLayout>()
  layouts.set(client, byMarket)
  const key = layoutKey(market)
  let layout = byMarket.get(key) ?? (await readLayout(client, market, blockNumber))
  // A stale answer carries the whole layout at this block (reserves, e-mode sources, revision):
  // a second one in a row would mean the chain changes under a fixed block: give up.
  for (let attempt = 0; attempt < 3; attempt++) {
    const { data } = await call(client, {
      to: market.multicall3,
      data: encodePortfolioCall({ market, user, layout }),
      blockNumber,
      batch: false,
    })
    if (!data) throw new Error(`Multicall3 at ${market.multicall3} returned no data at block ${blockNumber}`)
    const decoded = decodePortfolioCall({ market, user, layout, blockNumber }, data)
    if ('snapshot' in decoded) {
      byMarket.set(key, layout)
      return decoded.snapshot
    }
    layout = decoded.stale
  }
  throw new Error(`the reserve list of ${market.pool} did not settle at block ${blockNumber}`)
}

/** The reserve list and the pool revision, in one Multicall3 call; e-mode price sources are learnt from the first full read. */
async function readLayout(client: Client, market: AaveMarket, blockNumber: bigint): Promise<MarketLayout> {
  const [assets, poolRevision] = await multicall(client, {
    contracts: [
      { address: market.pool, abi: poolAbi, functionName: 'getReservesList' },
      { address: market.pool, abi: poolAbi, functionName: 'POOL_REVISION' },
    ],
    multicallAddress: market.multicall3,
    allowFailure: false,
    blockNumber,
  })
  return { assets, eModePriceSources: [], poolRevision: Number(poolRevision) }
}

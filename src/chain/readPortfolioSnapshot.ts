import { type Address, type Client, getAddress } from 'viem'
import { call, multicall } from 'viem/actions'
import type {
  ChainAccountData,
  Hex,
  PortfolioSnapshot,
  PriceRound,
  UniswapLpPositionSnapshot,
  UniswapPoolSnapshot,
} from '../engine/snapshot'
import type { AaveMarket, UniswapVenue } from './aaveMarket'
import { poolAbi } from './abi/pool'
import type { PriceFeedRef } from './latestRounds'
import type { MarketLayout } from './portfolioCalls'
import { type LpPositionLayout, readLpPositionLayout } from './readLpPositions'
import { readPriceHistory } from './readPriceHistory'
import { readUniswapPoolLayouts, type UniswapPoolLayout } from './readUniswapPool'
import { decodeSnapshotCall, encodeSnapshotCall, priceFeedsOf, type SnapshotPlan, sameFeeds } from './snapshotCalls'

/** How much oracle history the snapshot carries, back from the block's timestamp. */
export type PriceHistoryWindow = {
  /** Rounds updated within this many seconds before the block (default 14 days). */
  windowSeconds?: number
  /** At most this many newest rounds per feed (default 2,000). */
  maxRounds?: number
}

export const DEFAULT_PRICE_HISTORY_WINDOW = { windowSeconds: 14 * 86_400, maxRounds: 2_000 } as const

export type ReadPortfolioSnapshotParams = {
  market: AaveMarket
  user: Address
  blockNumber: bigint
  /** Uniswap V3 read in the same call: `pools` into snapshot.pools (by asset), the user's positions in `positionManager` into snapshot.lpPositions. */
  uniswap?: UniswapVenue
  /** Each reserve price source's rounds into snapshot.priceHistory (by asset); absent: none read, `{}`. */
  history?: PriceHistoryWindow
  /** Also read Pool.getUserAccountData in the same call (snapshot.chainAccountData): the page's headline. */
  accountData?: boolean
}

/**
 * What must be known before a block's multicall can be built, per client (a restarted devnet is a
 * new client and never reuses an old layout); each is checked against the chain on every read.
 */
type Layouts = {
  /** By market: reserve list, e-mode sources, revision; and the reserves' price sources last seen. */
  markets: Map<string, { layout: MarketLayout; feeds: readonly PriceFeedRef[] }>
  /** By pool address: tokens, tick window and initialized ticks. */
  pools: Map<string, UniswapPoolLayout>
  /** By position manager and owner: the owner's token ids and what each fixes. */
  lp: Map<string, LpPositionLayout>
}
const layouts = new WeakMap<Client, Layouts>()

function layoutsOf(client: Client): Layouts {
  let known = layouts.get(client)
  if (!known) {
    known = { markets: new Map(), pools: new Map(), lp: new Map() }
    layouts.set(client, known)
  }
  return known
}

const layoutKey = (market: AaveMarket) => `${market.pool}:${market.uiPoolDataProvider}`.toLowerCase()

/** Forgets every cached layout of a client (tests; a market upgraded under a live client heals itself anyway). */
export function clearMarketLayouts(client: Client) {
  layouts.delete(client)
}

/**
 * Calls at one block before giving up (the chain cannot change under a fixed block): a pool's window
 * can move and then find its ticks (two stale answers), the price sources follow a listing (one more).
 */
const MAX_CALLS = 5

/**
 * Reads everything the engine needs about `user` on `market` at `blockNumber` in one `eth_call`
 * (Multicall3.aggregate3): reserves and the user's reserves (UiPoolDataProviderV3, in whichever
 * revision's shape it answers), e-mode categories (getEModes, from v3.2), reserve ids, the pool
 * revision, the user's e-mode, e-mode source prices (v3.0–v3.1), wallet and native balances, the
 * block timestamp the EVM used for that very call (interest accrues to it, as it does in
 * Pool.getUserAccountData at the same block) — and, when asked, each `uniswap.pools` pool's price,
 * liquidity and initialized ticks (snapshot.pools, by asset), the user's Uniswap V3 positions in
 * `uniswap.positionManager` with their pools' fee growth (snapshot.lpPositions), and every reserve
 * price source's latestRoundData (snapshot.priceHistory, with the rounds before it from
 * readPriceHistory's cache).
 *
 * Steady state is one eth_call per block. The first read of a market, a pool or an owner's
 * positions adds their layout reads (concurrently: one call for the market, one for all new pools,
 * two or three for the positions), and the first history read walks each feed back (about
 * rounds / 200 calls). A listing, a new e-mode oracle or pool upgrade, a tick initialized or the
 * price leaving a pool's tick window, a position minted or transferred, or a reserve's new price
 * source is noticed in the block's call and re-reads that part alone, at the same block: one more
 * call (plus the layout read for positions). A feed that wrote one round since the last block
 * costs nothing more (latestRoundData carries it); several rounds cost a getRoundData read.
 */
export async function readPortfolioSnapshot(
  client: Client,
  { market, user, blockNumber, uniswap, history, accountData }: ReadPortfolioSnapshotParams,
): Promise<PortfolioSnapshot> {
  const known = layoutsOf(client)
  const key = layoutKey(market)
  const lpParams = uniswap?.positionManager && {
    positionManager: uniswap.positionManager,
    owner: user,
    ...(uniswap.factory ? { factory: uniswap.factory } : {}),
    blockNumber,
    multicall3: market.multicall3,
  }
  const lpKey = lpParams && `${lpParams.positionManager}:${user}`.toLowerCase()
  const poolAddresses = [...new Set((uniswap?.pools ?? []).map((p) => getAddress(p.pool)))]
  const newPools = poolAddresses.filter((a) => !known.pools.has(a.toLowerCase()))

  // Layouts never read by this client, all at once (first block only).
  const [marketLayout, newPoolLayouts, lpLayout] = await Promise.all([
    known.markets.get(key)?.layout ?? readMarketLayout(client, market, blockNumber),
    readUniswapPoolLayouts(client, { addresses: newPools, multicall3: market.multicall3, blockNumber }),
    lpParams && lpKey ? (known.lp.get(lpKey) ?? readLpPositionLayout(client, lpParams)) : undefined,
  ])
  for (const layout of newPoolLayouts) known.pools.set(layout.address.toLowerCase(), layout)

  // Each part: its layout, and its value once decoded at this block.
  const parts = {
    market: { layout: marketLayout, value: undefined as PortfolioSnapshot | undefined },
    pools: poolAddresses.map((a) => ({
      layout: known.pools.get(a.toLowerCase()) as UniswapPoolLayout,
      value: undefined as UniswapPoolSnapshot | undefined,
    })),
    lp: lpLayout && { layout: lpLayout, value: undefined as UniswapLpPositionSnapshot[] | undefined },
    feeds: history && {
      list: known.markets.get(key)?.feeds ?? [],
      value: undefined as (PriceRound | undefined)[] | undefined,
    },
  }
  const pendingPools = () => parts.pools.filter((p) => !p.value)
  let chainAccountData: ChainAccountData | undefined
  for (let calls = 0; ; calls++) {
    const plan: SnapshotPlan = {
      ...(parts.market.value ? {} : { market: parts.market.layout, ...(accountData ? { account: true } : {}) }),
      pools: pendingPools().map((p) => p.layout),
      ...(parts.lp && !parts.lp.value ? { lp: parts.lp.layout } : {}),
      // Until the market part tells the price sources (first read), there are none to read.
      ...(parts.feeds && !parts.feeds.value && parts.feeds.list.length ? { feeds: parts.feeds.list } : {}),
    }
    const done = !plan.market && !plan.pools?.length && !plan.lp && !plan.feeds
    if (done) break
    if (calls === MAX_CALLS) throw new Error(unsettled(plan, market, user, blockNumber))
    const reads = decodeSnapshotCall(
      { market, user, blockNumber },
      plan,
      await aggregate3(client, market, plan, user, blockNumber),
    )

    if (reads.account) chainAccountData = reads.account
    if (reads.portfolio) {
      if ('snapshot' in reads.portfolio) parts.market.value = reads.portfolio.snapshot
      else parts.market.layout = reads.portfolio.stale
    }
    for (const [i, part] of pendingPools().entries()) {
      const read = reads.pools[i]
      if (!read) continue
      if ('pool' in read) part.value = read.pool
      else part.layout = read.stale
    }
    if (parts.lp && reads.lp) {
      if ('positions' in reads.lp) parts.lp.value = reads.lp.positions
      else if (lpParams) parts.lp.layout = await readLpPositionLayout(client, lpParams)
    }
    if (parts.feeds && reads.latest) parts.feeds.value = reads.latest
    // The feeds are the reserves' price sources: known once the market part decoded.
    const snapshot = parts.market.value
    if (parts.feeds && snapshot) {
      const feeds = priceFeedsOf(snapshot)
      if (!sameFeeds(feeds, parts.feeds.list)) parts.feeds = { list: feeds, value: undefined }
    }
  }

  const snapshot = parts.market.value as PortfolioSnapshot
  known.markets.set(key, { layout: parts.market.layout, feeds: parts.feeds?.list ?? priceFeedsOf(snapshot) })
  for (const p of parts.pools) known.pools.set(p.layout.address.toLowerCase(), p.layout)
  if (parts.lp && lpKey) known.lp.set(lpKey, parts.lp.layout)

  const poolByAddress = new Map(parts.pools.map((p) => [p.layout.address.toLowerCase(), p.value]))
  const pools: Record<Hex, UniswapPoolSnapshot> = {}
  for (const { asset, pool } of uniswap?.pools ?? []) {
    const read = poolByAddress.get(pool.toLowerCase())
    if (read) pools[getAddress(asset)] = read
  }
  const priceHistory =
    history && parts.feeds?.list.length
      ? await readPriceHistory(client, {
          feeds: parts.feeds.list,
          latest: parts.feeds.value,
          sinceSeconds: snapshot.blockTimestamp - (history.windowSeconds ?? DEFAULT_PRICE_HISTORY_WINDOW.windowSeconds),
          maxRounds: history.maxRounds ?? DEFAULT_PRICE_HISTORY_WINDOW.maxRounds,
          blockNumber,
          multicall3: market.multicall3,
          keepWindowOnly: true,
        })
      : {}
  return {
    ...snapshot,
    pools: { ...snapshot.pools, ...pools },
    priceHistory,
    ...(parts.lp?.value ? { lpPositions: parts.lp.value } : {}),
    ...(chainAccountData ? { chainAccountData } : {}),
  }
}

async function aggregate3(client: Client, market: AaveMarket, plan: SnapshotPlan, user: Address, blockNumber: bigint) {
  const { data } = await call(client, {
    to: market.multicall3,
    data: encodeSnapshotCall({ market, user }, plan),
    blockNumber,
    batch: false,
  })
  if (!data) throw new Error(`Multicall3 at ${market.multicall3} returned no data at block ${blockNumber}`)
  return data
}

/** Which parts still answered stale after MAX_CALLS calls at one block (the chain changing under a fixed block). */
function unsettled(plan: SnapshotPlan, market: AaveMarket, user: Address, blockNumber: bigint) {
  const what = [
    ...(plan.market ? [`the reserve list of ${market.pool}`] : []),
    ...(plan.pools ?? []).map((p) => `the tick layout of pool ${p.address}`),
    ...(plan.lp ? [`the Uniswap V3 positions of ${user}`] : []),
    ...(plan.feeds ? ['the reserves’ price sources'] : []),
  ]
  return `${what.join(', ')} did not settle at block ${blockNumber}`
}

/** The reserve list and the pool revision, in one Multicall3 call; e-mode price sources are learnt from the first full read. */
async function readMarketLayout(client: Client, market: AaveMarket, blockNumber: bigint): Promise<MarketLayout> {
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

// JSON-RPC requests per block of the page's per-block readers, counted at the transport on the
// devnet: the portfolio snapshot (readPortfolioSnapshot as portfolioSnapshotQuery calls it) for
// accounts with 1, 5 and 10 reserves in use, and the watchlist's health (readWatchlistHealth) for
// 1, 10 and 50 accounts; beside each, a reader that polls like Aave's web app (bench/liveDataPeer.ts).
import type { Address, PublicClient } from 'viem'
import { setPrice } from '../devnet/prices.mjs'
import { startTestDevnet } from '../devnet/testing.mjs'
import { marketFromDevnetManifest } from '../src/chain/aaveMarket'
import { DEFAULT_PRICE_HISTORY_WINDOW, readPortfolioSnapshot } from '../src/chain/readPortfolioSnapshot'
import { readWatchlistHealth } from '../src/chain/readWatchlistHealth'
import { seedAccountsAtOraclePrices } from '../src/chain/testing/seedRandomAccounts'
import { listExtraReserves, RESERVES_IN_USE, seedReservesInUseAccounts } from './liveDataMarket'
import { PEER_POLL_MS, peerMarket, peerRefresh, peerWatchlistRefresh } from './liveDataPeer'
import { counted, countingClient, type RpcRequestLog } from './liveDataTransport'
import { median, ms } from './table.mjs'

type Row = { figure: string; value: string; target?: string; peer?: string }
type Reader = { label: string; read: (blockNumber: bigint) => Promise<unknown>; log: RpcRequestLog }
type Sample = { requests: RpcRequestLog; wallMs: number }

const WATCHLIST_SIZES = [1, 10, 50] as const
/** Block times of the chains MarginGuard reads (seconds), for requests per minute. */
const BLOCK_TIMES = [
  ['Ethereum', 12],
  ['Base/OP/Polygon', 2],
  ['Arbitrum', 0.25],
] as const

/**
 * Seeds the bench's devnet, then moves the WETH feed `blocks` times (one block each) and, at each
 * new block, runs every reader once, one after another (so no reader's time includes another's).
 */
export async function requestsPerBlockRows({ blocks = 30 } = {}): Promise<Row[]> {
  const devnet = await startTestDevnet()
  try {
    const { manifest, clients } = devnet
    const publicClient = clients.publicClient as PublicClient
    const watched = (await seedAccountsAtOraclePrices({ client: publicClient, manifest }, 20_260_601, 50)).map(
      (p) => p.address,
    )
    const assets = await listExtraReserves(devnet)
    const accounts = await seedReservesInUseAccounts(devnet, assets)
    const peer = await peerMarket(devnet)
    const market = marketFromDevnetManifest(manifest)
    const counting = () => countingClient(clients.chain, manifest.rpcUrl)

    const readers: Record<string, Reader> = {}
    for (const n of RESERVES_IN_USE) {
      const ours = counting()
      const user = accounts[n] as Address
      readers[`snapshot ${n}`] = {
        label: `${n} reserve${n === 1 ? '' : 's'} in use`,
        log: ours.log,
        // As portfolioSnapshotQuery passes it: the market's Uniswap venue and 14 days of oracle history.
        read: (blockNumber) =>
          readPortfolioSnapshot(ours.client, {
            market,
            user,
            blockNumber,
            ...(market.uniswap ? { uniswap: market.uniswap } : {}),
            history: DEFAULT_PRICE_HISTORY_WINDOW,
          }),
      }
      const theirs = counting()
      readers[`peer snapshot ${n}`] = {
        label: '',
        log: theirs.log,
        read: (blockNumber) => peerRefresh(theirs.client, peer, user, blockNumber),
      }
    }
    for (const n of WATCHLIST_SIZES) {
      const users = watched.slice(0, n)
      const ours = counting()
      readers[`watchlist ${n}`] = {
        label: `watchlist of ${n} account${n === 1 ? '' : 's'}`,
        log: ours.log,
        read: (blockNumber) => readWatchlistHealth(ours.client, { market, users, blockNumber }),
      }
      const theirs = counting()
      readers[`peer watchlist ${n}`] = {
        label: '',
        log: theirs.log,
        read: (blockNumber) => peerWatchlistRefresh(theirs.client, peer, users, blockNumber),
      }
    }

    // First block: layouts, pool tick windows, the 14-day oracle history walk (once per client).
    const firstBlock = await publicClient.getBlockNumber()
    const first: Record<string, Sample> = {}
    for (const [key, r] of Object.entries(readers)) first[key] = await sample(r, firstBlock)
    const samples: Record<string, Sample[]> = Object.fromEntries(Object.keys(readers).map((k) => [k, []]))
    const base = Number(await readWethPrice(devnet))
    for (let i = 0; i < blocks; i++) {
      // Up and down by 1 %: each block carries a new round on the WETH feed, as a live market does.
      const receipt = await setPrice(clients, manifest, 'WETH', (base / 1e8) * (i % 2 ? 0.99 : 1.01))
      for (const [key, r] of Object.entries(readers)) samples[key]?.push(await sample(r, receipt.blockNumber))
    }

    const rows: Row[] = []
    for (const n of RESERVES_IN_USE) {
      const ours = samples[`snapshot ${n}`] as Sample[]
      const theirs = samples[`peer snapshot ${n}`] as Sample[]
      rows.push({
        figure: `RPC per block: portfolio snapshot, ${readers[`snapshot ${n}`]?.label} (of 10 listed)`,
        value: `${perBlock(ours)} over ${blocks} blocks; call ${ms(callMs(ours))} median; first block ${first[`snapshot ${n}`]?.requests.length} requests (once)`,
        target: '1 eth_call per block',
        peer: perRefresh(theirs),
      })
    }
    for (const n of WATCHLIST_SIZES) {
      const ours = samples[`watchlist ${n}`] as Sample[]
      const theirs = samples[`peer watchlist ${n}`] as Sample[]
      rows.push({
        figure: `RPC per block: health of a ${readers[`watchlist ${n}`]?.label}`,
        value: `${perBlock(ours)} over ${blocks} blocks; call ${ms(callMs(ours))} median`,
        target: '1 eth_call per block; call time as the list grows',
        peer: perRefresh(theirs),
      })
    }
    rows.push(...freshnessRows(samples))
    return rows
  } finally {
    await devnet.stop()
  }
}

async function sample(reader: Reader, blockNumber: bigint): Promise<Sample> {
  const start = performance.now()
  const { requests } = await counted(reader.log, () => reader.read(blockNumber))
  return { requests, wallMs: performance.now() - start }
}

/** "1 eth_call per block (max 1), 0 other": medians over the blocks, the max so a spike is not hidden. */
function perBlock(samples: Sample[]) {
  const calls = samples.map((s) => s.requests.filter((r) => r.method === 'eth_call').length)
  const other = samples.map((s) => s.requests.filter((r) => r.method !== 'eth_call').length)
  const maxCalls = Math.max(...calls)
  return `${median(calls)} eth_call${median(calls) === 1 ? '' : 's'} per block (max ${maxCalls}), ${Math.max(...other)} other`
}

/** The peer's calls per 60 s refresh and the refresh's wall time (its calls run concurrently). */
function perRefresh(samples: Sample[]) {
  const calls = median(samples.map((s) => s.requests.length))
  return `${calls} eth_calls per 60 s refresh, ${ms(median(samples.map((s) => s.wallMs)))} (concurrent)`
}

const callMs = (samples: Sample[]) =>
  median(samples.flatMap((s) => s.requests.filter((r) => r.method === 'eth_call').map((r) => r.ms)))

/** Freshness and requests per minute for one account (10 reserves in use), ours vs. the 60 s poll. */
function freshnessRows(samples: Record<string, Sample[]>): Row[] {
  const ours = samples['snapshot 10'] as Sample[]
  const theirs = samples['peer snapshot 10'] as Sample[]
  const ourWall = median(ours.map((s) => s.wallMs))
  const theirWall = median(theirs.map((s) => s.wallMs))
  const theirCalls = median(theirs.map((s) => s.requests.length))
  const pollsPerMinute = 60_000 / PEER_POLL_MS
  return [
    {
      figure: 'worst-case age of the shown HF (one account, 10 reserves)',
      value: `≤ 1 block + ${ms(ourWall)} read: ${BLOCK_TIMES.map(([chain, t]) => `${t} s ${chain}`).join(' · ')}`,
      target: 'every block (see oracle → page latency)',
      peer: `≤ ${PEER_POLL_MS / 1000} s + ${ms(theirWall)} refresh, on any chain`,
    },
    {
      figure: 'JSON-RPC requests per minute (one account; newHeads pushes cost none)',
      value: BLOCK_TIMES.map(([chain, t]) => `${Math.round(60 / t)} at ${t} s (${chain})`).join(' · '),
      target: '1 per block; +1 eth_getBlockByNumber per block where the RPC has no WebSocket',
      peer: `${theirCalls * pollsPerMinute} per minute (${theirCalls} calls × ${pollsPerMinute} refresh), 1 HF update per minute`,
    },
  ]
}

async function readWethPrice(devnet: Awaited<ReturnType<typeof startTestDevnet>>) {
  const weth = devnet.manifest.assets.find((a) => a.symbol === 'WETH')
  if (!weth) throw new Error('the devnet lists no WETH')
  return devnet.clients.publicClient.readContract({
    address: devnet.manifest.aave.oracle,
    abi: [
      {
        type: 'function',
        name: 'getAssetPrice',
        stateMutability: 'view',
        inputs: [{ name: 'asset', type: 'address' }],
        outputs: [{ name: '', type: 'uint256' }],
      },
    ],
    functionName: 'getAssetPrice',
    args: [weth.address],
  })
}

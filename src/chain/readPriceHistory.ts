import { type Address, type Client, encodeFunctionData, type Hex } from 'viem'
import type { PriceRound } from '../engine/snapshot'
import { aggregatorV3Abi } from './abi/aggregatorV3'
import { callAggregate3 } from './aggregate3'
import { decodeLatestRounds, decodeRound, latestRoundCalls, type PriceFeedRef } from './latestRounds'
import { MULTICALL3_ADDRESS } from './marketFromPoolAddressesProvider'
import type { Aggregate3Result } from './portfolioCalls'

/**
 * Oracle round history (Chainlink AggregatorV3Interface) read backwards from the latest round with
 * getRoundData, batched through Multicall3.aggregate3 (allowFailure: a missing round is an answer,
 * not an error).
 *
 * Round ids: a Chainlink proxy answers ids `phaseId << 64 | aggregatorRoundId`; each phase is one
 * aggregator whose rounds run from 1 to its last. Walking back, rounds step down within a phase;
 * below round 1 the walk looks for the last round of the previous phase, which only the ids tell:
 * rounds 1…last exist and later ones do not (OCR aggregators answer zeros, Flux ones revert), so
 * the last is found by probing ids — geometrically spaced first, then evenly — a few calls per
 * phase boundary. A feed whose ids carry no phase (phase 0, a bare aggregator) ends at round 1. A
 * round that reverts or has updatedAt 0 is skipped; a whole batch of them ends the history.
 *
 * Rounds never change once written, so each client keeps a cache per feed: a later call reads
 * latestRoundData for every feed (one aggregate3, foldable into the block's multicall with
 * `latestRoundCalls`) and getRoundData only for the rounds since the newest cached one (none when
 * a single round was added: latestRoundData carries it).
 */

const PHASE_OFFSET = 64n
const AGGREGATOR_ROUND_MASK = (1n << PHASE_OFFSET) - 1n
const phaseOf = (roundId: bigint) => roundId >> PHASE_OFFSET
const aggregatorRoundOf = (roundId: bigint) => roundId & AGGREGATOR_ROUND_MASK
const roundIdOf = (phase: bigint, aggregatorRound: bigint) => (phase << PHASE_OFFSET) | aggregatorRound

/**
 * Up to m ids in (lo, hi), ascending, to bracket the last existing round: every id when the gap is
 * small, evenly spaced when hi/lo is within m + 1, geometrically spaced otherwise (1, 2, 4, … on
 * the first step of a phase). Each step shrinks the bracket to the gap between two probes.
 */
export function probeRounds(lo: bigint, hi: bigint, m: number): bigint[] {
  const gap = hi - lo - 1n
  if (gap <= 0n) return []
  if (gap <= BigInt(m)) return Array.from({ length: Number(gap) }, (_, i) => lo + 1n + BigInt(i))
  const from = lo < 1n ? 1n : lo
  const ratio = Number(hi) / Number(from)
  const points = new Set<bigint>()
  if (ratio > m + 1) {
    for (let i = lo < 1n ? 0 : 1; i <= m; i++) {
      const x = BigInt(Math.floor(Number(from) * ratio ** (i / (m + 1))))
      if (x > lo && x < hi) points.add(x)
    }
  } else {
    for (let i = 1; i <= m; i++) points.add(lo + ((hi - lo) * BigInt(i)) / BigInt(m + 1))
  }
  return [...points].sort((a, b) => (a < b ? -1 : 1)).slice(0, m)
}

/** A round known to exist whose data is not needed (the walk stops at it). */
const stub = (roundId: bigint): PriceRound => ({ roundId, answer: 0n, updatedAt: 0 })

type WalkState =
  | { kind: 'rounds'; phase: bigint; next: bigint }
  | { kind: 'search'; phase: bigint; lo: bigint; hi: bigint; loRound?: PriceRound }
  | { kind: 'done'; reason: 'start' | 'limit' | 'cache' }

type WalkLimits = {
  since: number
  maxRounds: number
  /** The newest cached round id: the walk ends on reaching it. */
  stopAtOrBelow?: bigint
  /** This many missing rounds in a row end the history. */
  maxGap: number
}

/** One feed's walk back from (not including) a round: collects rounds newest first until a limit, the cache or the start. */
class FeedWalk {
  readonly rounds: PriceRound[] = []
  readonly feed: Address
  state: WalkState
  private readonly limits: WalkLimits
  private missing = 0
  constructor(feed: Address, before: bigint, limits: WalkLimits) {
    this.feed = feed
    this.limits = limits
    this.state = { kind: 'rounds', phase: phaseOf(before), next: aggregatorRoundOf(before) - 1n }
    this.afterStep()
  }

  get done() {
    return this.state.kind === 'done'
  }

  /** Takes a round (newest first); false when the walk ends with it. */
  accept(round: PriceRound): boolean {
    const { stopAtOrBelow, since, maxRounds } = this.limits
    if (stopAtOrBelow !== undefined && round.roundId <= stopAtOrBelow) {
      this.state = { kind: 'done', reason: 'cache' }
      return false
    }
    // A round older than the window is kept (it tells the window is complete) but ends the walk.
    this.rounds.push(round)
    if (round.updatedAt < since || this.rounds.length >= maxRounds) {
      this.state = { kind: 'done', reason: 'limit' }
      return false
    }
    return true
  }

  /** The ids to read next, at most `budget`. */
  want(budget: number): bigint[] {
    const s = this.state
    if (s.kind === 'search') return probeRounds(s.lo, s.hi, budget).map((x) => roundIdOf(s.phase, x))
    if (s.kind !== 'rounds') return []
    const floor = this.limits.stopAtOrBelow
    const ids: bigint[] = []
    const wanted = Math.min(budget, Math.max(this.limits.maxRounds - this.rounds.length, 1))
    for (let r = s.next; r >= 1n && ids.length < wanted; r--) {
      const id = roundIdOf(s.phase, r)
      if (floor !== undefined && id <= floor) break
      ids.push(id)
    }
    if (ids.length === 0) this.state = { kind: 'done', reason: 'cache' }
    return ids
  }

  receive(ids: readonly bigint[], results: readonly Aggregate3Result[]) {
    const s = this.state
    if (s.kind === 'rounds') {
      for (let i = 0; i < ids.length; i++) {
        const round = decodeRound('getRoundData', results[i], ids[i])
        if (!round) {
          if (++this.missing >= this.limits.maxGap) this.state = { kind: 'done', reason: 'start' }
          if (this.done) return
          continue
        }
        this.missing = 0
        if (!this.accept(round)) return
      }
      s.next = aggregatorRoundOf(ids[ids.length - 1] as bigint) - 1n
    } else if (s.kind === 'search') {
      // Bracket: lo = the highest id with data, hi = the lowest id above it without.
      ids.forEach((id, i) => {
        const x = aggregatorRoundOf(id)
        const round = decodeRound('getRoundData', results[i], id)
        if (round && x > s.lo) Object.assign(s, { lo: x, loRound: round })
      })
      ids.forEach((id, i) => {
        const x = aggregatorRoundOf(id)
        if (x > s.lo && x < s.hi && !decodeRound('getRoundData', results[i], id)) s.hi = x
      })
      if (s.hi - s.lo > 1n) return
      if (s.loRound) {
        const { phase, lo, loRound } = s
        this.state = { kind: 'rounds', phase, next: lo - 1n }
        if (!this.accept(loRound)) return
      } else {
        // An empty phase: on to the one before.
        this.state = { kind: 'rounds', phase: s.phase, next: 0n }
      }
    }
    this.afterStep()
  }

  /** Below round 1 of a phase: search the previous phase, or end at the first phase. */
  private afterStep() {
    const s = this.state
    if (s.kind !== 'rounds' || s.next >= 1n) return
    const floor = this.limits.stopAtOrBelow
    if (s.phase <= 1n || (floor !== undefined && roundIdOf(s.phase, 0n) <= floor))
      this.state = { kind: 'done', reason: s.phase <= 1n ? 'start' : 'cache' }
    else {
      const phase = s.phase - 1n
      // When the newest cached round is in that phase, it exists: the search starts above it (and
      // ends the walk there if the phase has nothing newer).
      const known = floor !== undefined && phaseOf(floor) === phase
      this.state = known
        ? { kind: 'search', phase, lo: aggregatorRoundOf(floor), hi: 1n << PHASE_OFFSET, loRound: stub(floor) }
        : { kind: 'search', phase, lo: 0n, hi: 1n << PHASE_OFFSET }
    }
  }
}

/** Runs walks to the end, `roundsPerCall` getRoundData calls per aggregate3 shared among them. */
async function runWalks(
  client: Client,
  { multicall3, blockNumber, roundsPerCall }: { multicall3: Address; blockNumber?: bigint; roundsPerCall: number },
  walks: readonly FeedWalk[],
) {
  for (;;) {
    const batch: { walk: FeedWalk; ids: bigint[] }[] = []
    let budget = roundsPerCall
    for (const walk of walks) {
      if (walk.done || budget <= 0) continue
      const ids = walk.want(budget)
      if (ids.length === 0) continue
      batch.push({ walk, ids })
      budget -= ids.length
    }
    if (batch.length === 0) return
    const calls = batch.flatMap(({ walk, ids }) =>
      ids.map((id) => ({
        target: walk.feed,
        allowFailure: true,
        callData: encodeFunctionData({ abi: aggregatorV3Abi, functionName: 'getRoundData', args: [id] }),
      })),
    )
    const results = await callAggregate3(client, multicall3, calls, blockNumber)
    let k = 0
    for (const { walk, ids } of batch) {
      walk.receive(ids, results.slice(k, k + ids.length))
      k += ids.length
    }
  }
}

/** A feed's cached rounds, oldest first; `complete` once the walk reached the feed's first round. */
type FeedCache = { rounds: PriceRound[]; complete: boolean }

const caches = new WeakMap<Client, Map<string, FeedCache>>()

/** Forgets a client's cached rounds (tests; rounds never change, so nothing else needs it). */
export function clearPriceHistoryCache(client: Client) {
  caches.delete(client)
}

export type ReadPriceHistoryParams = {
  feeds: readonly PriceFeedRef[]
  /** Keep rounds updated at or after this unix time (seconds); default: no time limit. */
  sinceSeconds?: number
  /** Keep at most this many newest rounds per feed (default 2,000). */
  maxRounds?: number
  /** getRoundData calls per aggregate3 (default 200). */
  roundsPerCall?: number
  blockNumber?: bigint
  multicall3?: Address
  /** latestRoundData per feed, already read (decodeLatestRounds of the block's multicall): saves that call. */
  latest?: readonly (PriceRound | undefined)[]
  /**
   * Forget cached rounds this window no longer needs (all but the newest `maxRounds`, and those
   * before the newest round older than `sinceSeconds`), so a reader whose window only moves forward
   * (the per-block snapshot) keeps a bounded cache. A wider window later reads them again.
   */
  keepWindowOnly?: boolean
}

const inWindow = (rounds: readonly PriceRound[], since: number, maxRounds: number, newest?: bigint) =>
  rounds.filter((r) => r.updatedAt >= since && (newest === undefined || r.roundId <= newest)).slice(-maxRounds)

/**
 * Each feed's rounds, oldest first, by asset: those updated at or after `sinceSeconds`, at most
 * `maxRounds` of them. The first call for a feed walks back from its latest round (about
 * rounds/roundsPerCall eth_calls, plus a few per phase boundary crossed); later calls read only
 * what is new (one eth_call for every feed's latest round, and the rounds between it and the
 * newest cached one), and extend the cache backwards if a wider window is asked for.
 */
export async function readPriceHistory(
  client: Client,
  params: ReadPriceHistoryParams,
): Promise<Record<Hex, PriceRound[]>> {
  const { feeds, sinceSeconds: since = 0, maxRounds = 2000, roundsPerCall = 200, blockNumber } = params
  if (roundsPerCall < 1 || maxRounds < 1) throw new RangeError('roundsPerCall and maxRounds must be positive')
  const multicall3 = params.multicall3 ?? MULTICALL3_ADDRESS
  const run = { multicall3, blockNumber, roundsPerCall }
  const latest =
    params.latest ?? decodeLatestRounds(await callAggregate3(client, multicall3, latestRoundCalls(feeds), blockNumber))
  const byFeed = caches.get(client) ?? new Map<string, FeedCache>()
  caches.set(client, byFeed)
  const limits = { since, maxRounds, maxGap: roundsPerCall }

  // 1. Newer rounds: from the latest down to the newest cached one (or the window's limit).
  const newer = feeds.map(({ feed }, i) => {
    const head = latest[i]
    if (!head) return undefined
    const cached = byFeed.get(feed.toLowerCase())
    const stopAtOrBelow = cached?.rounds.at(-1)?.roundId
    const walk = new FeedWalk(feed, head.roundId, { ...limits, stopAtOrBelow })
    // latestRoundData carried the newest round itself.
    walk.accept(head)
    return walk
  })
  await runWalks(
    client,
    run,
    newer.filter((w) => w !== undefined),
  )
  for (const walk of newer) {
    if (!walk) continue
    const key = walk.feed.toLowerCase()
    const cached = byFeed.get(key)
    const fresh = walk.rounds.toReversed()
    if (cached && walk.state.kind === 'done' && walk.state.reason === 'cache') {
      const newest = cached.rounds.at(-1)?.roundId ?? -1n
      cached.rounds.push(...fresh.filter((r) => r.roundId > newest))
    } else {
      // A gap to the cache (or no cache): the fresh rounds replace it.
      byFeed.set(key, { rounds: fresh, complete: walk.state.kind === 'done' && walk.state.reason === 'start' })
    }
  }

  // 2. Older rounds, when the cache does not cover the window asked for.
  const older = feeds.flatMap(({ feed }, i) => {
    const cache = byFeed.get(feed.toLowerCase())
    const oldest = cache?.rounds[0]
    if (!cache || !oldest || cache.complete || oldest.updatedAt < since) return []
    const have = inWindow(cache.rounds, since, maxRounds, latest[i]?.roundId).length
    if (have >= maxRounds) return []
    return [{ walk: new FeedWalk(feed, oldest.roundId, { ...limits, maxRounds: maxRounds - have }), cache }]
  })
  await runWalks(
    client,
    run,
    older.map((o) => o.walk),
  )
  for (const { walk, cache } of older) {
    cache.rounds.unshift(...walk.rounds.toReversed())
    if (walk.state.kind === 'done' && walk.state.reason === 'start') cache.complete = true
  }

  const history = Object.fromEntries(
    feeds.map(({ asset, feed }, i) => {
      const cache = byFeed.get(feed.toLowerCase())
      const head = latest[i]
      return [asset, cache && head ? inWindow(cache.rounds, since, maxRounds, head.roundId) : []]
    }),
  )
  if (params.keepWindowOnly)
    for (const { feed } of feeds) trimToWindow(byFeed.get(feed.toLowerCase()), since, maxRounds)
  return history
}

/** Keeps the newest `maxRounds` rounds and, of those older than `since`, only the newest (it tells the window is complete). */
function trimToWindow(cache: FeedCache | undefined, since: number, maxRounds: number) {
  if (!cache) return
  const { rounds } = cache
  let lastBefore = -1
  for (let i = rounds.length - 1; i >= 0; i--)
    if ((rounds[i] as PriceRound).updatedAt < since) {
      lastBefore = i
      break
    }
  const from = Math.max(lastBefore, rounds.length - maxRounds, 0)
  if (from === 0) return
  cache.rounds = rounds.slice(from)
  cache.complete = false
}

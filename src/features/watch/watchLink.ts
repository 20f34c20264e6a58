import type { Address } from 'viem'
import { type AccountInput, parseAccountInput } from './parseAccountInput'

/**
 * `?account=…&chain=…&market=…`: a watch link, bookmarkable and shareable. The account is a 0x
 * address or an ENS name; chain is a chain id; market a MarketDefinition id (markets.ts). Chain and
 * market may be left out: the one market on the chain, or the market the page shows, is meant.
 * Without an account, `?chain=…&market=…` opens that market for the connected wallet.
 */
export const WATCH_PARAMS = { account: 'account', chain: 'chain', market: 'market' } as const

/** What the link needs to know of a market (a MarketDefinition satisfies it). */
export type LinkMarket = { id: string; name: string; chainId: number }

export type WatchLinkMarkets = {
  /** Markets this page can read now (the live ones, and the devnet's when its manifest is served). */
  available: readonly LinkMarket[]
  /** Every market MarginGuard knows, available here or not, to tell "not in this build" from "unknown". */
  known: readonly LinkMarket[]
  /** The market the page shows now: where a link without chain and market watches. The first available by default. */
  current?: LinkMarket
}

export type WatchLink =
  /** No watch parameters in the URL: the page as it is. */
  | { kind: 'none' }
  /** A market without an account: show that market, for the connected wallet. */
  | { kind: 'market'; market: LinkMarket }
  | { kind: 'watch'; account: Exclude<AccountInput, { kind: 'invalid' }>; market: LinkMarket }
  /** The URL asks for something this page cannot show: `problems` say what, for a person. */
  | { kind: 'invalid'; problems: string[] }

const describeAvailable = (available: readonly LinkMarket[]) =>
  available.length === 0
    ? 'this page reads no market yet'
    : `this page reads ${available.map((m) => `${m.name} (chain ${m.chainId})`).join(', ')}`

/** Picks the market a link's chain/market parameters name, or says why none fits. */
function linkMarket(
  chainParam: string | null,
  marketParam: string | null,
  { available, known, current }: WatchLinkMarkets,
): LinkMarket | string {
  let chainId: number | undefined
  if (chainParam !== null) {
    chainId = /^\d{1,15}$/.test(chainParam.trim()) ? Number(chainParam.trim()) : Number.NaN
    if (!Number.isSafeInteger(chainId) || chainId <= 0)
      return `The link's chain “${chainParam}” is not a chain id (a number such as 1 or 31337).`
  }

  if (marketParam !== null) {
    const market = available.find((m) => m.id === marketParam)
    if (!market) {
      const elsewhere = known.find((m) => m.id === marketParam)
      return elsewhere
        ? `${elsewhere.name} (market “${marketParam}”) is not available here: ${describeAvailable(available)}.`
        : `The link's market “${marketParam}” is unknown: ${describeAvailable(available)}.`
    }
    if (chainId !== undefined && chainId !== market.chainId)
      return `The link's market ${market.name} is on chain ${market.chainId}, not chain ${chainId}.`
    return market
  }

  if (chainId !== undefined) {
    const market = available.find((m) => m.chainId === chainId)
    if (market) return market
    const elsewhere = known.find((m) => m.chainId === chainId)
    return elsewhere
      ? `Chain ${chainId} (${elsewhere.name}) is not available here: ${describeAvailable(available)}.`
      : `Chain ${chainId} is not supported: ${describeAvailable(available)}.`
  }

  return current ?? available[0] ?? `No market to watch on: ${describeAvailable(available)}.`
}

/** Reads a watch link from a query string (`location.search`). Never throws: bad input is a `problems` list. */
export function parseWatchLink(search: string, markets: WatchLinkMarkets): WatchLink {
  const params = new URLSearchParams(search)
  const accountParam = params.get(WATCH_PARAMS.account)
  const chainParam = params.get(WATCH_PARAMS.chain)
  const marketParam = params.get(WATCH_PARAMS.market)
  if (accountParam === null && chainParam === null && marketParam === null) return { kind: 'none' }

  if (accountParam === null) {
    const market = linkMarket(chainParam, marketParam, markets)
    return typeof market === 'string' ? { kind: 'invalid', problems: [market] } : { kind: 'market', market }
  }

  const problems: string[] = []
  let account: AccountInput | undefined
  if (accountParam.trim() === '') problems.push('The link names no account to watch.')
  else {
    account = parseAccountInput(accountParam)
    if (account.kind === 'invalid')
      problems.push(`The link's account “${accountParam}” is not valid. ${account.message}`)
  }
  const market = linkMarket(chainParam, marketParam, markets)
  if (typeof market === 'string') problems.push(market)

  if (problems.length > 0 || !account || account.kind === 'invalid' || typeof market === 'string')
    return { kind: 'invalid', problems }
  return { kind: 'watch', account, market }
}

/** What a link says: an account on a market, a market alone (no `address`), or nothing (null). */
export type WatchLinkTarget = { address?: Address; chainId: number; marketId: string }

/**
 * The query string with the watch link set to this account and market, or to the market alone, or
 * removed (null), other parameters left as they were. The address is written checksummed: the link
 * is stable.
 */
export function writeWatchLink(search: string, target: WatchLinkTarget | null): string {
  const params = new URLSearchParams(search)
  for (const name of Object.values(WATCH_PARAMS)) params.delete(name)
  if (target) {
    if (target.address) params.set(WATCH_PARAMS.account, target.address)
    params.set(WATCH_PARAMS.chain, String(target.chainId))
    params.set(WATCH_PARAMS.market, target.marketId)
  }
  const query = params.toString()
  return query ? `?${query}` : ''
}

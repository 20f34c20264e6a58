import type { Address } from 'viem'
import { type AccountInput, parseAccountInput } from './parseAccountInput'

/**
 * `?account=…&chain=…&market=…`: a watch link, bookmarkable and shareable. The account is a 0x
 * address or an ENS name; chain is a chain id; market a MarketDefinition id (markets.ts). Chain and
 * market may be left out: the one market on the chain, or this build's default market, is meant.
 */
export const WATCH_PARAMS = { account: 'account', chain: 'chain', market: 'market' } as const

/** What the link needs to know of a market (a MarketDefinition satisfies it). */
export type LinkMarket = { id: string; name: string; chainId: number }

export type WatchLinkMarkets = {
  /** Markets this build can read now (the devnet's, from its manifest). The first is the default. */
  available: readonly LinkMarket[]
  /** Every market MarginGuard knows, available here or not, to tell "not in this build" from "unknown". */
  known: readonly LinkMarket[]
}

export type WatchLink =
  /** No account in the URL: show the wallet. */
  | { kind: 'none' }
  | { kind: 'watch'; account: Exclude<AccountInput, { kind: 'invalid' }>; market: LinkMarket }
  /** The URL asks for something this page cannot show: `problems` say what, for a person. */
  | { kind: 'invalid'; problems: string[] }

const describeAvailable = (available: readonly LinkMarket[]) =>
  available.length === 0
    ? 'this build reads no market yet'
    : `this build reads ${available.map((m) => `${m.name} (chain ${m.chainId})`).join(', ')}`

/** Picks the market a link's chain/market parameters name, or says why none fits. */
function linkMarket(
  chainParam: string | null,
  marketParam: string | null,
  { available, known }: WatchLinkMarkets,
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
        ? `${elsewhere.name} (market “${marketParam}”) is not available in this build: ${describeAvailable(available)}.`
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
      ? `Chain ${chainId} (${elsewhere.name}) is not available in this build: ${describeAvailable(available)}.`
      : `Chain ${chainId} is not supported: ${describeAvailable(available)}.`
  }

  return available[0] ?? `No market to watch on: ${describeAvailable(available)}.`
}

/** Reads a watch link from a query string (`location.search`). Never throws: bad input is a `problems` list. */
export function parseWatchLink(search: string, markets: WatchLinkMarkets): WatchLink {
  const params = new URLSearchParams(search)
  const accountParam = params.get(WATCH_PARAMS.account)
  const chainParam = params.get(WATCH_PARAMS.chain)
  const marketParam = params.get(WATCH_PARAMS.market)
  if (accountParam === null && chainParam === null && marketParam === null) return { kind: 'none' }

  const problems: string[] = []
  let account: AccountInput | undefined
  if (accountParam === null || accountParam.trim() === '') problems.push('The link names no account to watch.')
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

/**
 * The query string with the watch link set to this account and market (or removed, for null),
 * other parameters left as they were. The address is written checksummed: the link is stable.
 */
export function writeWatchLink(
  search: string,
  target: { address: Address; chainId: number; marketId: string } | null,
): string {
  const params = new URLSearchParams(search)
  for (const name of Object.values(WATCH_PARAMS)) params.delete(name)
  if (target) {
    params.set(WATCH_PARAMS.account, target.address)
    params.set(WATCH_PARAMS.chain, String(target.chainId))
    params.set(WATCH_PARAMS.market, target.marketId)
  }
  const query = params.toString()
  return query ? `?${query}` : ''
}

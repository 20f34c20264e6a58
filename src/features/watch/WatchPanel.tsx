import { useEffect, useMemo, useState } from 'react'
import { DEVNET_MARKET_ID, DEVNET_MARKET_NAME } from '../../chain/markets'
import { useMarketContext } from '../../state/marketContext'
import { marketSettingsStore } from '../../state/marketSettingsStore'
import { Notice } from '../../ui/Notice'
import { useWatchControls } from './useWatchControls'
import { useWatchRequest } from './useWatchRequest'
import { WatchForm } from './WatchForm'
import { Watchlist } from './Watchlist'
import { type LinkMarket, parseWatchLink, type WatchLinkMarkets } from './watchLink'

/** The devnet by name when no manifest is served, so a devnet link is "not available here", not "unknown". */
const DEVNET_WITHOUT_MANIFEST: LinkMarket = { id: DEVNET_MARKET_ID, name: DEVNET_MARKET_NAME, chainId: 0 }

/**
 * Watching accounts without a wallet: the address/ENS field, what the page's link asked for (and
 * why it could not, if so), and the saved watchlist.
 */
export function WatchPanel() {
  const { markets: offered, market } = useMarketContext()
  const markets = useMemo<WatchLinkMarkets>(
    () => ({
      available: offered,
      known: offered.some((m) => m.id === DEVNET_MARKET_ID) ? offered : [...offered, DEVNET_WITHOUT_MANIFEST],
    }),
    [offered],
  )
  const { request, ens } = useWatchRequest()
  const controls = useWatchControls()
  const [linkProblems, setLinkProblems] = useState<string[]>([])

  // The link is read once, when the page (or a redeployed devnet, or a new RPC) opens; from then on the page writes it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reading the link again on every render would undo the user's choices
  useEffect(() => {
    const link = parseWatchLink(window.location.search, { ...markets, current: market })
    if (link.kind === 'invalid') setLinkProblems(link.problems)
    else if (link.kind === 'market') controls.showMarket(link.market)
    else if (link.kind === 'watch') {
      // The link's market at once, even while an ENS name resolves; the link itself stays as it came until then.
      if (link.market.id !== market.id) marketSettingsStore.getState().actions.selectMarket(link.market.id)
      request(link.account, link.market)
    }
    // No link: the URL names the market shown if it is not the default (a choice persisted earlier).
    else controls.showMarket(market)
  }, [markets])

  return (
    <section className="panel watch-panel" aria-label="Watch an address">
      {linkProblems.length > 0 && (
        <Notice tone="warning" title="This link cannot be shown">
          <ul className="link-problems" data-testid="link-problems">
            {linkProblems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
          <button type="button" onClick={() => setLinkProblems([])}>
            Dismiss
          </button>
        </Notice>
      )}
      <WatchForm
        ens={ens}
        onWatch={(input) => {
          setLinkProblems([])
          request(input, market)
        }}
      />
      <Watchlist />
    </section>
  )
}

import { useMemo } from 'react'
import { useMarketContext } from '../../state/marketContext'
import { marketSettingsStore } from '../../state/marketSettingsStore'
import { type WatchTarget, watchlistStore } from '../../state/watchlistStore'
import { type LinkMarket, type WatchLinkTarget, writeWatchLink } from './watchLink'

/** Rewrites the query string in place: the link stays shareable without adding history entries. */
function replaceSearch(search: string) {
  const url = new URL(window.location.href)
  if (url.search === search) return
  url.search = search
  window.history.replaceState(window.history.state, '', url)
}

/**
 * Start and stop watching an account, and switch markets: the stores say what the page shows, the
 * URL says it to a bookmark. The market shown and a watched account's market are one: watching an
 * account on another market shows that market, and switching markets watches the same address there.
 * The URL names the market whenever it is not the default one (`?chain=…&market=…`, with
 * `account=…` while watching).
 */
export function useWatchControls() {
  const { market, defaultMarket } = useMarketContext()
  return useMemo(() => {
    const link = (shown: LinkMarket): WatchLinkTarget | null =>
      shown.id === defaultMarket.id ? null : { chainId: shown.chainId, marketId: shown.id }
    // Only a change is stored: the default market shown is never persisted as a choice, so a devnet
    // that starts after the page opened still becomes the market shown.
    const select = (marketId: string) => {
      if (marketId !== market.id) marketSettingsStore.getState().actions.selectMarket(marketId)
    }
    return {
      start(target: WatchTarget) {
        select(target.marketId)
        watchlistStore.getState().actions.watch(target)
        replaceSearch(writeWatchLink(window.location.search, target))
      },
      stop() {
        watchlistStore.getState().actions.stopWatching()
        replaceSearch(writeWatchLink(window.location.search, link(market)))
      },
      /** Shows this market from now on (persisted); an account being watched is watched on it. */
      showMarket(next: LinkMarket) {
        select(next.id)
        const watching = watchlistStore.getState().watching
        if (!watching) return replaceSearch(writeWatchLink(window.location.search, link(next)))
        const target = { ...watching, chainId: next.chainId, marketId: next.id }
        watchlistStore.getState().actions.watch(target)
        replaceSearch(writeWatchLink(window.location.search, target))
      },
    }
  }, [market, defaultMarket])
}

import { useMemo } from 'react'
import { type WatchTarget, watchlistStore } from '../../state/watchlistStore'
import { writeWatchLink } from './watchLink'

/** Rewrites the query string in place: the link stays shareable without adding history entries. */
function replaceSearch(search: string) {
  const url = new URL(window.location.href)
  if (url.search === search) return
  url.search = search
  window.history.replaceState(window.history.state, '', url)
}

/** Start and stop watching an account: the store says what the page shows, the URL says it to a bookmark. */
export function useWatchControls() {
  return useMemo(
    () => ({
      start(target: WatchTarget) {
        watchlistStore.getState().actions.watch(target)
        replaceSearch(writeWatchLink(window.location.search, target))
      },
      stop() {
        watchlistStore.getState().actions.stopWatching()
        replaceSearch(writeWatchLink(window.location.search, null))
      },
    }),
    [],
  )
}

import { useId } from 'react'
import { useMarketContext } from '../../state/marketContext'
import { sameTarget, useWatching, useWatchlistActions, useWatchlistEntries } from '../../state/watchlistStore'
import { useWatchControls } from './useWatchControls'
import { WatchlistItem } from './WatchlistItem'

/**
 * Saved accounts, with each one's health factor at a glance on the market shown (accounts saved on
 * another market say which; selecting one switches to it).
 */
export function Watchlist() {
  const titleId = useId()
  const entries = useWatchlistEntries()
  const watching = useWatching()
  const { remove } = useWatchlistActions()
  const controls = useWatchControls()
  const { markets, market: shown } = useMarketContext()

  return (
    <section className="watchlist" aria-labelledby={titleId}>
      <h2 id={titleId}>Watchlist</h2>
      {entries.length === 0 ? (
        <p className="muted">No saved accounts yet: watch an address, then add it to the watchlist.</p>
      ) : (
        <ul className="watchlist-items" data-testid="watchlist">
          {entries.map((entry) => (
            <WatchlistItem
              key={`${entry.marketId}:${entry.address}`}
              entry={entry}
              market={markets.find((m) => m.id === entry.marketId && m.chainId === entry.chainId)}
              shown={entry.marketId === shown.id}
              selected={watching !== null && sameTarget(watching, entry)}
              onSelect={() => controls.start(entry)}
              onRemove={() => remove(entry)}
            />
          ))}
        </ul>
      )}
    </section>
  )
}

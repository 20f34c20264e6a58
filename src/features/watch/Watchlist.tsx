import { useId } from 'react'
import { sameTarget, useWatching, useWatchlistActions, useWatchlistEntries } from '../../state/watchlistStore'
import { useWatchControls } from './useWatchControls'
import { WatchlistItem } from './WatchlistItem'
import type { LinkMarket } from './watchLink'

/** Saved accounts with each one's health factor at a glance; select one to watch it. */
export function Watchlist({ available }: { available: readonly LinkMarket[] }) {
  const titleId = useId()
  const entries = useWatchlistEntries()
  const watching = useWatching()
  const { remove } = useWatchlistActions()
  const controls = useWatchControls()

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
              available={available.some((m) => m.id === entry.marketId && m.chainId === entry.chainId)}
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

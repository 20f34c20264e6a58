import { useId, useMemo } from 'react'
import { useWatchlistHealth } from '../../chain/useWatchlistHealth'
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
  const { markets, market: shown, chain } = useMarketContext()
  // One eth_call per block for every entry on the market shown, however long the list.
  const users = useMemo(() => entries.filter((e) => e.marketId === shown.id).map((e) => e.address), [entries, shown.id])
  const health = useWatchlistHealth({ chainId: chain.id, market: shown, users })

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
              health={
                health.data && {
                  blockNumber: health.data.blockNumber,
                  account: health.data.accounts.find((a) => a.user.toLowerCase() === entry.address.toLowerCase()),
                }
              }
              healthFailed={health.isError}
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

import { sameTarget, useWatchlistActions, useWatchlistEntries, type WatchTarget } from '../../state/watchlistStore'
import { useWatchControls } from './useWatchControls'

/**
 * Says, above the figures, whose account they are: a watched one, read-only, with its ENS name and
 * always its address; and offers to save it in the watchlist or to stop watching.
 */
export function WatchBanner({ target, marketName }: { target: WatchTarget; marketName: string }) {
  const controls = useWatchControls()
  const entries = useWatchlistEntries()
  const { add, remove } = useWatchlistActions()
  const saved = entries.some((e) => sameTarget(e, target))

  return (
    <section className="watch-banner" aria-label="Watched account" data-testid="watch-banner">
      <p className="watch-banner-text">
        Watching {target.ensName && <strong data-testid="watched-name">{target.ensName}</strong>}{' '}
        <code data-testid="watched-account">{target.address}</code> <span className="badge">(read-only)</span>{' '}
        <span className="muted">on {marketName}</span>
      </p>
      <div className="watch-banner-actions">
        {saved ? (
          <button type="button" onClick={() => remove(target)}>
            Remove from watchlist
          </button>
        ) : (
          <button type="button" onClick={() => add(target)}>
            Add to watchlist
          </button>
        )}
        <button type="button" onClick={controls.stop}>
          Stop watching
        </button>
      </div>
    </section>
  )
}

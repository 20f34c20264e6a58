import { useAccountData } from '../../chain/useAccountData'
import { useDevnet } from '../../state/devnetContext'
import type { WatchlistEntry } from '../../state/watchlistStore'
import { formatHealthFactor, shortenAddress } from '../../ui/format'
import { healthTone } from '../health/healthTone'

/** An entry's health factor at the latest block: the same per-block read (and cache entry) as the main view. */
function EntryHealthFactor({ entry }: { entry: WatchlistEntry }) {
  const { manifest } = useDevnet()
  const account = useAccountData({ chainId: entry.chainId, pool: manifest.aave.pool, user: entry.address })
  if (account.data)
    return (
      <span className={`watchlist-hf health-${healthTone(account.data.healthFactor)}`}>
        <span className="visually-hidden">health factor </span>
        <span aria-hidden="true">HF </span>
        <output
          data-testid="watchlist-health-factor"
          data-wad={account.data.healthFactor.toString()}
          data-block={account.data.block.number.toString()}
        >
          {formatHealthFactor(account.data.healthFactor)}
        </output>
      </span>
    )
  if (account.isError) return <span className="watchlist-hf error">cannot read</span>
  return <span className="watchlist-hf muted">reading…</span>
}

/** One saved account: select it to watch it, or remove it. */
export function WatchlistItem({
  entry,
  available,
  selected,
  onSelect,
  onRemove,
}: {
  entry: WatchlistEntry
  /** Whether this build reads the entry's market (an entry saved by another build may not be). */
  available: boolean
  selected: boolean
  onSelect: () => void
  onRemove: () => void
}) {
  const label = entry.ensName ?? shortenAddress(entry.address)
  return (
    <li
      className={selected ? 'watchlist-item watchlist-item-selected' : 'watchlist-item'}
      data-testid="watchlist-entry"
      data-address={entry.address}
    >
      <button
        type="button"
        className="watchlist-select"
        onClick={onSelect}
        disabled={!available}
        aria-current={selected ? 'true' : undefined}
        title={entry.address}
      >
        <span className="watchlist-name">{label}</span>
        {entry.ensName && <code className="watchlist-address">{shortenAddress(entry.address)}</code>}
        {available ? (
          <EntryHealthFactor entry={entry} />
        ) : (
          <span className="watchlist-hf muted">market “{entry.marketId}” not available in this build</span>
        )}
      </button>
      <button
        type="button"
        className="watchlist-remove"
        onClick={onRemove}
        aria-label={`Remove ${label} from the watchlist`}
      >
        Remove
      </button>
    </li>
  )
}

import type { MarketDefinition } from '../../chain/markets'
import type { WatchlistAccountHealth } from '../../chain/readWatchlistHealth'
import type { WatchlistEntry } from '../../state/watchlistStore'
import { formatHealthFactor, shortenAddress } from '../../ui/format'
import { healthTone } from '../health/healthTone'

/** An entry's health factor at the latest block, from the watchlist's one read of every entry. */
function EntryHealthFactor({ health, failed }: { health: EntryHealth | undefined; failed: boolean }) {
  const account = health?.account
  if (account && 'data' in account)
    return (
      <span className={`watchlist-hf health-${healthTone(account.data.healthFactor)}`}>
        <span className="visually-hidden">health factor </span>
        <span aria-hidden="true">HF </span>
        <output
          data-testid="watchlist-health-factor"
          data-wad={account.data.healthFactor.toString()}
          data-block={health.blockNumber.toString()}
        >
          {formatHealthFactor(account.data.healthFactor)}
        </output>
      </span>
    )
  if (failed || (account && 'error' in account))
    return (
      <span className="watchlist-hf error" title={account && 'error' in account ? account.error : undefined}>
        cannot read
      </span>
    )
  return <span className="watchlist-hf muted">reading…</span>
}

/** The watchlist read's answer for one entry, with the block it is of. */
export type EntryHealth = { blockNumber: bigint; account: WatchlistAccountHealth | undefined }

/** One saved account: select it to watch it (on its market), or remove it. */
export function WatchlistItem({
  entry,
  market,
  shown,
  health,
  healthFailed,
  selected,
  onSelect,
  onRemove,
}: {
  entry: WatchlistEntry
  /** The entry's market, if this page offers it (the devnet's is absent without a manifest). */
  market: MarketDefinition | undefined
  /** Whether the entry's market is the one shown: only those are read every block. */
  shown: boolean
  /** The watchlist read's answer for this entry (entries on the market shown only). */
  health: EntryHealth | undefined
  healthFailed: boolean
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
        disabled={!market}
        aria-current={selected ? 'true' : undefined}
        title={entry.address}
      >
        <span className="watchlist-name">{label}</span>
        {entry.ensName && <code className="watchlist-address">{shortenAddress(entry.address)}</code>}
        {!market ? (
          <span className="watchlist-hf muted">market “{entry.marketId}” not available here</span>
        ) : shown ? (
          <EntryHealthFactor health={health} failed={healthFailed} />
        ) : (
          <span className="watchlist-hf muted">on {market.name}</span>
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

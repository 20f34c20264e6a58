import { useId } from 'react'
import { useMarketContext } from '../../state/marketContext'
import { useWatchControls } from '../watch/useWatchControls'

/**
 * Which market the page reads: the devnet (when its manifest is served) and the live Aave V3
 * markets. A native select: labelled, keyboard-operable and the platform's own picker on a phone.
 * The choice persists, and a watched account follows it (useWatchControls.showMarket).
 */
export function MarketSelector() {
  const id = useId()
  const { markets, market } = useMarketContext()
  const controls = useWatchControls()
  return (
    <div className="market-selector">
      <label htmlFor={id}>Market</label>
      <select
        id={id}
        value={market.id}
        data-testid="market-select"
        onChange={(event) => {
          const next = markets.find((m) => m.id === event.target.value)
          if (next) controls.showMarket(next)
        }}
      >
        {markets.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name} (chain {m.chainId})
          </option>
        ))}
      </select>
    </div>
  )
}

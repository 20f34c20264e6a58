import { useMarketContext } from '../../state/marketContext'
import { MarketSelector } from './MarketSelector'
import { RpcUrlSetting } from './RpcUrlSetting'

/** The market the page reads, and for a live market the RPC its chain is read through. */
export function MarketPanel() {
  const { market, rpcUrl, customRpc, isDevnet } = useMarketContext()
  return (
    <section className="panel market-panel" aria-label="Market and RPC">
      <MarketSelector />
      {isDevnet ? (
        <p className="field-message muted">The devnet is read at the node its manifest names.</p>
      ) : (
        // Keyed by chain: a check started for one chain never reports on another.
        <RpcUrlSetting key={market.chainId} market={market} rpcUrl={rpcUrl} customRpc={customRpc} />
      )}
    </section>
  )
}

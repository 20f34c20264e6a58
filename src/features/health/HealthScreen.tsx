import { useAccountHealth } from '../../chain/useAccountHealth'
import { useHead } from '../../chain/useHead'
import { useMarketContext } from '../../state/marketContext'
import { useNodeHealth } from '../../state/nodeHealthStore'
import { useBlockStall } from '../../state/useBlockStall'
import { Dashboard } from '../dashboard/Dashboard'
import { useActiveAccount } from '../watch/useActiveAccount'
import { WatchBanner } from '../watch/WatchBanner'
import { AccountHealth } from './AccountHealth'
import { BlockLine } from './BlockLine'

/**
 * The active account's health, live: the watched address if there is one, else the connected
 * wallet's. The block shown is the one the figures were read at (not merely the latest head), so
 * the number and its block always agree.
 */
export function HealthScreen() {
  const { market, chain, rpcUrl, isDevnet } = useMarketContext()
  const active = useActiveAccount()
  const address = active.address
  const head = useHead(chain.id)
  // From the risk snapshot's own read: the page sends one eth_call per block for the headline and the engine.
  const account = useAccountHealth({ chainId: chain.id, market, user: address })
  const block = address && account.data ? account.data.block : head.data
  // While the node is away the figures are those of the last block seen: dim them so nobody acts on them.
  const stalledSince = useBlockStall()
  const stale = useNodeHealth().status === 'unreachable' || stalledSince !== undefined

  const accountSection = (
    <section className={stale ? 'panel panel-stale' : 'panel'} aria-label="Account health">
      {active.source === 'watch' && <WatchBanner target={active.target} marketName={market.name} />}
      <BlockLine block={block} />
      {address ? (
        <AccountHealth query={account} market={{ pool: market.pool, name: market.name, rpcUrl, isDevnet }} />
      ) : (
        <p className="muted">Connect a wallet, or watch any address, to see its health factor.</p>
      )}
      {address && active.readOnly && (
        <p className="read-only-note muted" data-testid="read-only-note">
          Read-only: proposals for a watched account are shown for information; carrying one out needs that account’s
          own wallet.
        </p>
      )}
    </section>
  )
  if (!address) return accountSection
  return <Dashboard address={address} readOnly={active.readOnly} accountSection={accountSection} />
}

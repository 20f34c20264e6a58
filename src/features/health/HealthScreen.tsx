import { useConnection } from 'wagmi'
import { useAccountData } from '../../chain/useAccountData'
import { useHead } from '../../chain/useHead'
import { useDevnet } from '../../state/devnetContext'
import { useNodeHealth } from '../../state/nodeHealthStore'
import { RiskPanel } from '../risk/RiskPanel'
import { AccountHealth } from './AccountHealth'
import { BlockLine } from './BlockLine'

/**
 * The connected account's health, live. The block shown is the one the figures were read at
 * (not merely the latest head), so the number and its block always agree.
 */
export function HealthScreen() {
  const { manifest, chain } = useDevnet()
  const { address } = useConnection()
  const head = useHead(chain.id)
  const account = useAccountData({ chainId: chain.id, pool: manifest.aave.pool, user: address })
  const block = address && account.data ? account.data.block : head.data
  // While the node is away the figures are those of the last block seen: dim them so nobody acts on them.
  const stale = useNodeHealth().status === 'unreachable'

  return (
    <>
      <section className={stale ? 'panel panel-stale' : 'panel'} aria-label="Account health">
        <BlockLine block={block} />
        {address ? (
          <AccountHealth query={account} pool={manifest.aave.pool} rpcUrl={manifest.rpcUrl} />
        ) : (
          <p className="muted">Connect a wallet to see its health factor.</p>
        )}
      </section>
      {address && <RiskPanel user={address} />}
    </>
  )
}

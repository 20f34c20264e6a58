import type { Address } from 'viem'
import { AlertLog } from '../alerts/AlertLog'
import { NotificationPermissionButton } from '../alerts/NotificationPermissionButton'
import { RiskProfileForm } from '../profile/RiskProfileForm'

/** The user's own lines (risk profile), browser notifications and the alert log: below the fold, loaded after it. */
export function LinesAndAlerts({ chainId, address }: { chainId: number; address: Address }) {
  return (
    <section className="panel" aria-labelledby="your-lines">
      <h2 id="your-lines">Your lines and alerts</h2>
      <RiskProfileForm chainId={chainId} address={address} />
      <NotificationPermissionButton />
      <AlertLog chainId={chainId} address={address} />
    </section>
  )
}

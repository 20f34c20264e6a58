import { useState } from 'react'
import type { Hex } from 'viem'
import { useConnection, useSignTypedData } from 'wagmi'
import type { RiskReport } from '../../engine/riskReport'
import type { RiskProfile } from '../../state/riskProfileStore'
import { ShareSnapshotDialog } from '../snapshot/ShareSnapshotDialog'
import type { SnapshotTypedData } from '../snapshot/snapshotSignature'

/**
 * "Share snapshot": opens the dialog on the report shown. Signing is offered only when the
 * connected wallet is the account shown (a watched account cannot sign for itself).
 */
export function ShareSnapshot({
  report,
  profile,
  marketName,
  readOnly,
}: {
  report: RiskReport
  profile: RiskProfile
  marketName: string
  readOnly: boolean
}) {
  const [open, setOpen] = useState(false)
  const connection = useConnection()
  const { signTypedDataAsync } = useSignTypedData()
  const canSign =
    !readOnly && connection.status === 'connected' && connection.address?.toLowerCase() === report.account.toLowerCase()
  const onSign = canSign
    ? (typedData: SnapshotTypedData): Promise<Hex> => signTypedDataAsync(typedData as never)
    : undefined
  return (
    <section className="panel" aria-labelledby="share-title">
      <h2 id="share-title">Share</h2>
      <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="share-snapshot-open">
        {open ? 'Close' : 'Share snapshot'}
      </button>
      {open && (
        <ShareSnapshotDialog
          report={report}
          profile={profile}
          marketName={marketName}
          {...(onSign ? { onSign } : {})}
        />
      )}
    </section>
  )
}

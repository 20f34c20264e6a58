import { useEffect, useId, useMemo, useState } from 'react'
import type { Hex } from 'viem'
import type { RiskReport } from '../../engine/riskReport'
import { formatBlockNumber, formatCount } from '../../ui/format'
import { encodeSnapshot } from './snapshotCodec'
import { PRIVACY_WORDS } from './snapshotFormat'
import { buildSnapshotLink } from './snapshotLink'
import { fromReport, PRIVACY_LEVELS, type PrivacyLevel, type SnapshotProfile } from './snapshotModel'
import { type SnapshotTypedData, typedDataFor } from './snapshotSignature'
import './snapshot.css'

export type ShareSnapshotDialogProps = {
  report: RiskReport
  profile: SnapshotProfile
  marketName: string
  /** Signs with the connected wallet (wagmi signTypedData); absent when no wallet can sign (watch mode). */
  onSign?: (typedData: SnapshotTypedData) => Promise<Hex>
  /** The page the link opens (defaults to the current one). */
  pageUrl?: string
}

const CAUTION: Record<PrivacyLevel, string> = {
  full: 'Anyone with the link sees the address and every amount.',
  'no-address':
    'The exact amounts at a named block can still lead someone who searches the chain to the account. Choose ratios only to hide the size.',
  ratios:
    'Health factor, composition, liquidation distances and odds stay true; sizes and the address are not in the link.',
}

type Sign =
  | { state: 'idle' }
  | { state: 'signing' }
  | { state: 'signed'; signature: Hex }
  | { state: 'failed'; message: string }

/**
 * Share the account's risk as a link (issue 8): the snapshot of one block at a chosen privacy
 * level, encoded into the URL fragment, optionally signed by the wallet. The report is captured
 * when the dialog opens, so the link does not change under the user's cursor as blocks arrive.
 */
export function ShareSnapshotDialog({ report, profile, marketName, onSign, pageUrl }: ShareSnapshotDialogProps) {
  const id = useId()
  const [captured, setCaptured] = useState(report)
  const [privacy, setPrivacy] = useState<PrivacyLevel>('ratios')
  const [payload, setPayload] = useState<string | null>(null)
  const [sign, setSign] = useState<Sign>({ state: 'idle' })
  const [copied, setCopied] = useState(false)

  // The profile's fields, not the object: a parent that rebuilds the object each render must not reset the link.
  const { warningHealthFactor, targetHealthFactor, upperHealthFactor, probabilityLimit24h } = profile
  const snapshot = useMemo(
    () =>
      fromReport(
        captured,
        { warningHealthFactor, targetHealthFactor, upperHealthFactor, probabilityLimit24h },
        { privacy, marketName },
      ),
    [captured, warningHealthFactor, targetHealthFactor, upperHealthFactor, probabilityLimit24h, privacy, marketName],
  )
  const signing = sign.state === 'signing'

  useEffect(() => {
    let current = true
    setPayload(null)
    setSign({ state: 'idle' })
    setCopied(false)
    encodeSnapshot(snapshot).then((p) => current && setPayload(p))
    return () => {
      current = false
    }
  }, [snapshot])

  const signature = sign.state === 'signed' ? sign.signature : null
  const link =
    payload === null
      ? null
      : buildSnapshotLink(pageUrl ?? globalThis.location?.href ?? 'http://localhost/', payload, signature)

  async function signIt() {
    if (!onSign) return
    setSign({ state: 'signing' })
    try {
      setSign({ state: 'signed', signature: await onSign(typedDataFor(snapshot)) })
    } catch (error) {
      setSign({
        state: 'failed',
        message: error instanceof Error ? (error.message.split('\n')[0] ?? '') : 'The wallet did not sign.',
      })
    }
  }

  async function copy() {
    if (!link) return
    try {
      await navigator.clipboard.writeText(link)
      setCopied(true)
    } catch {
      setCopied(false)
    }
  }

  return (
    <section className="share-snapshot" aria-labelledby={`${id}-title`} data-testid="share-snapshot">
      <h2 id={`${id}-title`}>Share a snapshot</h2>
      <p className="share-snapshot-note">
        Block {formatBlockNumber(captured.block.number)}.{' '}
        {report.block.number !== captured.block.number && (
          <button type="button" onClick={() => setCaptured(report)} disabled={signing}>
            Capture block {formatBlockNumber(report.block.number)} instead
          </button>
        )}
      </p>
      <fieldset disabled={signing}>
        <legend>What the link reveals</legend>
        {PRIVACY_LEVELS.map((level) => (
          <label key={level}>
            <input
              type="radio"
              name={`${id}-privacy`}
              value={level}
              checked={privacy === level}
              onChange={() => setPrivacy(level)}
            />
            {PRIVACY_WORDS[level]}
          </label>
        ))}
      </fieldset>
      <p className="share-snapshot-note" id={`${id}-caution`}>
        {CAUTION[privacy]}
      </p>

      <label htmlFor={`${id}-link`}>Link</label>
      <textarea
        id={`${id}-link`}
        readOnly
        value={link ?? ''}
        aria-describedby={`${id}-size`}
        data-testid="share-snapshot-link"
        onFocus={(e) => e.currentTarget.select()}
      />
      <p className="share-snapshot-note" id={`${id}-size`} aria-live="polite">
        {link === null
          ? 'Encoding…'
          : `${formatCount(link.length)} characters; the snapshot rides in the part after #, which is never sent to a server.`}
      </p>

      <div className="share-snapshot-actions">
        <button type="button" onClick={copy} disabled={link === null}>
          Copy link
        </button>
        {onSign && (
          <button type="button" onClick={signIt} disabled={payload === null || signing || sign.state === 'signed'}>
            {signing ? 'Waiting for the wallet…' : sign.state === 'signed' ? 'Signed' : 'Sign with wallet'}
          </button>
        )}
        <span role="status">{copied ? 'Copied.' : ''}</span>
      </div>
      {onSign && snapshot.account === null && sign.state !== 'signed' && (
        <p className="share-snapshot-note">Signing shows the signing address to anyone who opens the link.</p>
      )}
      {sign.state === 'failed' && (
        <p className="share-snapshot-error" role="alert">
          Not signed: {sign.message}
        </p>
      )}
    </section>
  )
}

import { type ReactNode, useEffect, useRef, useState } from 'react'
import type { Hex } from 'viem'
import { ExportImageButton } from '../snapshot/ExportImageButton'
import { SnapshotView } from '../snapshot/SnapshotView'
import { type DecodeResult, decodeSnapshot } from '../snapshot/snapshotCodec'
import { parseSnapshotFragment } from '../snapshot/snapshotLink'
import type { RiskSnapshot } from '../snapshot/snapshotModel'
import { type SignatureStatus, verifySnapshotSignature } from '../snapshot/snapshotSignature'
import { VerifyAgainstChain } from '../snapshot/VerifyAgainstChain'
import { watchUrlFor } from './snapshotRoute'
import { useSnapshotNode } from './useSnapshotNode'

type Opened =
  | { state: 'reading' }
  | { state: 'decoded'; result: DecodeResult; signature: SignatureStatus | undefined; opened: number }

const FAILURE_TITLE: Record<Exclude<DecodeResult, { ok: true }>['reason'], string> = {
  'too-large': 'This snapshot link is too large to be a MarginGuard snapshot',
  'not-base64url': 'This snapshot link is damaged',
  'not-compressed': 'This snapshot link is damaged',
  'not-json': 'This snapshot link is damaged',
  invalid: 'This snapshot link is damaged',
  'newer-version': 'This snapshot comes from a newer version of MarginGuard',
}

/**
 * A shared snapshot, opened from the link's fragment alone: no wallet, no RPC, nothing sent
 * anywhere. The payload is untrusted: decodeSnapshot caps, decompresses and validates it, and
 * every string reaches the page as React text, never as HTML.
 */
export function SnapshotPage({ fragment }: { fragment: string }) {
  const [opened, setOpened] = useState<Opened>({ state: 'reading' })
  // How many links this tab has opened: a test (or a screen reader's live region) can tell a
  // newly opened link from the previous one.
  const opens = useRef(0)
  useEffect(() => {
    let cancelled = false
    setOpened({ state: 'reading' })
    const parsed = parseSnapshotFragment(fragment)
    void (async () => {
      const result = await decodeSnapshot(parsed?.payload ?? '')
      if (cancelled) return
      opens.current += 1
      const opened = opens.current
      setOpened({ state: 'decoded', result, signature: undefined, opened })
      if (!result.ok) return
      const signature = await verifySnapshotSignature(result.snapshot, parsed?.signature)
      if (!cancelled) setOpened({ state: 'decoded', result, signature, opened })
    })()
    return () => {
      cancelled = true
    }
  }, [fragment])

  if (opened.state === 'reading')
    return (
      <p role="status" className="muted">
        Opening the snapshot…
      </p>
    )
  return (
    <div data-testid="snapshot-page" data-opened={opened.opened}>
      {body(opened)}
    </div>
  )
}

function body({ result, signature }: Extract<Opened, { state: 'decoded' }>): ReactNode {
  if (!result.ok)
    return (
      <section
        className="panel"
        aria-labelledby="snapshot-error"
        data-testid="snapshot-error"
        data-reason={result.reason}
      >
        <h2 id="snapshot-error">{FAILURE_TITLE[result.reason]}</h2>
        <p>{result.message}</p>
        <p>
          Ask whoever shared it for a new link, or <a href={leaveSnapshotHref()}>open MarginGuard live</a>.
        </p>
      </section>
    )
  return (
    <>
      <SnapshotView
        snapshot={result.snapshot}
        {...(signature ? { signature } : {})}
        onWatchLive={(account: Hex, chainId: number) => {
          window.location.assign(watchUrlFor(window.location.href, account, chainId))
        }}
      />
      <SnapshotActions snapshot={result.snapshot} />
      <p>
        <a href={leaveSnapshotHref()}>Leave the snapshot and open MarginGuard live</a>
      </p>
    </>
  )
}

/** Export the risk card as an image, and check the figures against the chain at the snapshot's block. */
function SnapshotActions({ snapshot }: { snapshot: RiskSnapshot }) {
  const { client, pool } = useSnapshotNode(snapshot)
  return (
    <section className="panel" aria-label="Snapshot actions">
      <ExportImageButton snapshot={snapshot} />
      <VerifyAgainstChain snapshot={snapshot} client={client} pool={pool} />
    </section>
  )
}

const leaveSnapshotHref = () => `${window.location.pathname}${window.location.search}`

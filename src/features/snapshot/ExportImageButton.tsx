import { useState } from 'react'
import { formatBlockNumber } from '../../ui/format'
import { riskCardPng } from './riskCardImage'
import type { RiskSnapshot } from './snapshotModel'
import './snapshotActions.css'

export type ExportImageButtonProps = { snapshot: RiskSnapshot }

type Message = { tone: 'ok' | 'bad' | 'muted'; text: string }

// Long enough for any browser to have started the download from the object URL (FileSaver.js
// waits 40 s for slow ones); short enough not to hold the image for the page's lifetime.
const REVOKE_AFTER_MS = 30_000

const prefersDark = () => globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false
const reason = (error: unknown) => (error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error))

/**
 * The risk card as a PNG (issue 8, part 5): download it, or copy it to the clipboard where the
 * browser lets a page write images there (the Async Clipboard API with ClipboardItem).
 */
export function ExportImageButton({ snapshot }: ExportImageButtonProps) {
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<Message | null>(null)
  const fileName = `marginguard-snapshot-${formatBlockNumber(snapshot.block.number)}.png`

  async function download() {
    setBusy(true)
    setMessage(null)
    try {
      const url = URL.createObjectURL(await riskCardPng(snapshot, { dark: prefersDark() }))
      const a = document.createElement('a')
      a.href = url
      a.download = fileName
      a.rel = 'noopener'
      document.body.append(a)
      a.click()
      a.remove()
      setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS)
      setMessage({ tone: 'ok', text: `Image saved as ${fileName}.` })
    } catch (error) {
      setMessage({ tone: 'bad', text: `Could not make the image: ${reason(error)}` })
    } finally {
      setBusy(false)
    }
  }

  async function copy() {
    // Checked on click, not on render: the server-rendered and first client render stay the same.
    if (typeof ClipboardItem === 'undefined' || !navigator.clipboard?.write) {
      setMessage({
        tone: 'muted',
        text: 'Copying images is not supported by this browser. Use "Download image" instead.',
      })
      return
    }
    setBusy(true)
    setMessage(null)
    try {
      // The blob's promise goes into the item at once: Safari keeps the click's permission only so.
      await navigator.clipboard.write([
        new ClipboardItem({ 'image/png': riskCardPng(snapshot, { dark: prefersDark() }) }),
      ])
      setMessage({ tone: 'ok', text: 'Image copied to the clipboard.' })
    } catch (error) {
      setMessage({ tone: 'bad', text: `Could not copy the image: ${reason(error)}` })
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="snapshot-actions" data-testid="export-image">
      <button type="button" onClick={download} disabled={busy}>
        Download image
      </button>
      <button type="button" onClick={copy} disabled={busy}>
        Copy image
      </button>
      <p role="status" className={`snapshot-action-status snapshot-action-${message?.tone ?? 'muted'}`}>
        {busy ? 'Drawing the image…' : (message?.text ?? '')}
      </p>
    </div>
  )
}

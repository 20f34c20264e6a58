import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { ShareSnapshotDialog } from './ShareSnapshotDialog'
import { PROFILE, smallReport } from './snapshotTesting'

const report = smallReport()

// Server rendering runs no effects: these tests see the dialog's first frame (the link is still encoding).
describe('ShareSnapshotDialog', () => {
  test('offers the three privacy levels, ratios only by default, each labelled', () => {
    const html = renderToStaticMarkup(<ShareSnapshotDialog report={report} profile={PROFILE} marketName="devnet" />)
    expect(html.match(/type="radio"/g)).toHaveLength(3)
    expect(html).toMatch(/checked="" value="ratios"/)
    expect(html).toContain('Ratios only: no address, sizes scaled to collateral = 100')
    expect(html).toContain('Encoding…')
    expect(html).toMatch(/<label for="[^"]+">Link<\/label>/)
  })

  test('offers signing only when a wallet can sign, and warns that signing shows the signer', () => {
    const without = renderToStaticMarkup(<ShareSnapshotDialog report={report} profile={PROFILE} marketName="devnet" />)
    expect(without).not.toContain('Sign with wallet')
    const withWallet = renderToStaticMarkup(
      <ShareSnapshotDialog report={report} profile={PROFILE} marketName="devnet" onSign={async () => '0x'} />,
    )
    expect(withWallet).toContain('Sign with wallet')
    expect(withWallet).toContain('Signing shows the signing address')
  })
})

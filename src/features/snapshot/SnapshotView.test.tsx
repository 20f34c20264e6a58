import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { formatHealthFactor } from '../../ui/format'
import { SignatureLine, SnapshotView } from './SnapshotView'
import { fromReport, PRIVACY_LEVELS, type RiskSnapshot } from './snapshotModel'
import { ACCOUNT, noDebtReport, PROFILE, sixReserveReport } from './snapshotTesting'

const report = sixReserveReport()
const at = (privacy: (typeof PRIVACY_LEVELS)[number]) =>
  fromReport(report, PROFILE, { privacy, marketName: 'Aave V3 Ethereum' })
const render = (s: RiskSnapshot) =>
  renderToStaticMarkup(<SnapshotView snapshot={s} signature={{ status: 'unsigned' }} />)
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

describe('SnapshotView', () => {
  test('says it is a snapshot at a block, not live', () => {
    expect(text(render(at('full')))).toContain(`Snapshot at block ${report.block.number} , not live`)
  })

  test('every privacy level shows the same health factor and stress figures', () => {
    const hf = formatHealthFactor(report.accountData.healthFactorWad)
    const stressOf = (html: string) =>
      html.slice(html.indexOf('Health factor under a price shock'), html.indexOf('Exposure per underlying'))
    const shown = PRIVACY_LEVELS.map((p) => render(at(p)))
    for (const html of shown) expect(html).toContain(`data-testid="snapshot-hf">${hf}<`)
    const stress = shown.map(stressOf)
    expect(stress[0]).toContain('Reaches 1 at')
    expect(stress[2]).toBe(stress[0])
  })

  test('the account appears only at the full level, and only there is watching live offered', () => {
    const full = renderToStaticMarkup(<SnapshotView snapshot={at('full')} onWatchLive={() => undefined} />)
    expect(full.toLowerCase()).toContain(ACCOUNT.toLowerCase())
    expect(full).toContain('Watch this account live')
    for (const p of ['no-address', 'ratios'] as const) {
      const html = renderToStaticMarkup(<SnapshotView snapshot={at(p)} onWatchLive={() => undefined} />)
      expect(html.toLowerCase()).not.toContain(ACCOUNT.toLowerCase().slice(2))
      expect(html).toContain('Address not included')
      expect(html).not.toContain('Watch this account live')
    }
  })

  test('ratios amounts read as the notional, never as dollars', () => {
    const html = text(render(at('ratios')))
    expect(html).toContain('Collateral (notional) 100')
    expect(html).not.toMatch(/Collateral \(notional\) \$/)
    expect(text(render(at('full')))).toMatch(/Collateral \$[\d,]+\.\d\d/)
  })

  test('an account without debt renders its infinite health factor', () => {
    const html = render(fromReport(noDebtReport(), PROFILE, { privacy: 'ratios', marketName: 'devnet' }))
    expect(html).toContain('data-testid="snapshot-hf">∞<')
  })

  test('strings that skipped the schema still reach the page as text, not markup', () => {
    const s = at('full')
    const hostile: RiskSnapshot = {
      ...s,
      market: { ...s.market, name: '<script>alert(1)</script>' },
      positions: s.positions.map((p) => ({ ...p, symbol: '<img src=x onerror=alert(1)>' })),
    }
    const html = render(hostile)
    expect(html).not.toMatch(/<script|<img/i)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })
})

describe('SignatureLine', () => {
  const signer = '0x00000000000000000000000000000000000000a1'
  test.each([
    [{ status: 'signed', signer, byAccount: true } as const, `Signed by ${signer} (the account).`],
    [{ status: 'signed', signer, byAccount: false } as const, `Signed by ${signer} (address not in the snapshot).`],
    [{ status: 'unsigned' } as const, 'Unsigned'],
    [{ status: 'invalid', reason: 'not-the-account', message: 'changed' } as const, 'Signature invalid: changed'],
  ])('%o reads "%s"', (status, words) => {
    expect(renderToStaticMarkup(<SignatureLine status={status} />)).toContain(words)
  })
})

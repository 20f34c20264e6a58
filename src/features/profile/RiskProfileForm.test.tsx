import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { DEFAULT_RISK_PROFILE } from '../../state/riskProfileStore'
import { RiskProfileForm, RiskProfileFormView } from './RiskProfileForm'

const ALICE = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'

describe('risk profile form', () => {
  test('every input is labelled and described, and the summary shows the saved lines', () => {
    const html = renderToStaticMarkup(<RiskProfileForm chainId={31337} address={ALICE} defaultOpen />)
    expect(html).toContain('<details class="panel risk-profile" open=""')
    expect(html).toContain('warning 1.20 · target 1.50 · 24 h limit 5% (defaults)')
    const inputs = html.match(/<input [^>]*>/g) ?? []
    expect(inputs).toHaveLength(7)
    for (const input of inputs) {
      const id = input.match(/ id="([^"]+)"/)?.[1]
      expect(html).toContain(`for="${id}"`)
      expect(input).toMatch(/aria-describedby="[^"]+-hint"/)
      expect(input).not.toContain('aria-invalid')
    }
    expect(html).toContain('value="1.2"')
    expect(html).toContain('<button type="submit">Save</button>')
    expect(html).toContain('Reset to defaults')
    // Auto-execute waits for guard mode.
    expect(html).toMatch(/<input [^>]*type="checkbox" disabled=""/)
  })

  test('an account with its own profile shows it', () => {
    const saved = { ...DEFAULT_RISK_PROFILE, warningHealthFactor: 1.3, upperHealthFactor: 2, guardMode: true }
    const html = renderToStaticMarkup(
      <RiskProfileFormView saved={saved} own accountKey="k" onSave={() => {}} onReset={() => DEFAULT_RISK_PROFILE} />,
    )
    expect(html).toContain('warning 1.30 · target 1.50 · upper 2.00 · 24 h limit 5% · guard mode on')
    expect(html).toContain('value="2"')
    expect(html).not.toContain('(defaults)')
    expect(html).not.toContain('open=""')
    // With guard mode on, auto-execution can be chosen.
    expect(html).not.toMatch(/<input [^>]*type="checkbox" disabled=""/)
  })
})

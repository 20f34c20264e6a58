import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { AlertBannerView } from './AlertBanner'
import { AlertLogView } from './AlertLog'
import type { AlertLogEntry } from './alertStore'
import { type NotificationPermissionApi, NotificationPermissionButton } from './NotificationPermissionButton'

const entry = (patch: Partial<AlertLogEntry>): AlertLogEntry => ({
  id: 'k/1',
  kind: 'warning',
  severity: 'warning',
  block: 120n,
  time: 1_750_000_000,
  message: 'Health factor 1.18 is below your warning line 1.20',
  acknowledged: false,
  ...patch,
})
const noop = () => {}
const banners = (alerts: AlertLogEntry[], guardAction?: string) =>
  renderToStaticMarkup(
    <AlertBannerView alerts={alerts} onAcknowledge={noop} onAcknowledgeAll={noop} guardAction={guardAction} />,
  )

describe('alert banner', () => {
  test('says the alert in words with its severity, and offers Acknowledge', () => {
    const html = banners([entry({})])
    expect(html).toContain('data-testid="alert-banner"')
    expect(html).toContain('data-kind="warning"')
    expect(html).toContain('role="status"')
    expect(html).toContain('Warning: </strong>')
    expect(html).toContain('Health factor 1.18 is below your warning line 1.20.')
    expect(html).toContain('Block 120')
    expect(html).toMatch(/<button type="button" aria-describedby="[^"]+">Acknowledge<\/button>/)
    expect(html).not.toContain('Acknowledge all')
  })

  test('danger and worse interrupt screen readers (role="alert"); several get Acknowledge all', () => {
    const html = banners([
      entry({ id: 'k/2', kind: 'liquidatable', severity: 'critical', message: 'below 1' }),
      entry({ id: 'k/3', kind: 'danger', severity: 'danger', message: 'close' }),
      entry({ id: 'k/4', kind: 'staleOracle', severity: 'notice', message: 'stale' }),
    ])
    expect(html.match(/role="alert"/g)).toHaveLength(2)
    expect(html.match(/role="status"/g)).toHaveLength(1)
    expect(html).toContain('Acknowledge all')
  })

  test('the guard action shows with a protective alert only; nothing renders without alerts', () => {
    expect(banners([entry({})], 'Protect now')).toContain('Protect now')
    expect(banners([entry({ kind: 'staleOracle', severity: 'notice' })], 'Protect now')).not.toContain('Protect now')
    expect(banners([], 'Protect now')).toBe('')
  })
})

describe('alert log', () => {
  test('an empty log says so', () => {
    expect(renderToStaticMarkup(<AlertLogView entries={[]} />)).toContain('No alerts yet')
  })

  test('entries in the given order (newest first) with time, block and whether acknowledged', () => {
    const html = renderToStaticMarkup(
      <AlertLogView
        entries={[
          entry({
            id: 'k/2',
            kind: 'recovered',
            severity: 'info',
            message: 'back up',
            block: 130n,
            acknowledged: true,
          }),
          entry({}),
        ]}
      />,
    )
    expect(html.indexOf('back up')).toBeLessThan(html.indexOf('Health factor 1.18'))
    expect(html).toContain('block 130')
    expect(html).toContain('dateTime="2025-06-15T15:06:40.000Z"')
    expect(html.match(/not acknowledged/g)).toHaveLength(1)
  })
})

describe('notification permission button', () => {
  const api = (permission: NotificationPermission): NotificationPermissionApi => ({
    permission,
    requestPermission: () => Promise.resolve('granted'),
  })

  test('offers a button only while the browser has not been asked', () => {
    expect(renderToStaticMarkup(<NotificationPermissionButton api={api('default')} />)).toContain(
      '<button type="button">Enable browser notifications</button>',
    )
    const granted = renderToStaticMarkup(<NotificationPermissionButton api={api('granted')} />)
    expect(granted).toContain('data-state="granted"')
    expect(granted).not.toContain('<button')
    expect(renderToStaticMarkup(<NotificationPermissionButton api={api('denied')} />)).toContain('blocked')
  })

  test('a browser without notifications is told in words', () => {
    // Node has no Notification: the page's default api is undefined here, as in such a browser.
    expect(renderToStaticMarkup(<NotificationPermissionButton />)).toContain('data-state="unsupported"')
  })
})

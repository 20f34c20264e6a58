import { describe, expect, test } from 'vitest'
import { type NotificationApi, notifyAlert } from './alertNotification'
import type { AlertEvent } from './alertRules'

const danger: AlertEvent = {
  kind: 'danger',
  severity: 'danger',
  block: 9n,
  time: 0,
  value: 1.04,
  line: 1.05,
  message: 'Health factor 1.04 is close to liquidation (below 1.05)',
}

/** The Notification constructor with a chosen permission, recording what it was asked to show. */
function fakeNotifications(permission: NotificationPermission, throws = false) {
  const shown: { title: string; options?: NotificationOptions }[] = []
  const api = class {
    static permission = permission
    constructor(title: string, options?: NotificationOptions) {
      if (throws) throw new TypeError('Illegal constructor')
      shown.push({ title, options })
    }
  } satisfies NotificationApi
  return { api, shown }
}

describe('browser notification of an alert', () => {
  test('shown only with permission granted, tagged per account and kind', () => {
    const granted = fakeNotifications('granted')
    expect(notifyAlert(danger, '31337:0xabc', granted.api)).toBe(true)
    expect(granted.shown).toEqual([
      {
        title: 'MarginGuard: Close to liquidation',
        options: { body: danger.message, tag: 'marginguard:31337:0xabc:danger' },
      },
    ])
    for (const permission of ['default', 'denied'] as const) {
      const other = fakeNotifications(permission)
      expect(notifyAlert(danger, 'k', other.api)).toBe(false)
      expect(other.shown).toEqual([])
    }
    expect(notifyAlert(danger, 'k', undefined)).toBe(false)
  })

  test('a browser that refuses page notifications (Android Chrome) does not break the alert', () => {
    expect(notifyAlert(danger, 'k', fakeNotifications('granted', true).api)).toBe(false)
  })
})

import type { AlertEvent } from './alertRules'

/** The part of the Notification API the page uses (injected in tests). */
export type NotificationApi = {
  readonly permission: NotificationPermission
  new (title: string, options?: NotificationOptions): unknown
}

export const notificationApi = (): NotificationApi | undefined =>
  typeof Notification === 'undefined' ? undefined : Notification

const TITLES: Record<AlertEvent['kind'], string> = {
  liquidatable: 'Liquidatable now',
  danger: 'Close to liquidation',
  warning: 'Health factor warning',
  probability: 'Liquidation risk above your limit',
  staleOracle: 'Stale oracle',
  upper: 'Room to borrow',
  recovered: 'Recovered',
}

/**
 * Shows a browser notification for the alert when the user already granted permission; never asks
 * (permission is asked on a click: NotificationPermissionButton). One notification per account and
 * kind at a time: a newer one replaces the older (same tag). Returns whether one was shown.
 */
export function notifyAlert(event: AlertEvent, accountKey: string, api = notificationApi()): boolean {
  if (api?.permission !== 'granted') return false
  try {
    new api(`MarginGuard: ${TITLES[event.kind]}`, {
      body: event.message,
      tag: `marginguard:${accountKey}:${event.kind}`,
    })
    return true
  } catch {
    // Chrome on Android only shows notifications through a service worker and throws here: the
    // banner and the title still carry the alert.
    return false
  }
}

import { useEffect, useState } from 'react'
import './alerts.css'

/** The part of the Notification API the button uses (injected in tests). */
export type NotificationPermissionApi = {
  readonly permission: NotificationPermission
  requestPermission(): Promise<NotificationPermission>
}

export type NotificationState = NotificationPermission | 'unsupported'

const pageApi = (): NotificationPermissionApi | undefined =>
  typeof Notification === 'undefined' ? undefined : Notification

/**
 * Browser notifications for alerts: asks permission only when clicked (browsers ignore or punish
 * a prompt on load), and says what the state is in words: on, blocked, or not available.
 */
export function NotificationPermissionButton({ api = pageApi() }: { api?: NotificationPermissionApi }) {
  const [state, setState] = useState<NotificationState>(() => api?.permission ?? 'unsupported')

  // The user may change the permission in the browser's site settings while the page is open.
  useEffect(() => {
    if (!api || typeof navigator === 'undefined' || !navigator.permissions) return
    let status: PermissionStatus | undefined
    const update = () => setState(api.permission)
    navigator.permissions
      .query({ name: 'notifications' })
      .then((s) => {
        status = s
        s.addEventListener('change', update)
      })
      .catch(() => {})
    return () => status?.removeEventListener('change', update)
  }, [api])

  const ask = async () => {
    if (!api) return
    try {
      setState(await api.requestPermission())
    } catch {
      setState(api.permission)
    }
  }

  return (
    <span className="notification-permission" data-testid="notification-permission" data-state={state}>
      {state === 'default' && (
        <button type="button" onClick={ask}>
          Enable browser notifications
        </button>
      )}
      {state === 'granted' && <span>Browser notifications are on.</span>}
      {state === 'denied' && (
        <span>Browser notifications are blocked for this site: allow them in the browser’s site settings.</span>
      )}
      {state === 'unsupported' && (
        <span className="muted">
          This browser cannot show notifications: alerts show in the page and the tab title.
        </span>
      )}
    </span>
  )
}

import { useEffect, useState } from 'react'
import type { Address } from 'viem'
import { useStore } from 'zustand'
import type { RiskReport } from '../../engine/riskReport'
import { type RiskProfile, riskProfileKey } from '../../state/riskProfileStore'
import { alertInputFromReport } from './alertInput'
import { notifyAlert } from './alertNotification'
import { SEVERITY_RANK } from './alertRules'
import { alertStore, guardTriggered, interruptingAlertActive } from './alertStore'
import { alertTitle, createTitleFlasher, type TitleFlasher } from './titleFlash'

export type AlertMonitorOptions = {
  chainId: number
  address: Address
  /** The live report (never a what-if one): alerts are about the chain, not a scenario. */
  report: RiskReport | undefined
  profile: RiskProfile
  isDevnet: boolean
}

export type AlertMonitor = {
  /** An unacknowledged protective alert is active (warning, danger, liquidatable, probability). */
  guardTriggered: boolean
  /**
   * Guard mode may execute the best proposal by itself now: guard mode and auto-execute are on,
   * the chain is the devnet and an alert calls for it. The caller must still check that the
   * connected wallet is the devnet's demo wallet before sending anything.
   */
  autoExecute: boolean
}

const pageFlasher = (): TitleFlasher =>
  createTitleFlasher({
    getTitle: () => document.title,
    setTitle: (title) => {
      document.title = title
    },
    setInterval: (callback, ms) => window.setInterval(callback, ms),
    clearInterval: (handle) => window.clearInterval(handle as number),
  })

/**
 * Feeds each new block's report of the account into the alert rules (alertRules.ts) and, when an
 * alert fires: logs it (alertStore), shows a browser notification if permission was granted, and
 * flashes the tab title until the alerts are acknowledged or the tab gets focus. Call once, where
 * the live report of the active account is.
 */
export function useAlertMonitor({ chainId, address, report, profile, isDevnet }: AlertMonitorOptions): AlertMonitor {
  const key = riskProfileKey(chainId, address)
  const [flasher] = useState(pageFlasher)

  useEffect(() => () => flasher.stop(), [flasher])

  useEffect(() => {
    // A report for another account or chain is the previous account's, still on screen.
    if (!report || report.chainId !== chainId || report.account.toLowerCase() !== address.toLowerCase()) return
    const fired = alertStore.getState().actions.evaluate(key, alertInputFromReport(report), profile)
    const interrupting = fired.filter((e) => SEVERITY_RANK[e.severity] >= SEVERITY_RANK.notice)
    for (const event of interrupting) notifyAlert(event, key)
    const first = interrupting[0]
    if (first) flasher.start(alertTitle(first, flasher.pageTitle))
  }, [report, chainId, address, key, profile, flasher])

  const interruptingActive = useStore(alertStore, (s) => interruptingAlertActive(s.accounts[key]?.entries ?? []))
  useEffect(() => {
    if (!interruptingActive) flasher.stop()
  }, [interruptingActive, flasher])

  useEffect(() => {
    const onFocus = () => flasher.stop()
    const onVisible = () => {
      if (document.visibilityState === 'visible') flasher.stop()
    }
    window.addEventListener('focus', onFocus)
    document.addEventListener('visibilitychange', onVisible)
    return () => {
      window.removeEventListener('focus', onFocus)
      document.removeEventListener('visibilitychange', onVisible)
    }
  }, [flasher])

  const triggered = useStore(alertStore, (s) => guardTriggered(s.accounts[key]?.entries ?? []))
  return {
    guardTriggered: triggered,
    autoExecute: triggered && isDevnet && profile.guardMode && profile.guardAutoExecute,
  }
}

import { useEffect } from 'react'
import { useStore } from 'zustand'
import type { RiskReport } from '../../engine/riskReport'
import type { HistoryStatus } from './historyDb'
import { type HistoryPoint, historyPointFromReport } from './historyPoint'
import { createHistoryStore, type HistoryStore } from './historyStore'

let shared: HistoryStore | undefined
/** One history store for the app, created on first use (IndexedDB opens on the first read or write). */
export const sharedHistoryStore = () => {
  shared ??= createHistoryStore()
  return shared
}

/**
 * Records the history of the report's account: activates its (chain, account), then records each
 * new report once (a re-render with the same report records nothing; a report of the same block
 * again replaces that block's point).
 */
export function useHistoryRecorder(report: RiskReport | undefined, store: HistoryStore = sharedHistoryStore()) {
  const chainId = report?.chainId
  const account = report?.account
  useEffect(() => {
    if (chainId !== undefined && account !== undefined) void store.getState().actions.activate(chainId, account)
  }, [store, chainId, account])
  useEffect(() => {
    if (report) store.getState().actions.record(historyPointFromReport(report))
  }, [store, report])
}

/** The active account's history, oldest first (the same array until a point changes), and whether it persists. */
export function useHistory(store: HistoryStore = sharedHistoryStore()): {
  points: readonly HistoryPoint[]
  status: HistoryStatus
} {
  useStore(store, (s) => s.version) // re-render on change; the buffer hands out one array per change
  const buffer = useStore(store, (s) => s.buffer)
  const status = useStore(store, (s) => s.status)
  return { points: buffer.toArray(), status }
}

export const useHistoryActions = (store: HistoryStore = sharedHistoryStore()) => useStore(store, (s) => s.actions)
export const useHistoryLoading = (store: HistoryStore = sharedHistoryStore()) => useStore(store, (s) => s.loading)

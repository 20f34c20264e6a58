import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react'
import type { Address, Chain, Client } from 'viem'
import { useClient, useConfig, useConnection } from 'wagmi'
import { getConnection, getConnectorClient } from 'wagmi/actions'
import type { Proposal } from '../../engine/proposals/proposal'
import { sharedHistoryStore } from '../../state/history/useHistoryRecorder'
import type { PendingProtect } from '../../state/pendingTxStore'
import { usePendingProtect, usePendingTxActions } from '../../state/pendingTxStore'
import { createProtectDeps } from './protectDeps'
import { IDLE, protectReducer } from './protectMachine'
import type { CallRecord } from './protectMessages'
import { type ProtectDeps, resumeProtect, runProtect } from './runProtect'

export type UseProtectParams = {
  chain: Chain
  account: Address
  pool: Address
  targetHealthFactorWad: bigint
  /** Each proposal's calls in words (proposalFormat.stepLabel). */
  describeCalls: (proposal: Proposal) => CallRecord[]
}

/**
 * The Protect flow of one account on one chain: the state machine, the wallet and node behind
 * runProtect, the persisted pending entry, and the resume after a reload. `protect` is a no-op
 * while a run is in flight or a pending entry exists (no double submission: a ref guards the
 * same tick, the machine and the store the rest).
 */
export function useProtect({ chain, account, pool, targetHealthFactorWad, describeCalls }: UseProtectParams) {
  const [state, dispatch] = useReducer(protectReducer, IDLE)
  // Where a protection landed goes on the health-factor history (the charts draw a marker there).
  useEffect(() => {
    if (state.phase !== 'confirmed') return
    const txHash = state.calls.findLast((c) => c.hash)?.hash
    if (txHash) sharedHistoryStore().getState().actions.mark(state.blockNumber, { kind: 'protect', txHash })
  }, [state])
  const config = useConfig()
  const client = useClient({ chainId: chain.id }) as Client | undefined
  const connection = useConnection()
  const pending = usePendingProtect(chain.id, account)
  const pendingActions = usePendingTxActions()
  const running = useRef(false)

  const depsFor = useCallback(
    (proposal: Proposal | undefined, calls: CallRecord[], entry?: PendingProtect): ProtectDeps => {
      if (!client) throw new Error(`no client for chain ${chain.id}`)
      return createProtectDeps({
        client,
        wallet: () => getConnectorClient(config, { chainId: chain.id, assertChainId: false }),
        walletAccount: () => getConnection(config).address,
        walletChainId: async () => {
          const connector = getConnection(config).connector
          if (!connector) throw new Error('no wallet is connected')
          return connector.getChainId()
        },
        chain,
        account,
        pool,
        targetHealthFactorWad,
        proposal,
        pending: {
          begin: (mode) =>
            pendingActions.begin(
              entry ?? {
                chainId: chain.id,
                account,
                pool,
                proposalId: proposal?.id ?? '',
                summary: proposal?.summary ?? '',
                mode,
                calls: calls.map((c) => ({ ...c, hash: null })),
                startedAt: Date.now(),
              },
            ),
          recordHash: (i, hash) => pendingActions.recordHash(chain.id, account, i, hash),
          recordBatch: (id) => pendingActions.recordBatch(chain.id, account, id),
          resolve: () => pendingActions.resolve(chain.id, account),
        },
      })
    },
    [client, config, chain, account, pool, targetHealthFactorWad, pendingActions],
  )

  const protect = useCallback(
    (proposal: Proposal) => {
      if (running.current || pending) return
      running.current = true
      const calls = describeCalls(proposal)
      let deps: ProtectDeps
      try {
        deps = depsFor(proposal, calls)
      } catch {
        running.current = false
        return
      }
      void runProtect(proposal, calls, deps, dispatch).finally(() => {
        running.current = false
      })
    },
    [pending, depsFor, describeCalls],
  )

  // After a reload (or with another tab's entry): wait for what was sent, once.
  useEffect(() => {
    if (!pending || running.current || !client) return
    running.current = true
    const calls = pending.calls.map((c) => ({ label: c.label, type: c.type }))
    void resumeProtect(pending, depsFor(undefined, calls, pending), dispatch).finally(() => {
      running.current = false
    })
  }, [pending, client, depsFor])

  const dismiss = useCallback(() => dispatch({ type: 'dismiss' }), [])
  const walletReady = connection.status === 'connected' && connection.address?.toLowerCase() === account.toLowerCase()
  return useMemo(
    () => ({ state, protect, dismiss, pending, walletReady, connectorId: connection.connector?.id }),
    [state, protect, dismiss, pending, walletReady, connection.connector?.id],
  )
}

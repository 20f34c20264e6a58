import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { type NodeHealth, startBlockStream } from '../chain/blockStream'
import { createHeadSource } from '../chain/headSource'
import type { MarketEndpoint } from '../chain/marketEndpoint'
import { queryKeys } from '../chain/queryKeys'
import { useNodeHealthActions } from './nodeHealthStore'

/**
 * Streams the head of the shown market's chain into the query cache for as long as the component
 * using it is mounted, and keeps the node's health in the store. Heads are pushed over WebSocket
 * where the endpoint has one (the devnet), polled at the endpoint's pace otherwise (a live chain's
 * block time, at least a second). Another market, or another RPC, is another stream. Mount it
 * once, above the screens.
 */
export function useBlockStream({
  chain,
  pollIntervalMs,
  retryIntervalMs,
}: Pick<MarketEndpoint, 'chain' | 'pollIntervalMs' | 'retryIntervalMs'>) {
  const queryClient = useQueryClient()
  const { setHealth, headArrived, resetHeads } = useNodeHealthActions()

  useEffect(() => {
    let previous: NodeHealth['status'] = 'connecting'
    resetHeads()
    return startBlockStream({
      ...createHeadSource(chain),
      onHeader: (header) => {
        headArrived(header.number)
        queryClient.setQueryData(queryKeys.head(chain.id), header)
      },
      onHealth: (health) => {
        setHealth(health)
        // Reads that failed while the node was away are tried again as soon as it is back.
        if (previous === 'unreachable' && health.status === 'connected')
          void queryClient.invalidateQueries({
            queryKey: queryKeys.chain(chain.id),
            predicate: (query) => query.state.status === 'error',
          })
        previous = health.status
      },
      pollIntervalMs,
      livenessIntervalMs: 2_000,
      retryIntervalMs,
      resubscribeDelayMs: 3_000,
    })
  }, [chain, pollIntervalMs, retryIntervalMs, queryClient, setHealth, headArrived, resetHeads])
}

import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { Chain } from 'viem'
import { type NodeHealth, startBlockStream } from '../chain/blockStream'
import { createHeadSource } from '../chain/headSource'
import { queryKeys } from '../chain/queryKeys'
import { DEVNET_POLLING_INTERVAL_MS } from '../chain/wagmi'
import { useNodeHealthActions } from './nodeHealthStore'

/**
 * Streams the chain's head into the query cache for as long as the component using it is
 * mounted, and keeps the node's health in the store. Mount it once, above the screens.
 */
export function useBlockStream(chain: Chain) {
  const queryClient = useQueryClient()
  const { setHealth } = useNodeHealthActions()

  useEffect(() => {
    let previous: NodeHealth['status'] = 'connecting'
    return startBlockStream({
      ...createHeadSource(chain),
      onHeader: (header) => queryClient.setQueryData(queryKeys.head(chain.id), header),
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
      pollIntervalMs: DEVNET_POLLING_INTERVAL_MS,
      livenessIntervalMs: 2_000,
      retryIntervalMs: 1_000,
      resubscribeDelayMs: 3_000,
    })
  }, [chain, queryClient, setHealth])
}

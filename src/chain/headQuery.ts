import { queryOptions } from '@tanstack/react-query'
import type { Client } from 'viem'
import type { BlockHeader } from './blockStream'
import { queryKeys } from './queryKeys'
import { readHead } from './readHead'

/**
 * The chain's head. The block stream pushes every new head into this query (setQueryData), so it
 * never goes stale by time; the queryFn only serves the first read if the stream is not up yet.
 */
export function headQueryOptions(client: Client | undefined, chainId: number) {
  return queryOptions({
    queryKey: queryKeys.head(chainId),
    queryFn: (): Promise<BlockHeader> => {
      if (!client) throw new Error(`no client for chain ${chainId}`)
      return readHead(client)
    },
    enabled: Boolean(client),
    staleTime: Number.POSITIVE_INFINITY,
  })
}

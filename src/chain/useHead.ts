import { useQuery } from '@tanstack/react-query'
import { useClient } from 'wagmi'
import { headQueryOptions } from './headQuery'

/** The chain's latest block header, kept current by the block stream. */
export function useHead(chainId: number) {
  const client = useClient({ chainId })
  return useQuery(headQueryOptions(client, chainId))
}

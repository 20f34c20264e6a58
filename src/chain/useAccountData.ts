import { useQuery } from '@tanstack/react-query'
import type { Address } from 'viem'
import { useClient } from 'wagmi'
import { accountDataQueryOptions } from './accountDataQuery'
import { useHead } from './useHead'

/** An account's Aave totals and health factor at the latest block, re-read on every new block. */
export function useAccountData({ chainId, pool, user }: { chainId: number; pool: Address; user: Address | undefined }) {
  const client = useClient({ chainId })
  const head = useHead(chainId)
  return useQuery(accountDataQueryOptions({ client, chainId, pool, user, head: head.data }))
}

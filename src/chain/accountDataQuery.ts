import { queryOptions } from '@tanstack/react-query'
import type { Address, Client } from 'viem'
import type { BlockHeader } from './blockStream'
import { queryKeys } from './queryKeys'
import { type AccountData, readAccountData } from './readAccountData'

/** Account data together with the block it was read at, so the page shows a number and its block as one. */
export type AccountDataAtBlock = AccountData & { block: Pick<BlockHeader, 'number' | 'timestamp'> }

export type AccountDataQueryParameters = {
  client: Client | undefined
  chainId: number
  pool: Address
  user: Address | undefined
  head: BlockHeader | undefined
}

/**
 * One query per (account, block): a block's state never changes, so the data never goes stale;
 * a new head is a new key. Until the new block's read lands, the previous block's data stays on
 * screen, with its own block number.
 */
export function accountDataQueryOptions({ client, chainId, pool, user, head }: AccountDataQueryParameters) {
  return queryOptions({
    queryKey: queryKeys.accountData(chainId, {
      pool,
      user: user ?? '0x0000000000000000000000000000000000000000',
      blockHash: head?.hash ?? '0x',
    }),
    queryFn: async (): Promise<AccountDataAtBlock> => {
      if (!client || !user || !head) throw new Error('account data read without client, account or block')
      const data = await readAccountData(client, { pool, user, blockNumber: head.number })
      return { ...data, block: head }
    },
    enabled: Boolean(client && user && head),
    staleTime: Number.POSITIVE_INFINITY,
    // Superseded blocks are dropped soon: one entry per block would otherwise pile up for gcTime.
    gcTime: 10_000,
    // Keep the previous block's figures on screen while the new block's read is in flight, but
    // never another account's or another market's.
    placeholderData: (previous, previousQuery) => {
      const previousParams = previousQuery?.queryKey[3]
      return previousParams?.user === user && previousParams?.pool === pool ? previous : undefined
    },
  })
}

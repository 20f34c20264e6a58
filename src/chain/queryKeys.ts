import type { Address, Hash } from 'viem'

/**
 * Every TanStack Query key the app uses, from one factory, as `as const` tuples (wagmi's
 * query/*.ts). Chain data sits under ['chain', chainId] so it can be invalidated per chain.
 * Keys hold no bigint: TanStack's default key hash is JSON.stringify.
 */
export const queryKeys = {
  devnetManifest: () => ['devnetManifest'] as const,
  chain: (chainId: number) => ['chain', chainId] as const,
  head: (chainId: number) => ['chain', chainId, 'head'] as const,
  /** Every watched account's getUserAccountData in one call, per block (by hash). */
  watchlistHealth: (chainId: number, params: { pool: Address; users: readonly Address[]; blockHash: Hash }) =>
    ['chain', chainId, 'watchlistHealth', params] as const,
  /** The whole PortfolioSnapshot the risk engine evaluates, per block (by hash). */
  portfolioSnapshot: (chainId: number, params: { pool: Address; user: Address; blockHash: Hash }) =>
    ['chain', chainId, 'portfolioSnapshot', params] as const,
}

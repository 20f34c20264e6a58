import { QueryClient, type QueryClientConfig } from '@tanstack/react-query'

/**
 * The app's QueryClient. Chain data is refreshed by the block stream (a new head is a new query
 * key), not by timers or window focus; a read that fails is retried a couple of times quickly,
 * and whatever still failed is refetched when the node comes back (see useBlockStream).
 * Tests pass `{ defaultOptions: { queries: { retry: false } } }`.
 */
export function createQueryClient(config: QueryClientConfig = {}) {
  return new QueryClient({
    ...config,
    defaultOptions: {
      ...config.defaultOptions,
      queries: {
        refetchOnWindowFocus: false,
        retry: 2,
        retryDelay: (attempt) => Math.min(200 * 2 ** attempt, 2_000),
        gcTime: 60_000,
        ...config.defaultOptions?.queries,
      },
    },
  })
}

import { queryOptions } from '@tanstack/react-query'
import { fetchDevnetManifest } from './fetchDevnetManifest'
import { queryKeys } from './queryKeys'

/**
 * The devnet manifest, re-read now and then: a restarted devnet may have rewritten it. Structural
 * sharing keeps the same object while the content is unchanged, so nothing downstream rebuilds.
 */
export function devnetManifestQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.devnetManifest(),
    queryFn: () => fetchDevnetManifest(),
    retry: false,
    staleTime: 0,
    refetchOnWindowFocus: true,
    // Waiting for `npm start` to write it: look again soon. Once loaded: look for a newer one.
    refetchInterval: (query) => (query.state.data ? 5_000 : 1_000),
  })
}

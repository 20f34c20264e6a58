import { blockStalledSince, blockStallThresholdMs } from '../chain/blockStall'
import { useNow } from '../ui/useNow'
import { useMarketContext } from './marketContext'
import { useLastHeadAt } from './nodeHealthStore'

/**
 * Since when the shown chain has produced no new block although its node answers (epoch ms), or
 * undefined while blocks arrive as the chain's pace says they should. Recovers by itself with the
 * next block.
 */
export function useBlockStall(): number | undefined {
  const endpoint = useMarketContext()
  const lastHeadAt = useLastHeadAt()
  const now = useNow()
  return blockStalledSince(lastHeadAt, now, blockStallThresholdMs(endpoint, endpoint.devnet?.scenario))
}

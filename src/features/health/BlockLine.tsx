import type { BlockHeader } from '../../chain/blockStream'
import { formatBlockNumber, formatSeconds } from '../../ui/format'
import { useNow } from '../../ui/useNow'

/** The block the figures on screen were read at, and how old it is. */
export function BlockLine({ block }: { block: Pick<BlockHeader, 'number' | 'timestamp'> | undefined }) {
  const now = useNow()
  if (!block) return <p className="block-line muted">Waiting for the first block…</p>
  const ageSeconds = now / 1_000 - Number(block.timestamp)
  return (
    <p className="block-line">
      Block <span data-testid="block-number">{formatBlockNumber(block.number)}</span>{' '}
      <span className="muted">mined {formatSeconds(ageSeconds)} ago</span>
    </p>
  )
}

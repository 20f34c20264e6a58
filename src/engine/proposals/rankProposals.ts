import type { Proposal } from './proposal'

/** What the order depends on (drafts are ranked before their text is written). */
type Ranked = Pick<Proposal, 'reachesTarget' | 'sizeBase' | 'cost' | 'predicted'>

/**
 * Order of presentation: proposals that reach the target first, smallest action first (value
 * moved, then total cost); then those that do not, closest to the target first (highest
 * predicted HF, then smallest). Stable for equal keys.
 */
export function rankProposals<P extends Ranked>(proposals: readonly P[]): P[] {
  const cmp = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0)
  return [...proposals].sort((a, b) => {
    if (a.reachesTarget !== b.reachesTarget) return a.reachesTarget ? -1 : 1
    if (a.reachesTarget) return cmp(a.sizeBase, b.sizeBase) || cmp(a.cost.totalBase, b.cost.totalBase)
    return cmp(b.predicted.healthFactorWad, a.predicted.healthFactorWad) || cmp(a.sizeBase, b.sizeBase)
  })
}

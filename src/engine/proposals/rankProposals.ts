import type { Proposal } from './proposal'

/**
 * Order of presentation: proposals that reach the target first, smallest action first (value
 * moved, then total cost); then those that do not, closest to the target first (highest
 * predicted HF, then smallest). Stable for equal keys.
 */
export function rankProposals(proposals: readonly Proposal[]): Proposal[] {
  const cmp = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0)
  return [...proposals].sort((a, b) => {
    if (a.reachesTarget !== b.reachesTarget) return a.reachesTarget ? -1 : 1
    if (a.reachesTarget) return cmp(a.sizeBase, b.sizeBase) || cmp(a.cost.totalBase, b.cost.totalBase)
    return cmp(b.predicted.healthFactorWad, a.predicted.healthFactorWad) || cmp(a.sizeBase, b.sizeBase)
  })
}

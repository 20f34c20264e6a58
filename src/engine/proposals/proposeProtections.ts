import type { PortfolioSnapshot } from '../snapshot'
import { addCollateralDraft } from './addCollateralProposal'
import { applyActions } from './applyActions'
import { deleverageDraft } from './deleverageProposal'
import {
  describeProposal,
  type Proposal,
  type ProposalContext,
  type ProposalDraft,
  type ProposalSettings,
} from './proposal'
import { resolveProposalInputs } from './proposalInputs'
import { rankProposals } from './rankProposals'
import { repayDraft } from './repayProposal'
import { rotationDraft } from './rotationProposal'

/**
 * The engine's protective proposals for an account, ranked (rankProposals): repay each debt
 * from the wallet, supply each wallet asset that can be collateral, deleverage each collateral
 * into each debt through a Uniswap V3 pool, and rotate volatile collateral into stablecoin
 * collateral when HF under the crash (volatile prices × (1 − crashShock)) is below the crash
 * target. Repair proposals appear only when HF < target; each one's `predicted` is
 * computeAccountData on the snapshot replayed through its actions at `executionTimestamp`.
 * Empty for an account without debt or already at both targets.
 */
export function proposeProtections(
  snapshot: PortfolioSnapshot,
  settings: ProposalSettings,
  context: ProposalContext = {},
  /** Keep only the first `limit` after ranking (their text alone is written: formatting is costly). */
  limit = Number.POSITIVE_INFINITY,
): Proposal[] {
  const inputs = resolveProposalInputs(snapshot, settings, context)
  const account = inputs.account
  if (account.totalDebtBase === 0n) return []
  const out: ProposalDraft[] = []
  const push = (p: ProposalDraft | undefined) => {
    if (p) out.push(p)
  }
  const collaterals = account.positions.filter((p) => p.countsAsCollateral).map((p) => p.reserve)
  const debts = account.positions.filter((p) => p.borrowed > 0n).map((p) => p.reserve)

  if (inputs.before.healthFactorWad < settings.targetHealthFactorWad) {
    for (const debt of debts) push(repayDraft(inputs, debt))
    for (const reserve of inputs.base.reserves) push(addCollateralDraft(inputs, reserve))
    for (const collateral of collaterals) for (const debt of debts) push(deleverageDraft(inputs, collateral, debt))
  }
  if (inputs.before.crashHealthFactorWad < inputs.crashTargetHealthFactorWad)
    for (const volatile of collaterals.filter((r) => inputs.isVolatile(r.asset)))
      for (const stable of inputs.base.reserves.filter((r) => !inputs.isVolatile(r.asset)))
        push(rotationDraft(inputs, volatile, stable))
  return rankProposals(out).slice(0, limit).map(describeProposal)
}

/**
 * The account after a proposal, as the engine predicts it (for liquidation prices, stress or P(liq)
 * after it): the snapshot replayed through the proposal's actions at its execution time.
 */
export function snapshotAfterProposal(snapshot: PortfolioSnapshot, proposal: Proposal): PortfolioSnapshot {
  return applyActions(snapshot, proposal.actions, proposal.executionTimestamp)
}

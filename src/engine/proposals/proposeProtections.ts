import type { PortfolioSnapshot } from '../snapshot'
import { addCollateralProposal } from './addCollateralProposal'
import { applyActions } from './applyActions'
import { deleverageProposal } from './deleverageProposal'
import type { Proposal, ProposalContext, ProposalSettings } from './proposal'
import { resolveProposalInputs } from './proposalInputs'
import { rankProposals } from './rankProposals'
import { repayProposal } from './repayProposal'
import { rotationProposal } from './rotationProposal'

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
): Proposal[] {
  const inputs = resolveProposalInputs(snapshot, settings, context)
  const account = inputs.account
  if (account.totalDebtBase === 0n) return []
  const out: Proposal[] = []
  const push = (p: Proposal | undefined) => {
    if (p) out.push(p)
  }
  const collaterals = account.positions.filter((p) => p.countsAsCollateral).map((p) => p.reserve)
  const debts = account.positions.filter((p) => p.borrowed > 0n).map((p) => p.reserve)

  if (inputs.before.healthFactorWad < settings.targetHealthFactorWad) {
    for (const debt of debts) push(repayProposal(inputs, debt))
    for (const reserve of inputs.base.reserves) push(addCollateralProposal(inputs, reserve))
    for (const collateral of collaterals) for (const debt of debts) push(deleverageProposal(inputs, collateral, debt))
  }
  if (inputs.before.crashHealthFactorWad < inputs.crashTargetHealthFactorWad)
    for (const volatile of collaterals.filter((r) => inputs.isVolatile(r.asset)))
      for (const stable of inputs.base.reserves.filter((r) => !inputs.isVolatile(r.asset)))
        push(rotationProposal(inputs, volatile, stable))
  return rankProposals(out)
}

/**
 * The account after a proposal, as the engine predicts it (for liquidation prices, stress or P(liq)
 * after it): the snapshot replayed through the proposal's actions at its execution time.
 */
export function snapshotAfterProposal(snapshot: PortfolioSnapshot, proposal: Proposal): PortfolioSnapshot {
  return applyActions(snapshot, proposal.actions, proposal.executionTimestamp)
}

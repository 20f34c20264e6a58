import { normalizedDebt, stableDebtBalance } from '../positions'
import type { ReserveSnapshot } from '../snapshot'
import { MAX_UINT256, rayMul } from '../wadRayMath'
import { type AccountAction, applyActions } from './applyActions'
import { userReserveOf, walletBalanceOf } from './collateralRules'
import { describeProposal, type Proposal, type ProposalDraft, type ProposalStep, type ProposalText } from './proposal'
import { GAS_ESTIMATE, interestBase, proposalCost, valueBase } from './proposalCost'
import type { ProposalInputs } from './proposalInputs'
import { formatBase, formatHealthFactor, formatHealthMove, formatToken } from './proposalText'
import { solveAmount } from './solveAmount'

/**
 * Repay one debt from the wallet. The smallest amount x with HF(repay x) ≥ target, where
 * repaying x of asset j lowers debt by ⌊x · p_j / 10^d_j⌋ (exactly: the variable debt token burns
 * rayDiv(x, borrowIndex) scaled units); capped by the wallet and the debt. A repay that leaves
 * less than one unit of base currency (≈ $1) of debt clears it instead with amount =
 * type(uint256).max, because interest accrues between proposal and mining and a fixed amount
 * would leave dust; its approval covers the debt plus `repayMarginSeconds` of interest, capped
 * by the wallet, and is reset to 0 afterwards. Undefined when the wallet holds none of the asset.
 */
export function repayProposal(inputs: ProposalInputs, reserve: ReserveSnapshot): Proposal | undefined {
  const draft = repayDraft(inputs, reserve)
  return draft && describeProposal(draft)
}

/** repayProposal before its text (proposeProtections writes text only for the proposals it keeps). */
export function repayDraft(inputs: ProposalInputs, reserve: ReserveSnapshot): ProposalDraft | undefined {
  const { base, settings, user } = inputs
  const t = inputs.executionTimestamp
  const u = userReserveOf(base, reserve.asset)
  if (!u || !reserve.isActive || reserve.isPaused) return undefined
  const variableDebt = u.scaledVariableDebt === 0n ? 0n : rayMul(u.scaledVariableDebt, normalizedDebt(reserve, t))
  const mode: 1 | 2 = variableDebt > 0n ? 2 : 1
  const debt = mode === 2 ? variableDebt : stableDebtBalance(u, t)
  const wallet = walletBalanceOf(base, reserve.asset)
  if (debt === 0n || wallet === 0n) return undefined

  const after = (amount: bigint) =>
    applyActions(base, [{ type: 'repay', asset: reserve.asset, amount, interestRateMode: mode }], t)
  const hf = (amount: bigint) => inputs.healthFactor(after(amount))
  const cap = wallet < debt ? wallet : debt
  const solved = solveAmount({
    lo: 0n,
    hi: cap,
    value: hf,
    target: inputs.aim(settings.targetHealthFactorWad),
    direction: 'increasing',
  })
  let amount = solved ?? cap
  const dust = base.baseCurrency.unit
  const clears = wallet >= debt && valueBase(reserve, debt - amount) < dust
  if (clears) amount = debt

  const sym = reserve.symbol
  const steps: ProposalStep[] = []
  const rate = mode === 2 ? reserve.variableBorrowRate : u.stableBorrowRate
  let approval = amount
  if (clears) {
    const margin = interestBase(debt, rate, inputs.repayMarginSeconds) + 1n
    approval = debt + margin < wallet ? debt + margin : wallet
  }
  steps.push({
    type: 'approve',
    to: reserve.asset,
    token: reserve.asset,
    spender: base.market.pool,
    amount: approval,
    gasEstimate: GAS_ESTIMATE.approve,
  })
  steps.push({
    type: 'repay',
    to: base.market.pool,
    asset: reserve.asset,
    amount: clears ? MAX_UINT256 : amount,
    interestRateMode: mode,
    onBehalfOf: user,
    gasEstimate: GAS_ESTIMATE.repay,
  })
  if (clears)
    steps.push({
      type: 'approve',
      to: reserve.asset,
      token: reserve.asset,
      spender: base.market.pool,
      amount: 0n,
      gasEstimate: GAS_ESTIMATE.approve,
    })

  const actions: AccountAction[] = [
    { type: 'repay', asset: reserve.asset, amount: clears ? MAX_UINT256 : amount, interestRateMode: mode },
  ]
  const predicted = inputs.predict(applyActions(base, actions, t))
  const reachesTarget = predicted.healthFactorWad >= settings.targetHealthFactorWad
  const describe = (): ProposalText => {
    const notes: string[] = []
    if (clears)
      notes.push(
        `Clears the debt with amount = type(uint256).max: interest accrues until the transaction is mined, and a fixed amount would leave dust. The approval (${formatToken(approval, reserve.decimals, sym)}) covers the debt plus about ${Math.round(inputs.repayMarginSeconds / 3600)} h of interest and is reset to 0 afterwards.`,
      )
    const what = clears
      ? `Repay all of your ${sym} debt (${formatToken(amount, reserve.decimals, sym)} at execution)`
      : `Repay ${formatToken(amount, reserve.decimals, sym)} of your ${sym} debt`
    const summary = `${what} from your wallet: health factor ${formatHealthMove(inputs.before.healthFactorWad, predicted.healthFactorWad)}.`
    let reason: string | undefined
    if (!reachesTarget)
      reason =
        wallet < debt
          ? `Your wallet holds ${formatToken(wallet, reserve.decimals, sym)}: repaying all of it reaches HF ${formatHealthFactor(predicted.healthFactorWad)}, short of the target ${formatHealthFactor(settings.targetHealthFactorWad)}.`
          : `Repaying the whole ${sym} debt (${formatBase(valueBase(reserve, debt))}) reaches HF ${formatHealthFactor(predicted.healthFactorWad)}, short of the target ${formatHealthFactor(settings.targetHealthFactorWad)}: other debts remain.`
    return { summary, notes, ...(reason ? { reason } : {}) }
  }
  const repaidValue = valueBase(reserve, amount)
  return {
    id: `repay:${reserve.asset}`,
    kind: 'repay',
    chainId: base.chainId,
    account: user,
    blockNumber: base.blockNumber,
    executionTimestamp: t,
    reachesTarget,
    amounts: [{ role: 'repay', asset: reserve.asset, symbol: sym, decimals: reserve.decimals, amount }],
    rounds: [],
    steps,
    actions,
    before: inputs.before,
    predicted,
    sizeBase: repaidValue,
    cost: proposalCost(inputs, steps, { lostYieldBase: -interestBase(repaidValue, rate, inputs.yieldHorizonSeconds) }),
    describe,
  }
}

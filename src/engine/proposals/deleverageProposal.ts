import { normalizedDebt, stableDebtBalance } from '../positions'
import type { ReserveSnapshot } from '../snapshot'
import { rayMul } from '../wadRayMath'
import { minOf } from './bigintOrder'
import { reserveOf, userReserveOf } from './collateralRules'
import { describeProposal, type Proposal, type ProposalDraft, type ProposalText } from './proposal'
import { interestBase, proposalCost } from './proposalCost'
import type { ProposalInputs } from './proposalInputs'
import { formatHealthFactor, formatHealthMove, formatToken } from './proposalText'
import { findPool, planSwapRounds } from './swapRounds'

/**
 * Partial deleverage: withdraw collateral X, swap it on Uniswap V3 for the debt asset Y (exact
 * input, bounded minimum out), repay Y, in as many rounds as it takes. One round of w raises HF
 * when HF > LT_X / ρ, ρ being the value of the minimum out per value withdrawn: HF' =
 * (Σ c·LT − w·p_X·LT_X) / (Σ d − ρ·w·p_X). Every round keeps HF ≥ the intermediate floor after its
 * withdraw (see planSwapRounds). Undefined when there is no pool for the pair, no router, or Aave
 * would refuse the withdraw (paused reserve, zero-LTV collateral elsewhere: LTV_VALIDATION_FAILED).
 */
export function deleverageProposal(
  inputs: ProposalInputs,
  collateral: ReserveSnapshot,
  debtReserve: ReserveSnapshot,
): Proposal | undefined {
  const draft = deleverageDraft(inputs, collateral, debtReserve)
  return draft && describeProposal(draft)
}

/** deleverageProposal before its text (proposeProtections writes text only for the proposals it keeps). */
export function deleverageDraft(
  inputs: ProposalInputs,
  collateral: ReserveSnapshot,
  debtReserve: ReserveSnapshot,
): ProposalDraft | undefined {
  const { base, settings } = inputs
  const t = inputs.executionTimestamp
  if (!inputs.swapRouter || collateral.asset.toLowerCase() === debtReserve.asset.toLowerCase()) return undefined
  if (!collateral.isActive || collateral.isPaused || !debtReserve.isActive || debtReserve.isPaused) return undefined
  const found = findPool(base, collateral.asset, debtReserve.asset)
  if (!found) return undefined
  const account = inputs.account
  if (!account.positions.some((p) => p.countsAsCollateral && p.reserve.asset === collateral.asset)) return undefined
  if (account.hasZeroLtvCollateral && collateral.ltv !== 0n) return undefined
  const u = userReserveOf(base, debtReserve.asset)
  if (!u) return undefined
  const mode: 1 | 2 = u.scaledVariableDebt > 0n ? 2 : 1
  const debtOf = (s: typeof base) => {
    const r = reserveOf(s, debtReserve.asset) as ReserveSnapshot
    const v = userReserveOf(s, debtReserve.asset)
    if (!v) return 0n
    return mode === 2 ? rayMul(v.scaledVariableDebt, normalizedDebt(r, t)) : stableDebtBalance(v, t)
  }
  if (debtOf(base) === 0n) return undefined

  const target = settings.targetHealthFactorWad
  const plan = planSwapRounds(inputs, {
    collateral,
    out: debtReserve,
    poolKey: found.key,
    finish: { type: 'repay', interestRateMode: mode },
    goal: inputs.healthFactor,
    goalTarget: inputs.aim(target),
    outCap: debtOf,
  })
  if (plan.rounds.length === 0 && !plan.stop) return undefined
  const predicted = inputs.predict(plan.final)
  const reachesTarget = predicted.healthFactorWad >= target
  const withdrawn = plan.rounds.reduce((sum, r) => sum + r.withdrawAmount, 0n)
  const repaid = plan.rounds.reduce((sum, r) => sum + r.minimumOut, 0n)
  const X = collateral.symbol
  const Y = debtReserve.symbol
  const n = plan.rounds.length
  const describe = (): ProposalText => {
    const summary =
      n === 0
        ? `Deleverage ${X} → ${Y}: not possible now. ${plan.stop ?? ''}`.trim()
        : `Withdraw ${formatToken(withdrawn, collateral.decimals, X)}, swap it on Uniswap for at least ${formatToken(repaid, debtReserve.decimals, Y)} and repay ${Y} debt${n > 1 ? `, in ${n} rounds` : ''}: health factor ${formatHealthMove(inputs.before.healthFactorWad, predicted.healthFactorWad)}.`
    const notes = [
      `Each swap's minimum out is the quote less ${Number(settings.maxSlippageBps) / 100} % slippage; the repay uses exactly that minimum, so any better fill stays in your wallet as ${Y}.`,
    ]
    if (n > 1)
      notes.push(
        `Send the calls in order: each round's withdraw keeps HF ≥ ${formatHealthFactor(settings.minIntermediateHealthFactorWad)} until its repay lands (lowest: ${formatHealthFactor(plan.rounds.map((r) => r.healthFactorAfterWithdrawWad).reduce(minOf))}).`,
      )
    const reason = reachesTarget
      ? undefined
      : `${plan.stop ?? 'The rounds stop short.'} It reaches HF ${formatHealthFactor(predicted.healthFactorWad)}, short of the target ${formatHealthFactor(target)}.`
    return { summary, notes, ...(reason ? { reason } : {}) }
  }
  const lostYieldBase =
    interestBase(plan.withdrawnValueBase, collateral.liquidityRate, inputs.yieldHorizonSeconds) -
    interestBase(
      plan.finishedValueBase,
      mode === 2 ? debtReserve.variableBorrowRate : u.stableBorrowRate,
      inputs.yieldHorizonSeconds,
    )
  return {
    id: `deleverage:${collateral.asset}:${debtReserve.asset}`,
    kind: 'deleverage',
    chainId: base.chainId,
    account: inputs.user,
    blockNumber: base.blockNumber,
    executionTimestamp: t,
    reachesTarget,
    amounts: [
      { role: 'withdraw', asset: collateral.asset, symbol: X, decimals: collateral.decimals, amount: withdrawn },
      { role: 'repay', asset: debtReserve.asset, symbol: Y, decimals: debtReserve.decimals, amount: repaid },
    ],
    rounds: plan.rounds,
    steps: plan.steps,
    actions: plan.actions,
    before: inputs.before,
    predicted,
    sizeBase: plan.withdrawnValueBase,
    cost: proposalCost(inputs, plan.steps, {
      swapFeeBase: plan.swapFeeBase,
      priceImpactBase: plan.priceImpactBase,
      lostYieldBase,
    }),
    describe,
  }
}

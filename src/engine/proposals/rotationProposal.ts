import type { ReserveSnapshot } from '../snapshot'
import {
  canUseAsCollateral,
  supplyBlocker,
  supplyEnablesCollateral,
  supplyHeadroom,
  userReserveOf,
} from './collateralRules'
import { describeProposal, type Proposal, type ProposalDraft, type ProposalText } from './proposal'
import { interestBase, proposalCost } from './proposalCost'
import type { ProposalInputs } from './proposalInputs'
import { formatHealthFactor, formatHealthMove, formatToken } from './proposalText'
import { findPool, planSwapRounds } from './swapRounds'

/** A hedge that needs more rounds than this is left to the deleverage (which raises HF faster). */
export const ROTATION_MAX_ROUNDS = 4

/**
 * Collateral rotation, a hedge: withdraw part of a volatile collateral V, swap it for a stablecoin
 * S and supply S as collateral. With volatile prices cut by the crash shock s, each dollar moved
 * changes the crash HF's numerator by ρ·LT_S − (1 − s)·LT_V (ρ: minimum out per dollar in), so
 * the rotation raises HF under the crash while today's HF moves by only ρ·LT_S − LT_V. Aims for
 * the crash target (default HF 1.1 after a 30 % fall), smallest amount first, in rounds that keep
 * today's HF ≥ the intermediate floor. Undefined when S cannot be supplied as collateral (frozen,
 * capped, isolation), there is no pool or router, or V is not volatile collateral.
 */
export function rotationProposal(
  inputs: ProposalInputs,
  volatile: ReserveSnapshot,
  stable: ReserveSnapshot,
): Proposal | undefined {
  const draft = rotationDraft(inputs, volatile, stable)
  return draft && describeProposal(draft)
}

/** rotationProposal before its text (proposeProtections writes text only for the proposals it keeps). */
export function rotationDraft(
  inputs: ProposalInputs,
  volatile: ReserveSnapshot,
  stable: ReserveSnapshot,
): ProposalDraft | undefined {
  const { base, settings } = inputs
  const t = inputs.executionTimestamp
  if (!inputs.swapRouter || !inputs.isVolatile(volatile.asset) || inputs.isVolatile(stable.asset)) return undefined
  if (!volatile.isActive || volatile.isPaused || supplyBlocker(stable)) return undefined
  const found = findPool(base, volatile.asset, stable.asset)
  if (!found) return undefined
  const account = inputs.account
  if (!account.positions.some((p) => p.countsAsCollateral && p.reserve.asset === volatile.asset)) return undefined
  if (account.hasZeroLtvCollateral && volatile.ltv !== 0n) return undefined
  const u = userReserveOf(base, stable.asset)
  const hasBalance = (u?.scaledATokenBalance ?? 0n) > 0n
  const flagged = hasBalance && (u?.usageAsCollateralEnabledOnUser ?? false)
  let enableCollateral = false
  if (!flagged) {
    if (hasBalance || !supplyEnablesCollateral(base, stable)) {
      if (!canUseAsCollateral(base, stable)) return undefined
      enableCollateral = true
    }
  }

  const crashTarget = inputs.crashTargetHealthFactorWad
  const plan = planSwapRounds(inputs, {
    collateral: volatile,
    out: stable,
    poolKey: found.key,
    finish: { type: 'supply', enableCollateral },
    goal: inputs.crashHealthFactor,
    goalTarget: inputs.aim(crashTarget),
    outCap: (s) => supplyHeadroom(s.reserves.find((r) => r.asset === stable.asset) ?? stable, t),
    maxRounds: ROTATION_MAX_ROUNDS,
  })
  if (plan.rounds.length === 0) return undefined
  const predicted = inputs.predict(plan.final)
  const target = settings.targetHealthFactorWad
  const reachesTarget = predicted.healthFactorWad >= target
  const hedged = predicted.crashHealthFactorWad >= crashTarget
  const withdrawn = plan.rounds.reduce((sum, r) => sum + r.withdrawAmount, 0n)
  const supplied = plan.rounds.reduce((sum, r) => sum + r.minimumOut, 0n)
  const V = volatile.symbol
  const S = stable.symbol
  const describe = (): ProposalText => {
    const shock = `${Number(inputs.crashShockBps) / 100} %`
    const summary = `Swap ${formatToken(withdrawn, volatile.decimals, V)} of your collateral into at least ${formatToken(supplied, stable.decimals, S)} of ${S} collateral: HF after a ${shock} crash ${formatHealthMove(inputs.before.crashHealthFactorWad, predicted.crashHealthFactorWad)} (today ${formatHealthMove(inputs.before.healthFactorWad, predicted.healthFactorWad)}).`
    const reasons: string[] = []
    if (!reachesTarget)
      reasons.push(
        `A hedge, not a repair: today's HF ends at ${formatHealthFactor(predicted.healthFactorWad)}, below the target ${formatHealthFactor(target)}.`,
      )
    if (!hedged)
      reasons.push(
        `${plan.stop ?? ''} After a ${shock} crash HF reaches ${formatHealthFactor(predicted.crashHealthFactorWad)}, short of ${formatHealthFactor(crashTarget)}.`.trim(),
      )
    const notes = [
      `You give up ${V}'s upside on the amount rotated; the minimum out of each swap is what gets supplied, any better fill stays in your wallet.`,
      ...(enableCollateral ? [`Turns ${S} on as collateral (setUserUseReserveAsCollateral).`] : []),
      ...(account.positions.some((p) => p.borrowed > 0n && p.reserve.asset === stable.asset)
        ? [
            `You also borrow ${S}: repaying it with the same swap (the deleverage proposal) raises HF more; a rotation keeps the loan and its borrowing power.`,
          ]
        : []),
    ]
    return { summary, notes, ...(reasons.length ? { reason: reasons.join(' ') } : {}) }
  }
  const lostYieldBase =
    interestBase(plan.withdrawnValueBase, volatile.liquidityRate, inputs.yieldHorizonSeconds) -
    interestBase(plan.finishedValueBase, stable.liquidityRate, inputs.yieldHorizonSeconds)
  return {
    id: `rotation:${volatile.asset}:${stable.asset}`,
    kind: 'rotation',
    chainId: base.chainId,
    account: inputs.user,
    blockNumber: base.blockNumber,
    executionTimestamp: t,
    reachesTarget,
    amounts: [
      { role: 'withdraw', asset: volatile.asset, symbol: V, decimals: volatile.decimals, amount: withdrawn },
      { role: 'supply', asset: stable.asset, symbol: S, decimals: stable.decimals, amount: supplied },
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

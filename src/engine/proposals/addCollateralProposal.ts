import type { ReserveSnapshot } from '../snapshot'
import { type AccountAction, applyActions } from './applyActions'
import { minOf } from './bigintOrder'
import {
  canUseAsCollateral,
  isolatedCollateral,
  supplyBlocker,
  supplyEnablesCollateral,
  supplyHeadroom,
  userReserveOf,
  walletBalanceOf,
} from './collateralRules'
import { describeProposal, type Proposal, type ProposalDraft, type ProposalStep, type ProposalText } from './proposal'
import { GAS_ESTIMATE, interestBase, proposalCost, valueBase } from './proposalCost'
import type { ProposalInputs } from './proposalInputs'
import { formatHealthFactor, formatHealthMove, formatToken } from './proposalText'
import { solveAmount } from './solveAmount'

/**
 * Supply one asset from the wallet as collateral. The smallest x with HF(supply x) ≥ target,
 * where x adds ⌊x · p / 10^d⌋ · LT to the weighted collateral (LT of the user's e-mode category
 * where the asset is in it); capped by the wallet and the supply cap. It must become collateral:
 * a first supply turns the collateral bit on unless the asset is isolated or the user is in
 * isolation mode (validateAutomaticUseAsCollateral); a balance whose bit is off needs
 * setUserUseReserveAsCollateral(true), which isolation mode also forbids. Undefined when the
 * asset cannot help (frozen, paused, LT 0, isolation, nothing in the wallet, cap reached).
 */
export function addCollateralProposal(inputs: ProposalInputs, reserve: ReserveSnapshot): Proposal | undefined {
  const draft = addCollateralDraft(inputs, reserve)
  return draft && describeProposal(draft)
}

/** addCollateralProposal before its text (proposeProtections writes text only for the proposals it keeps). */
export function addCollateralDraft(inputs: ProposalInputs, reserve: ReserveSnapshot): ProposalDraft | undefined {
  const { base, settings, user } = inputs
  const t = inputs.executionTimestamp
  const wallet = walletBalanceOf(base, reserve.asset)
  if (wallet === 0n || supplyBlocker(reserve)) return undefined
  const u = userReserveOf(base, reserve.asset)
  const hasBalance = (u?.scaledATokenBalance ?? 0n) > 0n
  const flagged = hasBalance && (u?.usageAsCollateralEnabledOnUser ?? false)
  let enableAfter = false
  if (!flagged) {
    if (!hasBalance && supplyEnablesCollateral(base, reserve)) enableAfter = false
    else if (canUseAsCollateral(base, reserve)) enableAfter = true
    else return undefined
  }
  const headroom = supplyHeadroom(reserve, t)
  const cap = minOf(wallet, headroom)
  if (cap === 0n) return undefined

  const actionsFor = (amount: bigint): AccountAction[] => [
    { type: 'supply', asset: reserve.asset, amount },
    ...(enableAfter ? [{ type: 'setCollateral' as const, asset: reserve.asset, enabled: true }] : []),
  ]
  const hf = (amount: bigint) => inputs.healthFactor(applyActions(base, actionsFor(amount), t))
  const target = settings.targetHealthFactorWad
  // x = 0 is no supply at all; the search starts at 1 unit (rayDiv(amount, index) must be ≠ 0 anyway).
  const amount = solveAmount({ lo: 1n, hi: cap, value: hf, target: inputs.aim(target), direction: 'increasing' }) ?? cap
  const actions = actionsFor(amount)
  const predicted = inputs.predict(applyActions(base, actions, t))
  const reachesTarget = predicted.healthFactorWad >= target

  const sym = reserve.symbol
  const steps: ProposalStep[] = [
    {
      type: 'approve',
      to: reserve.asset,
      token: reserve.asset,
      spender: base.market.pool,
      amount,
      gasEstimate: GAS_ESTIMATE.approve,
    },
    {
      type: 'supply',
      to: base.market.pool,
      asset: reserve.asset,
      amount,
      onBehalfOf: user,
      gasEstimate: GAS_ESTIMATE.supply,
    },
  ]
  if (enableAfter)
    steps.push({
      type: 'setCollateral',
      to: base.market.pool,
      asset: reserve.asset,
      enabled: true,
      gasEstimate: GAS_ESTIMATE.setCollateral,
    })
  const describe = (): ProposalText => {
    const notes: string[] = []
    if (enableAfter)
      notes.push(`Turns ${sym} on as collateral (setUserUseReserveAsCollateral): a supply alone would not.`)
    if (isolatedCollateral(base)?.asset.toLowerCase() === reserve.asset.toLowerCase())
      notes.push(`${sym} is your isolated collateral: debt stays limited to its ceiling.`)
    let reason: string | undefined
    if (!reachesTarget)
      reason =
        amount === wallet
          ? `Your wallet holds ${formatToken(wallet, reserve.decimals, sym)}: supplying all of it reaches HF ${formatHealthFactor(predicted.healthFactorWad)}, short of the target ${formatHealthFactor(target)}.`
          : `The ${sym} supply cap leaves room for ${formatToken(cap, reserve.decimals, sym)}: that reaches HF ${formatHealthFactor(predicted.healthFactorWad)}, short of the target ${formatHealthFactor(target)}.`
    const summary = `Supply ${formatToken(amount, reserve.decimals, sym)} from your wallet as collateral: health factor ${formatHealthMove(inputs.before.healthFactorWad, predicted.healthFactorWad)}.`
    return { summary, notes, ...(reason ? { reason } : {}) }
  }
  const suppliedValue = valueBase(reserve, amount)
  return {
    id: `addCollateral:${reserve.asset}`,
    kind: 'addCollateral',
    chainId: base.chainId,
    account: user,
    blockNumber: base.blockNumber,
    executionTimestamp: t,
    reachesTarget,
    amounts: [{ role: 'supply', asset: reserve.asset, symbol: sym, decimals: reserve.decimals, amount }],
    rounds: [],
    steps,
    actions,
    before: inputs.before,
    predicted,
    sizeBase: suppliedValue,
    cost: proposalCost(inputs, steps, {
      lostYieldBase: -interestBase(suppliedValue, reserve.liquidityRate, inputs.yieldHorizonSeconds),
    }),
    describe,
  }
}

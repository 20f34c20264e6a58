import { normalizedIncome } from '../positions'
import type { Hex, PortfolioSnapshot, ReserveSnapshot, UniswapPoolSnapshot } from '../snapshot'
import { poolAfterSwap, quoteExactInput, type SwapQuote, swapDirection } from '../uniswap/quoteExactInput'
import { PERCENTAGE_FACTOR, rayMul } from '../wadRayMath'
import { type AccountAction, applyActions } from './applyActions'
import { userReserveOf } from './collateralRules'
import type { ProposalStep, SwapRound } from './proposal'
import { GAS_ESTIMATE, valueBase } from './proposalCost'
import type { ProposalInputs } from './proposalInputs'
import { formatHealthFactor } from './proposalText'
import { solveAmount } from './solveAmount'

/** A round's swap may move the pool's price by at most this (basis points of output). */
export const MAX_PRICE_IMPACT_BPS = 300n

/**
 * Withdraws are planned against floor × (1 + 10⁻⁴), not the floor itself: the batch's calls land
 * in later blocks than predicted and debt interest lowers HF meanwhile (at 14 % APR, 10⁻⁴ of HF
 * is ~6 h of accrual). Found on the devnet: rounds planned at exactly 1.01 dipped to
 * 1.00999999973 when mined 12 s apart.
 */
export const FLOOR_CUSHION_DIVISOR = 10_000n

export type SwapRoundsPlan = {
  rounds: SwapRound[]
  actions: AccountAction[]
  steps: ProposalStep[]
  final: PortfolioSnapshot
  reached: boolean
  /** Why the rounds stopped before the goal. */
  stop?: string
  withdrawnValueBase: bigint
  finishedValueBase: bigint
  swapFeeBase: bigint
  priceImpactBase: bigint
}

export type SwapRoundsSpec = {
  collateral: ReserveSnapshot
  out: ReserveSnapshot
  poolKey: Hex
  /** repay: the output repays debt in `out` (variable or stable); supply: it is supplied as collateral. */
  finish: { type: 'repay'; interestRateMode: 1 | 2 } | { type: 'supply'; enableCollateral: boolean }
  /** The outcome the rounds aim for (HF, or HF under the crash) and its target. */
  goal: (s: PortfolioSnapshot) => bigint
  goalTarget: bigint
  /** The most the finish step can take in state s: the remaining debt, or the supply cap's room. */
  outCap: (s: PortfolioSnapshot) => bigint
  /** At most this many rounds (default: the context's maxRounds). */
  maxRounds?: number
}

/** The pool in `snapshot.pools` that trades a for b, with its key. */
export function findPool(
  snapshot: PortfolioSnapshot,
  a: Hex,
  b: Hex,
): { key: Hex; pool: UniswapPoolSnapshot } | undefined {
  for (const [key, pool] of Object.entries(snapshot.pools))
    if (swapDirection(pool, a, b) !== undefined) return { key: key as Hex, pool }
  return undefined
}

type RoundTry = { quote: SwapQuote; minimumOut: bigint; actions: AccountAction[]; after: PortfolioSnapshot }

/**
 * Withdraw → swap (exact input, minimum out = quote · (1 − slippage)) → repay or supply, repeated
 * until the goal is met. Each round's withdraw is the largest that keeps HF ≥ the intermediate
 * floor (plus a 10⁻⁴ cushion for interest while the batch is mined) before its repay/supply lands (HF after withdraw is decreasing in w: solved exactly), so
 * the calls can be sent as one batch in order; the last round is the smallest that meets the
 * goal. Each swap is quoted on the pool as the previous rounds left it. The finish step uses
 * the minimum out, so the mined account does not depend on where in the slippage band the swap
 * lands; any surplus stays in the wallet.
 */
export function planSwapRounds(inputs: ProposalInputs, spec: SwapRoundsSpec): SwapRoundsPlan {
  const { settings, user } = inputs
  const t = inputs.executionTimestamp
  const floor = settings.minIntermediateHealthFactorWad
  const planFloor = floor + floor / FLOOR_CUSHION_DIVISOR
  const slip = settings.maxSlippageBps
  const X = spec.collateral
  const Y = spec.out
  const router = inputs.swapRouter as Hex
  const plan: SwapRoundsPlan = {
    rounds: [],
    actions: [],
    steps: [],
    final: inputs.base,
    reached: false,
    withdrawnValueBase: 0n,
    finishedValueBase: 0n,
    swapFeeBase: 0n,
    priceImpactBase: 0n,
  }
  // Balances only grow with time: withdraw at most what the snapshot's block shows, so a call mined
  // before the assumed execution time cannot ask for more than the balance.
  const u0 = userReserveOf(inputs.original, X.asset)
  let available = u0 ? rayMul(u0.scaledATokenBalance, normalizedIncome(X, inputs.original.blockTimestamp)) : 0n
  let s = inputs.base

  const maxRounds = Math.min(spec.maxRounds ?? inputs.maxRounds, inputs.maxRounds)
  for (let k = 1; k <= maxRounds; k++) {
    if (spec.goal(s) >= spec.goalTarget) {
      plan.reached = true
      break
    }
    if (inputs.healthFactor(s) < planFloor) {
      plan.stop =
        k === 1
          ? `HF is below the ${formatHealthFactor(floor)} floor: any withdraw would take it lower before the repay lands (a flash-loan deleverage would be needed).`
          : `HF fell below the ${formatHealthFactor(floor)} floor.`
      break
    }
    const pool = s.pools[spec.poolKey] as UniswapPoolSnapshot
    const state = s
    const cap = spec.outCap(s)
    // The searches below ask for the same amounts more than once (impact, minimum out, a solve's
    // ends, the round kept, its HF after the withdraw): pure in w within the round, so remembered.
    // Methods of one object, not `const f = () =>` closures: a named closure costs ~300 ns where a
    // transpiler keeps names (tsx), and this runs for every round of every proposal. They never use
    // `this`, so they are passed to solveAmount as they are.
    const quotes = new Map<bigint, SwapQuote>()
    const tries = new Map<bigint, RoundTry>()
    const afterWithdraw = new Map<bigint, bigint>()
    const r = {
      quote(w: bigint): SwapQuote {
        let q = quotes.get(w)
        if (q === undefined) {
          q = quoteExactInput(pool, X.asset, Y.asset, w)
          quotes.set(w, q)
        }
        return q
      },
      attempt(w: bigint): RoundTry {
        const known = tries.get(w)
        if (known !== undefined) return known
        const quote = r.quote(w)
        const minimumOut = (quote.amountOut * (PERCENTAGE_FACTOR - slip)) / PERCENTAGE_FACTOR
        const finish: AccountAction[] =
          spec.finish.type === 'repay'
            ? [{ type: 'repay', asset: Y.asset, amount: minimumOut, interestRateMode: spec.finish.interestRateMode }]
            : [
                { type: 'supply', asset: Y.asset, amount: minimumOut },
                ...(spec.finish.enableCollateral && k === 1
                  ? [{ type: 'setCollateral' as const, asset: Y.asset, enabled: true }]
                  : []),
              ]
        const actions: AccountAction[] = [
          { type: 'withdraw', asset: X.asset, amount: w },
          {
            type: 'swap',
            poolKey: spec.poolKey,
            pool: poolAfterSwap(pool, quote),
            tokenIn: X.asset,
            tokenOut: Y.asset,
            amountIn: quote.amountIn,
            amountOut: quote.amountOut,
          },
          ...finish,
        ]
        const tried = { quote, minimumOut, actions, after: applyActions(state, actions, t) }
        tries.set(w, tried)
        return tried
      },
      hfAfterWithdraw(w: bigint): bigint {
        let hf = afterWithdraw.get(w)
        if (hf === undefined) {
          hf = inputs.healthFactor(applyActions(state, [{ type: 'withdraw', asset: X.asset, amount: w }], t))
          afterWithdraw.set(w, hf)
        }
        return hf
      },
      impactOk(w: bigint): boolean {
        const q = r.quote(w)
        return (
          !q.exhausted &&
          (q.amountOutAtSpot - q.amountOut) * PERCENTAGE_FACTOR <= MAX_PRICE_IMPACT_BPS * q.amountOutAtSpot
        )
      },
      impactOkValue(w: bigint): bigint {
        return r.impactOk(w) ? 1n : 0n
      },
      minOut(w: bigint): bigint {
        return (r.quote(w).amountOut * (PERCENTAGE_FACTOR - slip)) / PERCENTAGE_FACTOR
      },
      capLeft(w: bigint): bigint {
        return cap - r.minOut(w)
      },
      goalOf(w: bigint): bigint {
        return spec.goal(r.attempt(w).after)
      },
    }

    let wMax =
      solveAmount({ lo: 0n, hi: available, value: r.hfAfterWithdraw, target: planFloor, direction: 'decreasing' }) ?? 0n
    let limit: 'floor' | 'balance' | 'impact' | 'cap' = wMax === available ? 'balance' : 'floor'
    if (wMax > 0n && !r.impactOk(wMax)) {
      wMax = solveAmount({ lo: 0n, hi: wMax, value: r.impactOkValue, target: 1n, direction: 'decreasing' }) ?? 0n
      limit = 'impact'
    }
    if (wMax > 0n && r.minOut(wMax) > cap) {
      // repay: the smallest withdraw whose minimum out clears the debt; supply: the largest that fits the cap.
      const fit =
        spec.finish.type === 'repay'
          ? solveAmount({ lo: 0n, hi: wMax, value: r.minOut, target: cap, direction: 'increasing' })
          : solveAmount({ lo: 0n, hi: wMax, value: r.capLeft, target: 0n, direction: 'decreasing' })
      wMax = fit ?? 0n
      limit = 'cap'
    }
    if (wMax === 0n) {
      plan.stop = stopReason(limit, X, Y, spec.finish.type)
      break
    }
    const best = r.attempt(wMax)
    const reaches = spec.goal(best.after) >= spec.goalTarget
    const w = reaches
      ? (solveAmount({ lo: 0n, hi: wMax, value: r.goalOf, target: spec.goalTarget, direction: 'increasing' }) ?? wMax)
      : wMax
    const round = w === wMax ? best : r.attempt(w)
    if (!reaches && spec.goal(round.after) <= spec.goal(s)) {
      plan.stop = `A further round would not raise it (the swap's cost outweighs what the ${Y.symbol} ${spec.finish.type === 'repay' ? 'repay' : 'supply'} adds).`
      break
    }
    recordRound(plan, inputs, spec, k, w, round, r.hfAfterWithdraw(w), router, user)
    available -= w
    s = round.after
    if (reaches) {
      plan.reached = true
      break
    }
    if (limit !== 'floor') {
      plan.stop = stopReason(limit, X, Y, spec.finish.type)
      break
    }
    if (k === maxRounds) plan.stop = `Stopped after ${k} rounds (the most this proposal may batch).`
  }
  plan.final = s
  return plan
}

function stopReason(limit: string, X: ReserveSnapshot, Y: ReserveSnapshot, finish: 'repay' | 'supply'): string {
  if (limit === 'balance') return `All of your ${X.symbol} collateral is used.`
  if (limit === 'impact')
    return `The ${X.symbol}/${Y.symbol} pool is too thin: a larger swap would move its price by more than ${Number(MAX_PRICE_IMPACT_BPS) / 100} %.`
  if (limit === 'cap')
    return finish === 'repay' ? `Your ${Y.symbol} debt is fully repaid.` : `The ${Y.symbol} supply cap is reached.`
  return 'No withdraw keeps HF above the floor.'
}

function recordRound(
  plan: SwapRoundsPlan,
  inputs: ProposalInputs,
  spec: SwapRoundsSpec,
  k: number,
  w: bigint,
  round: RoundTry,
  hfAfterWithdraw: bigint,
  router: Hex,
  user: Hex,
) {
  const X = spec.collateral
  const Y = spec.out
  const pool = inputs.base.market.pool
  const { quote, minimumOut } = round
  const priceImpact = quote.amountOutAtSpot > quote.amountOut ? quote.amountOutAtSpot - quote.amountOut : 0n
  plan.rounds.push({
    round: k,
    withdrawAsset: X.asset,
    withdrawAmount: w,
    tokenOut: Y.asset,
    quotedOut: quote.amountOut,
    minimumOut,
    feeAmount: quote.feeAmount,
    priceImpact,
    initializedTicksCrossed: quote.initializedTicksCrossed,
    healthFactorAfterWithdrawWad: hfAfterWithdraw,
    healthFactorAfterRoundWad: inputs.healthFactor(round.after),
  })
  plan.actions.push(...round.actions)
  const swapPool = inputs.base.pools[spec.poolKey] as UniswapPoolSnapshot
  plan.steps.push(
    {
      type: 'withdraw',
      to: pool,
      asset: X.asset,
      amount: w,
      recipient: user,
      gasEstimate: GAS_ESTIMATE.withdraw,
      round: k,
    },
    {
      type: 'approve',
      to: X.asset,
      token: X.asset,
      spender: router,
      amount: w,
      gasEstimate: GAS_ESTIMATE.approve,
      round: k,
    },
    {
      type: 'swapExactInputSingle',
      to: router,
      tokenIn: X.asset,
      tokenOut: Y.asset,
      fee: swapPool.fee,
      recipient: user,
      deadline: inputs.deadline,
      amountIn: w,
      amountOutMinimum: minimumOut,
      gasEstimate: GAS_ESTIMATE.swap + GAS_ESTIMATE.swapPerInitializedTick * BigInt(quote.initializedTicksCrossed),
      round: k,
    },
    {
      type: 'approve',
      to: Y.asset,
      token: Y.asset,
      spender: pool,
      amount: minimumOut,
      gasEstimate: GAS_ESTIMATE.approve,
      round: k,
    },
  )
  if (spec.finish.type === 'repay')
    plan.steps.push({
      type: 'repay',
      to: pool,
      asset: Y.asset,
      amount: minimumOut,
      interestRateMode: spec.finish.interestRateMode,
      onBehalfOf: user,
      gasEstimate: GAS_ESTIMATE.repay,
      round: k,
    })
  else {
    plan.steps.push({
      type: 'supply',
      to: pool,
      asset: Y.asset,
      amount: minimumOut,
      onBehalfOf: user,
      gasEstimate: GAS_ESTIMATE.supply,
      round: k,
    })
    if (spec.finish.enableCollateral && k === 1)
      plan.steps.push({
        type: 'setCollateral',
        to: pool,
        asset: Y.asset,
        enabled: true,
        gasEstimate: GAS_ESTIMATE.setCollateral,
        round: k,
      })
  }
  plan.withdrawnValueBase += valueBase(X, w)
  plan.finishedValueBase += valueBase(Y, minimumOut)
  plan.swapFeeBase += valueBase(X, quote.feeAmount)
  plan.priceImpactBase += valueBase(Y, priceImpact)
}

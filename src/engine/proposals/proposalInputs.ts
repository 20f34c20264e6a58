import { type AccountData, accountDataOf, accountValueMemo, type PriceOverrides } from '../accountData'
import { isVolatile } from '../assetClass'
import { type PositionMemo, userPositions } from '../positions'
import type { Hex, PortfolioSnapshot } from '../snapshot'
import { MAX_UINT256, PERCENTAGE_FACTOR } from '../wadRayMath'
import { accrueTo } from './applyActions'
import {
  DEFAULT_CRASH_SHOCK_BPS,
  DEFAULT_CRASH_TARGET_HF_WAD,
  DEFAULT_EXECUTION_DELAY_SECONDS,
  type PredictedAccount,
  type ProposalContext,
  type ProposalSettings,
} from './proposal'

/**
 * Proposals aim 10⁻⁴ above a target (HF 1.50015 for 1.5): the calls are mined later than the
 * execution time assumed, and debt interest meanwhile would leave a proposal sized exactly at the
 * target a hair short (seen on the devnet: 1.4999999939 after a 35-block deleverage), which a
 * truncated display shows as 1.49.
 */
export const TARGET_CUSHION_DIVISOR = 10_000n

/** Everything a proposal builder needs, resolved once per snapshot. */
export type ProposalInputs = {
  settings: ProposalSettings
  /** The snapshot as read (its block's balances: withdraws never exceed them). */
  original: PortfolioSnapshot
  /** The snapshot with every reserve accrued to the execution time: "now" for the proposals. */
  base: PortfolioSnapshot
  /** computeAccountData(base) (shared, never mutate it). */
  account: AccountData
  executionTimestamp: number
  user: Hex
  swapRouter?: Hex
  nativePriceBase?: bigint
  liquidationLossBase?: bigint
  crashShockBps: bigint
  crashTargetHealthFactorWad: bigint
  /** The value a search aims for to meet `target` once mined: target · (1 + 10⁻⁴). */
  aim: (target: bigint) => bigint
  yieldHorizonSeconds: number
  deadline: bigint
  maxRounds: number
  repayMarginSeconds: number
  /** Oracle prices with every volatile asset cut by the crash shock. */
  crashPrices: PriceOverrides
  isVolatile: (asset: Hex) => boolean
  /** HF of an account (WAD) at current prices. */
  healthFactor: (snapshot: PortfolioSnapshot) => bigint
  /** HF of an account under the crash prices. */
  crashHealthFactor: (snapshot: PortfolioSnapshot) => bigint
  predict: (snapshot: PortfolioSnapshot) => PredictedAccount
  before: PredictedAccount
}

/** Fills the context's defaults (see ProposalContext) and accrues the snapshot to the execution time. */
export function resolveProposalInputs(
  snapshot: PortfolioSnapshot,
  settings: ProposalSettings,
  context: ProposalContext = {},
): ProposalInputs {
  const executionTimestamp = context.executionTimestamp ?? snapshot.blockTimestamp + DEFAULT_EXECUTION_DELAY_SECONDS
  const base = accrueTo(snapshot, executionTimestamp)
  const crashShockBps = context.crashShockBps ?? DEFAULT_CRASH_SHOCK_BPS
  const volatile = new Set(
    base.reserves.filter((r) => isVolatile(base, r, context.assetClass)).map((r) => r.asset.toLowerCase()),
  )
  const crashPrices = new Map<Hex, bigint>()
  for (const r of base.reserves)
    if (volatile.has(r.asset.toLowerCase()))
      crashPrices.set(r.asset, (r.priceBase * (PERCENTAGE_FACTOR - crashShockBps)) / PERCENTAGE_FACTOR)
  // The searches ask for the same account many times (a probe's HF, then its prediction, a round's
  // start and end) and change one or two positions at a time: account data is kept per snapshot
  // object, positions per user reserve and their values per position (snapshots are immutable),
  // for this call only.
  const memo: PositionMemo = new Map()
  const atPrices = { accounts: new Map<PortfolioSnapshot, AccountData>(), values: accountValueMemo() }
  const atCrash = { accounts: new Map<PortfolioSnapshot, AccountData>(), values: accountValueMemo() }
  const accountOf = (s: PortfolioSnapshot, cache: typeof atPrices, prices?: PriceOverrides) => {
    let a = cache.accounts.get(s)
    if (a === undefined) {
      a = accountDataOf(s, userPositions(s, memo), prices, cache.values)
      cache.accounts.set(s, a)
    }
    return a
  }
  const healthFactor = (s: PortfolioSnapshot) => accountOf(s, atPrices).healthFactor
  const crashHealthFactor = (s: PortfolioSnapshot) => accountOf(s, atCrash, crashPrices).healthFactor
  const predict = (s: PortfolioSnapshot): PredictedAccount => {
    const a = accountOf(s, atPrices)
    return {
      healthFactorWad: a.healthFactor,
      totalCollateralBase: a.totalCollateralBase,
      totalDebtBase: a.totalDebtBase,
      availableBorrowsBase: a.availableBorrowsBase,
      currentLiquidationThreshold: a.currentLiquidationThreshold,
      ltv: a.ltv,
      crashHealthFactorWad: a.totalDebtBase === 0n ? MAX_UINT256 : crashHealthFactor(s),
    }
  }
  const native = context.wrappedNativeAsset?.toLowerCase()
  const nativePriceBase =
    context.nativePriceBase ?? base.reserves.find((r) => r.asset.toLowerCase() === native)?.priceBase
  return {
    settings,
    original: snapshot,
    base,
    account: accountOf(base, atPrices),
    executionTimestamp,
    user: base.user.address,
    ...(context.swapRouter ? { swapRouter: context.swapRouter } : {}),
    ...(nativePriceBase !== undefined ? { nativePriceBase } : {}),
    ...(context.liquidationLossBase !== undefined ? { liquidationLossBase: context.liquidationLossBase } : {}),
    crashShockBps,
    crashTargetHealthFactorWad: context.crashTargetHealthFactorWad ?? DEFAULT_CRASH_TARGET_HF_WAD,
    aim: (target) => (target === MAX_UINT256 ? target : target + target / TARGET_CUSHION_DIVISOR),
    yieldHorizonSeconds: context.yieldHorizonSeconds ?? 30 * 24 * 3600,
    deadline: BigInt(executionTimestamp + (context.deadlineSeconds ?? 1800)),
    maxRounds: context.maxRounds ?? 20,
    repayMarginSeconds: context.repayMarginSeconds ?? 24 * 3600,
    crashPrices,
    isVolatile: (asset) => volatile.has(asset.toLowerCase()),
    healthFactor,
    crashHealthFactor,
    predict,
    before: predict(base),
  }
}

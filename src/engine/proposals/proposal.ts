import type { AssetClassOverrides } from '../assetClass'
import type { RiskSettings } from '../settings'
import type { Hex } from '../snapshot'
import type { AccountAction } from './applyActions'

/**
 * A protective proposal: what to do (exact bigint amounts and the calls, decoded), what the
 * account looks like after it (the engine's exact health factor at the mining time it assumes),
 * and what it costs. src/chain/tx encodes `steps` into `{to, data, value}` and simulates them.
 */

export type ProposalKind = 'repay' | 'addCollateral' | 'deleverage' | 'rotation'

/** One call of a proposal, decoded; `to` is the contract called, value is always 0. */
export type ProposalStep = { to: Hex; gasEstimate: bigint; round?: number } & (
  | { type: 'approve'; token: Hex; spender: Hex; amount: bigint }
  | { type: 'supply'; asset: Hex; amount: bigint; onBehalfOf: Hex }
  | { type: 'withdraw'; asset: Hex; amount: bigint; recipient: Hex }
  | { type: 'repay'; asset: Hex; amount: bigint; interestRateMode: 1 | 2; onBehalfOf: Hex }
  | { type: 'setCollateral'; asset: Hex; enabled: boolean }
  | {
      type: 'swapExactInputSingle'
      tokenIn: Hex
      tokenOut: Hex
      fee: number
      recipient: Hex
      deadline: bigint
      amountIn: bigint
      amountOutMinimum: bigint
    }
)

/** Pool.getUserAccountData after the proposal, plus the HF after the crash scenario. */
export type PredictedAccount = {
  healthFactorWad: bigint
  totalCollateralBase: bigint
  totalDebtBase: bigint
  availableBorrowsBase: bigint
  currentLiquidationThreshold: bigint
  ltv: bigint
  /** HF with every volatile asset's price cut by the crash shock (−30 % by default). */
  crashHealthFactorWad: bigint
}

/** Cost in the market's base currency (USD, 8 decimals), broken down. */
export type ProposalCost = {
  gasUnits: bigint
  /** gasUnits × gas price × the gas token's price; 0 when no price was given. */
  gasBase: bigint
  /** Uniswap LP fees paid, valued at the oracle price of the input token. */
  swapFeeBase: bigint
  /** Output lost to the swap moving the pool's price (vs the pool's price before it), at the oracle price. */
  priceImpactBase: bigint
  /**
   * Interest over the yield horizon: yield given up on withdrawn collateral minus yield earned on
   * new supply and borrow interest no longer paid. Negative when the proposal saves interest.
   */
  lostYieldBase: bigint
  totalBase: bigint
  /** What being liquidated would cost instead (from the liquidation-cost model), when given. */
  liquidationLossBase?: bigint
}

/** One withdraw → swap → repay/supply round of a deleverage or rotation. */
export type SwapRound = {
  round: number
  withdrawAsset: Hex
  withdrawAmount: bigint
  tokenOut: Hex
  quotedOut: bigint
  /** quotedOut × (1 − slippage): the swap reverts below it; this is what gets repaid/supplied. */
  minimumOut: bigint
  feeAmount: bigint
  /** In output-token units: output at the pool's pre-swap price minus the quote. */
  priceImpact: bigint
  initializedTicksCrossed: number
  /** HF once the withdraw has landed and before the repay/supply does (≥ the intermediate floor). */
  healthFactorAfterWithdrawWad: bigint
  healthFactorAfterRoundWad: bigint
}

export type ProposalAmount = {
  role: 'repay' | 'supply' | 'withdraw' | 'swapIn' | 'swapOutMinimum' | 'approve'
  asset: Hex
  symbol: string
  decimals: number
  amount: bigint
}

export type Proposal = {
  /** Stable within a snapshot: kind and assets (e.g. `repay:0x…`). */
  id: string
  kind: ProposalKind
  /** One sentence a person can act on. */
  summary: string
  chainId: number
  account: Hex
  /** The snapshot's block; the proposal's calls are for this chain only. */
  blockNumber: bigint
  /** When the engine assumes the calls are mined (seconds): interest is accrued to it. */
  executionTimestamp: number
  reachesTarget: boolean
  /** Why it stops short of the target (or what else limits it). */
  reason?: string
  notes: string[]
  amounts: ProposalAmount[]
  rounds: SwapRound[]
  steps: ProposalStep[]
  /** The account replayed by `snapshotAfterProposal` (same actions the steps perform). */
  actions: AccountAction[]
  before: PredictedAccount
  predicted: PredictedAccount
  /** Value moved (repaid, supplied or withdrawn) in base currency: the ranking's "size". */
  sizeBase: bigint
  cost: ProposalCost
}

/** Settings the proposals follow (a slice of RiskSettings). */
export type ProposalSettings = Pick<
  RiskSettings,
  'targetHealthFactorWad' | 'minIntermediateHealthFactorWad' | 'maxSlippageBps' | 'gasPriceWei'
>

/** Inputs besides the snapshot and settings; every field has a default. */
export type ProposalContext = {
  /** When the calls are expected to be mined (unix seconds); default: the snapshot's block + 12 s. */
  executionTimestamp?: number
  /** Uniswap V3 SwapRouter (v3-periphery) for deleverage and rotation; without it there are none. */
  swapRouter?: Hex
  /** Price of the gas token in base currency (8 decimals); default: the oracle price of `wrappedNativeAsset`. */
  nativePriceBase?: bigint
  wrappedNativeAsset?: Hex
  /** The user's loss if liquidated now (liquidationCost.ts), to compare each proposal with. */
  liquidationLossBase?: bigint
  assetClass?: AssetClassOverrides
  /** The crash scenario for hedges and `crashHealthFactorWad`: volatile prices fall by this (bps; 3000 = 30 %). */
  crashShockBps?: bigint
  /** What a rotation aims for under the crash (WAD; default 1.1). */
  crashTargetHealthFactorWad?: bigint
  /** Horizon over which lost yield is counted (seconds; default 30 days). */
  yieldHorizonSeconds?: number
  /** Swap deadline after the execution time (seconds; default 1800). */
  deadlineSeconds?: number
  /** Most withdraw → swap → repay rounds in one deleverage (default 20). */
  maxRounds?: number
  /** Interest margin for a full repay's approval (seconds of borrow interest; default 1 day). */
  repayMarginSeconds?: number
}

export const DEFAULT_EXECUTION_DELAY_SECONDS = 12
export const DEFAULT_CRASH_SHOCK_BPS = 3000n
export const DEFAULT_CRASH_TARGET_HF_WAD = 1_100_000_000_000_000_000n

/** A proposal's sentences, written only for proposals that are kept (formatting is costly). */
export type ProposalText = { summary: string; reason?: string; notes: string[] }

/** A proposal before its text: what ranking needs, and how to write the rest. */
export type ProposalDraft = Omit<Proposal, keyof ProposalText> & { describe: () => ProposalText }

/** The Proposal of a draft, its text written now (fields in Proposal's order). */
export function describeProposal(d: ProposalDraft): Proposal {
  const { summary, reason, notes } = d.describe()
  return {
    id: d.id,
    kind: d.kind,
    summary,
    chainId: d.chainId,
    account: d.account,
    blockNumber: d.blockNumber,
    executionTimestamp: d.executionTimestamp,
    reachesTarget: d.reachesTarget,
    ...(reason ? { reason } : {}),
    notes,
    amounts: d.amounts,
    rounds: d.rounds,
    steps: d.steps,
    actions: d.actions,
    before: d.before,
    predicted: d.predicted,
    sizeBase: d.sizeBase,
    cost: d.cost,
  }
}

import type { CorrelatedLiquidation } from './correlatedLiquidation'
import type { GreeksReport } from './greeks/bookGreeks'
import type { ReplayReport } from './historicalReplay'
import type { LiquidationCost } from './liquidationCost'
import type { NoLiquidationPriceReason } from './liquidationPrice'
import type { LiquidationProbabilityReport } from './liquidationProbability'
import type { OracleLagReport } from './oracleLag'
import type { Proposal } from './proposals/proposal'
import type { ScenarioMatrix } from './scenarioMatrix'
import type { RiskSettings } from './settings'
import type { AaveRevision, Hex } from './snapshot'
import type { StressReport } from './stress'
import type { VolatilityReport } from './volatility'

/**
 * RiskReport: everything the page, the command line and the benchmarks show about one account at
 * one block, as evaluate() returns it. Plain data that crosses the worker boundary by structured
 * clone: on-chain quantities are bigint (base currency = the market's, USD with 8 decimals on
 * Aave V3), statistics are number and say so, stress curves are Float64Arrays (transferred, not
 * copied). Each part comes from the one module that computes it; nothing is computed twice.
 */
export type RiskReport = {
  chainId: number
  block: { number: bigint; timestamp: number }
  account: Hex
  market: { pool: Hex; poolAddressesProvider: Hex; oracle: Hex }
  revision: AaveRevision
  /** The evaluation's own inputs besides the snapshot: time (unix seconds) and the random seed. */
  evaluatedAt: number
  seed: number
  /** Pool.getUserAccountData's six numbers, equal to the chain's to the wei. */
  accountData: AccountSummary
  /** no-debt · safe (HF ≥ warning) · warning (1 ≤ HF < warning) · liquidatable (HF < 1). */
  status: AccountStatus
  /** One row per reserve the user supplies or borrows, in reserve-id order. */
  assets: AssetRow[]
  /** Every volatile asset moving by one common factor: where HF reaches 1 (liquidationPrice.ts). */
  correlatedLiquidation: CorrelatedLiquidation
  /** HF over the shock grid per volatile asset and for all together (stress.ts). */
  stress: StressReport
  /** What a liquidator could take just below HF 1 and the user's loss (liquidationCost.ts). */
  liquidationCost: LiquidationCost
  /** Protective proposals, the smallest that reaches the target first (proposals/). */
  proposals: Proposal[]
  /** Per-asset volatility from the oracle rounds (EWMA, GARCH, downside) and correlations (volatility.ts). */
  volatility: VolatilityReport
  /** P(liquidation) over 1 h, 24 h, 7 d, time to the threshold, σ distances (liquidationProbability.ts). */
  liquidationProbability: LiquidationProbabilityReport
  /** Exposure per underlying across Aave, LP and external positions; HF sensitivities (greeks/bookGreeks.ts). */
  greeks: GreeksReport
  /** ±16 % × volatility down/same/up, plus −66 %…+100 %: P&L and exact HF per cell (scenarioMatrix.ts). */
  scenarios: ScenarioMatrix
  /** The current book against the last `replayDays` of oracle rounds; null without history (historicalReplay.ts). */
  replay: ReplayReport | null
  /** DEX vs oracle per asset and the HF the next due oracle update would give (oracleLag.ts). */
  oracleLag: OracleLagReport
  /** The settings that produced this report (resolved: defaults filled in). */
  settings: RiskSettings
  /** Parts of the report that could not be computed, and why (empty when the report is whole). */
  notes: string[]
}

export type AccountStatus = 'no-debt' | 'safe' | 'warning' | 'liquidatable'

export type AccountSummary = {
  totalCollateralBase: bigint
  totalDebtBase: bigint
  availableBorrowsBase: bigint
  /** Weighted average liquidation threshold and LTV, basis points (truncated as on chain). */
  currentLiquidationThreshold: bigint
  ltv: bigint
  /** WAD; MAX_UINT256 without debt. */
  healthFactorWad: bigint
}

export type AssetRow = {
  symbol: string
  address: Hex
  decimals: number
  /** The price the account math used (an e-mode price source may replace the oracle's in v3.0–v3.1). */
  priceBase: bigint
  /** Underlying units, accrued to the block. */
  supplied: bigint
  borrowed: bigint
  /** Value in base currency: collateral only where it counts (LT ≠ 0, collateral flag on). */
  collateralBase: bigint
  debtBase: bigint
  countsAsCollateral: boolean
  /** Basis points: the LT that applies to this user (e-mode's where it applies). */
  liquidationThreshold: bigint
  /** Its price moves in the correlated liquidation and the stress grid (assetClass.ts). */
  volatile: boolean
  liquidation: LiquidationPriceRow
  /** This asset's price at the correlated liquidation point, when it moves with the others. */
  correlatedLiquidationPriceBase: bigint | null
}

/**
 * The price of this asset at which HF = 1 with every other price held fixed (exact: one step past
 * it on the liquidating side HF < 1, one step back HF ≥ 1), or why there is none.
 */
export type LiquidationPriceRow =
  | {
      priceBase: bigint
      /** 'down' for a net collateral (liquidated when it falls), 'up' for a net debt. */
      direction: 'down' | 'up'
      /** (liquidation price − price) / price, as a float64 fraction: −0.25 = 25 % below. */
      distanceFraction: number
      /** The price resolution of the answer (one oracle unit, or more for holdings under one token). */
      step: bigint
    }
  | { priceBase: null; reason: NoLiquidationPriceReason }

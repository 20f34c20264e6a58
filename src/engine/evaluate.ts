import { accountDataOf, type PositionValue } from './accountData'
import type { AssetClassOverrides } from './assetClass'
import { bookGreeks, otherBookPnl } from './greeks/bookGreeks'
import type { ExternalPosition } from './greeks/externalPosition'
import { type HealthFactorTerms, healthFactorTerms } from './healthFactorTerms'
import { historicalReplay } from './historicalReplay'
import { liquidationCost } from './liquidationCost'
import { type AssetLiquidationPrice, liquidationPrices } from './liquidationPrice'
import { liquidationProbability } from './liquidationProbability'
import { type FeedRules, oracleLag } from './oracleLag'
import { userPositions } from './positions'
import { DEFAULT_EXECUTION_DELAY_SECONDS, type ProposalContext } from './proposals/proposal'
import { proposeProtections } from './proposals/proposeProtections'
import type { AccountStatus, AssetRow, LiquidationPriceRow, RiskReport } from './riskReport'
import { scenarioMatrix } from './scenarioMatrix'
import { type RiskSettings, resolveRiskSettings } from './settings'
import type { Hex, PortfolioSnapshot } from './snapshot'
import { stressTest } from './stress'
import { type VolatilityMemo, volatilityReport } from './volatility'
import { MAX_UINT256, WAD } from './wadRayMath'

/** The evaluation's inputs besides the snapshot and the settings. */
export type EvaluateOptions = {
  /** Unix seconds the evaluation is for (horizons and ages count from it): time is an input, never read. */
  now: number
  /** Seed for every random draw (Monte Carlo), so a report is reproducible. */
  seed: number
  /** Which assets are stablecoins and which volatile, where the market says (e.g. the devnet manifest). */
  assetClass?: AssetClassOverrides
  /**
   * Market facts proposals need that a snapshot does not hold: the Uniswap V3 SwapRouter (without
   * it there is no deleverage or rotation), the wrapped native token (prices gas), horizons.
   */
  proposals?: Omit<ProposalContext, 'executionTimestamp' | 'liquidationLossBase' | 'assetClass'>
  /** Each feed's deviation threshold and heartbeat, by asset (oracle-lag warning; Chainlink's 0.5 %/1 h otherwise). */
  feedRules?: Readonly<Record<Hex, FeedRules>>
  /** Options and perpetuals the user holds on other venues (their Greeks join the book's). */
  external?: readonly ExternalPosition[]
  /** Caches across evaluations (the worker keeps one): GARCH fits per feed history. Not part of the result. */
  memo?: { volatility?: VolatilityMemo }
}

/**
 * The engine's one entry: a PortfolioSnapshot in, a RiskReport out. The positions (balances
 * accrued to the block) are derived once; account data is GenericLogic.calculateUserAccountData
 * in bigint (equal to Pool.getUserAccountData at the snapshot's block); the per-position HF terms
 * built from them feed the liquidation prices (HF = 1 solved per price, then exactly), the
 * correlated move, the stress grids (RiskSettings.stressMaxShockBps / stressPoints) and the cost of
 * being liquidated; protective proposals aim at RiskSettings.targetHealthFactorWad, each compared
 * with that cost, the smallest that reaches the target first. Pure and deterministic: the same
 * snapshot, settings, `now` and `seed` give the same report.
 */
export function evaluate(
  snapshot: PortfolioSnapshot,
  settings: Partial<RiskSettings>,
  { now, seed, assetClass, proposals: market, feedRules, external, memo }: EvaluateOptions,
): RiskReport {
  const resolved = resolveRiskSettings(settings)
  const positions = userPositions(snapshot)
  const data = accountDataOf(snapshot, positions)
  const terms = healthFactorTerms(snapshot, positions, assetClass)
  const liquidation = liquidationPrices(snapshot, { terms })
  const stress = stressTest(snapshot, {
    liquidationPrices: liquidation,
    maxShockBps: resolved.stressMaxShockBps,
    points: resolved.stressPoints,
  })
  const cost = liquidationCost(snapshot, { positions, liquidationPrices: liquidation })
  const notes: string[] = []
  // Every proposal is compared with what being liquidated would cost (DESIGN.md, Numbers).
  const liquidationLossBase = cost.scenario !== null && cost.best ? cost.best.userLossBase : undefined
  const proposals =
    resolved.maxProposals === 0
      ? []
      : proposeProtections(
          snapshot,
          resolved,
          {
            ...market,
            // Calls are assumed mined one block after the later of the block and `now`: interest accrues to then.
            executionTimestamp: Math.max(now, snapshot.blockTimestamp) + DEFAULT_EXECUTION_DELAY_SECONDS,
            ...(liquidationLossBase === undefined ? {} : { liquidationLossBase }),
            ...(assetClass ? { assetClass } : {}),
          },
          resolved.maxProposals,
        )
  if (resolved.maxProposals > 0 && !market?.swapRouter)
    notes.push('proposals: no swap router given, so no deleverage or rotation proposals')

  const assets: AssetRow[] = []
  for (let k = 0; k < data.positions.length; k++) {
    const p = data.positions[k] as PositionValue
    const price = liquidation.assets[k]
    if (price?.asset !== p.reserve.asset) throw new Error(`liquidation prices out of step at ${p.reserve.symbol}`)
    assets.push({
      symbol: p.reserve.symbol,
      address: p.reserve.asset,
      decimals: p.reserve.decimals,
      priceBase: p.priceBase,
      supplied: p.supplied,
      borrowed: p.borrowed,
      collateralBase: p.collateralBase,
      debtBase: p.debtBase,
      countsAsCollateral: p.countsAsCollateral,
      liquidationThreshold: p.liquidationThreshold,
      volatile: terms.volatile[k] === true,
      liquidation: liquidationRow(price),
      correlatedLiquidationPriceBase: price.correlatedPriceBase,
    })
  }

  const volatility = volatilityReport(riskFeeds(terms), memo?.volatility)
  const book = { now, ...(external ? { external } : {}), ...(assetClass ? { assetClass } : {}) }
  const greeks = bookGreeks(terms, book)
  const replayFrom = now - resolved.replayDays * 86_400
  const hasHistory = Object.values(snapshot.priceHistory).some((rounds) => rounds.length > 0)

  return {
    chainId: snapshot.chainId,
    block: { number: snapshot.blockNumber, timestamp: snapshot.blockTimestamp },
    account: snapshot.user.address,
    market: snapshot.market,
    revision: snapshot.revision,
    evaluatedAt: now,
    seed,
    accountData: {
      totalCollateralBase: data.totalCollateralBase,
      totalDebtBase: data.totalDebtBase,
      availableBorrowsBase: data.availableBorrowsBase,
      currentLiquidationThreshold: data.currentLiquidationThreshold,
      ltv: data.ltv,
      healthFactorWad: data.healthFactor,
    },
    status: accountStatus(data.healthFactor, resolved.warningHealthFactorWad),
    assets,
    correlatedLiquidation: liquidation.correlated,
    stress,
    liquidationCost: cost,
    proposals,
    volatility,
    liquidationProbability: liquidationProbability(terms, liquidation, volatility, {
      seed,
      paths: resolved.monteCarloPaths,
      steps: resolved.monteCarloSteps,
      threshold: resolved.probabilityThreshold,
      driftAnnualised: resolved.priceDriftAnnualised,
      volatilityScale: resolved.volatilityScale,
      studentTDegreesOfFreedom: resolved.studentTDegreesOfFreedom,
    }),
    greeks,
    scenarios: scenarioMatrix(terms, otherBookPnl(terms, greeks, book)),
    replay: hasHistory ? historicalReplay(terms, snapshot.priceHistory, { fromTime: replayFrom, toTime: now }) : null,
    oracleLag: oracleLag(terms, {
      now,
      warningHealthFactorWad: resolved.warningHealthFactorWad,
      ...(feedRules ? { feedRules } : {}),
    }),
    settings: resolved,
    notes,
  }
}

/** The oracle rounds of every volatile position that follows its own feed (the probability's risk factors). */
function riskFeeds(t: HealthFactorTerms) {
  return t.assets.flatMap((asset, i) =>
    t.volatile[i] && t.followsOracle[i]
      ? [{ asset, symbol: t.symbols[i] as string, rounds: t.snapshot.priceHistory[asset] ?? [] }]
      : [],
  )
}

function liquidationRow(price: AssetLiquidationPrice): LiquidationPriceRow {
  if (price.liquidationPriceBase === null) return { priceBase: null, reason: price.reason }
  return {
    priceBase: price.liquidationPriceBase,
    direction: price.direction,
    distanceFraction: price.distanceFraction,
    step: price.step,
  }
}

/** no-debt (HF = MAX_UINT256), liquidatable below 1, warning below the user's warning line, else safe. */
export function accountStatus(healthFactorWad: bigint, warningHealthFactorWad: bigint): AccountStatus {
  if (healthFactorWad === MAX_UINT256) return 'no-debt'
  if (healthFactorWad < WAD) return 'liquidatable'
  return healthFactorWad < warningHealthFactorWad ? 'warning' : 'safe'
}

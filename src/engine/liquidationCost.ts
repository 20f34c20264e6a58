import type { PriceOverrides } from './accountData'
import type { AssetClassOverrides } from './assetClass'
import { scaledPrice } from './correlatedLiquidation'
import { type HealthFactorTerms, healthFactorTerms, totalsAt } from './healthFactorTerms'
import { type LiquidationPriceReport, liquidationPrices } from './liquidationPrice'
import { type LiquidationRules, leavesDust, liquidationRules, maxLiquidatableDebt } from './liquidationRules'
import type { Position } from './positions'
import { eModeTerms } from './revisionRules'
import type { Hex, PortfolioSnapshot } from './snapshot'
import { percentDiv, WAD } from './wadRayMath'

/**
 * The cost of being liquidated: what a liquidator could take from the account just below HF 1,
 * exactly as LiquidationLogic.executeLiquidationCall would compute it at those prices.
 */

/** One (debt, collateral) pair a liquidator could choose, liquidated as far as the rules allow. */
export type LiquidationOutcome = {
  debtAsset: Hex
  debtSymbol: string
  collateralAsset: Hex
  collateralSymbol: string
  /** Close factor that applied (bps) and the debt cap it gave (debt units). */
  closeFactor: bigint
  maxLiquidatableDebt: bigint
  /** Debt units the liquidator repays (LiquidationCall.debtToCover). */
  debtRepaid: bigint
  /** Collateral units the liquidator receives (LiquidationCall.liquidatedCollateralAmount). */
  collateralSeized: bigint
  /** Collateral units sent to the treasury (share of the bonus). */
  protocolFee: bigint
  /** Bonus that applied (bps, > 10000): e-mode's where the collateral is in the user's category. */
  liquidationBonus: bigint
  /** The prices the liquidation used (base currency). */
  debtPriceBase: bigint
  collateralPriceBase: bigint
  debtRepaidBase: bigint
  /** Value of all collateral the user loses (seized + fee), base currency. */
  collateralLostBase: bigint
  /** The user's loss: collateral lost − debt repaid (the bonus paid), base currency and float64 USD. */
  userLossBase: bigint
  userLossUsd: number
  /** What the liquidator gains: collateral seized − debt repaid (base). */
  liquidatorProfitBase: bigint
}

export type LiquidationScenario =
  /** HF is already below 1 at the snapshot's prices. */
  | 'now'
  /** Prices the caller gave. */
  | 'given'
  /** All volatile assets one factor step past the correlated liquidation point. */
  | 'correlated'
  /** The asset with the nearest liquidation price, one step past it (when no correlated point exists). */
  | 'single-asset'

export type LiquidationCost =
  | {
      scenario: LiquidationScenario
      /** Prices that differ from the snapshot's in this scenario. */
      prices: { asset: Hex; priceBase: bigint }[]
      /** HF at the scenario's prices (WAD); outcomes are empty when it is not below 1. */
      healthFactor: bigint
      /** The pair a liquidator would pick (largest profit), or null when none can be liquidated. */
      best: LiquidationOutcome | null
      outcomes: LiquidationOutcome[]
    }
  | { scenario: null; reason: string }

/**
 * What a liquidator could take. Scenario: the given prices, else today's if HF < 1, else one step
 * past the correlated liquidation point, else one step past the nearest single-asset liquidation
 * price. For every debt j and collateral i (LiquidationLogic._calculateAvailableCollateralToLiquidate):
 *   debt = min(maxLiquidatableDebt, …)        (close factor, liquidationRules.ts)
 *   base = ⌊p_j · debt · U_i / (p_i · U_j)⌋,  max = percentMul(base, bonus)
 *   if max > balance_i: collateral = balance_i, debt = percentDiv(⌊p_i · balance_i · U_j / (p_j · U_i)⌋, bonus)
 *   fee = percentMul(collateral − percentDiv(collateral, bonus), protocolFee),  seized = collateral − fee
 * (v3.7 rounds the bonus and the base down and the fee up: liquidationRules.ts).
 * The best pair is the one with the largest liquidator profit (seized value − repaid value).
 */
export function liquidationCost(
  snapshot: PortfolioSnapshot,
  options: {
    prices?: PriceOverrides
    positions?: Position[]
    liquidationPrices?: LiquidationPriceReport
    classes?: AssetClassOverrides
  } = {},
): LiquidationCost {
  const terms = options.liquidationPrices?.terms ?? healthFactorTerms(snapshot, options.positions, options.classes)
  const scenario = options.prices
    ? { scenario: 'given' as const, prices: options.prices }
    : defaultScenario(snapshot, terms, options.liquidationPrices)
  if ('reason' in scenario) return { scenario: null, reason: scenario.reason }
  // Overrides apply to assets priced by their own feed (an e-mode price source is not the asset's feed).
  const data = totalsAt(terms, (i) =>
    terms.followsOracle[i] ? scenario.prices.get(terms.assets[i] as Hex) : undefined,
  )
  const outcomes = data.healthFactor < WAD ? liquidationOutcomes(snapshot, terms, scenario.prices, data) : []
  let best: LiquidationOutcome | null = null
  for (const o of outcomes)
    if (
      !best ||
      o.liquidatorProfitBase > best.liquidatorProfitBase ||
      (o.liquidatorProfitBase === best.liquidatorProfitBase && o.debtRepaidBase > best.debtRepaidBase)
    )
      best = o
  return {
    scenario: scenario.scenario,
    prices: [...scenario.prices].map(([asset, priceBase]) => ({ asset, priceBase })),
    healthFactor: data.healthFactor,
    best,
    outcomes,
  }
}

type Scenario = { scenario: LiquidationScenario; prices: PriceOverrides } | { reason: string }

function defaultScenario(
  snapshot: PortfolioSnapshot,
  terms: HealthFactorTerms,
  report: LiquidationPriceReport | undefined,
): Scenario {
  const r = report ?? liquidationPrices(snapshot, { terms })
  if (r.terms.totalDebt === 0n) return { reason: 'no-debt' }
  if (r.liquidatableNow) return { scenario: 'now', prices: new Map() }
  const c = r.correlated
  if (c.factor !== null) {
    const factor = c.direction === 'down' ? c.factor - 1n : c.factor + 1n
    const prices = new Map<Hex, bigint>()
    for (let i = 0; i < r.terms.assets.length; i++)
      if (c.prices.some((p) => p.asset === r.terms.assets[i]))
        prices.set(r.terms.assets[i] as Hex, scaledPrice(r.terms, i, factor))
    return { scenario: 'correlated', prices }
  }
  let nearest: { asset: Hex; price: bigint; distance: number } | undefined
  for (const a of r.assets) {
    if (a.liquidationPriceBase === null) continue
    const distance = Math.abs(a.distanceFraction)
    if (nearest && nearest.distance <= distance) continue
    // One step past the liquidation price, on the liquidating side: HF < 1 there by construction.
    const price = a.direction === 'down' ? a.liquidationPriceBase - a.step : a.liquidationPriceBase + a.step
    nearest = { asset: a.asset, price, distance }
  }
  if (!nearest) return { reason: `no liquidation price (${c.reason})` }
  return { scenario: 'single-asset', prices: new Map([[nearest.asset, nearest.price]]) }
}

/** Every (debt, collateral) pair's outcome at the scenario prices (HF already known to be below 1). */
function liquidationOutcomes(
  snapshot: PortfolioSnapshot,
  t: HealthFactorTerms,
  prices: PriceOverrides,
  data: { healthFactor: bigint; debt: bigint },
): LiquidationOutcome[] {
  const rules = liquidationRules(snapshot.revision)
  const terms = eModeTerms(snapshot)
  const userCategory = snapshot.eModes.find((e) => e.id === snapshot.user.eModeCategoryId)
  const eModePrice = rules.eModePriceSource && userCategory?.priceBase ? userCategory.priceBase : undefined
  const oracle = (p: Position) => prices.get(p.reserve.asset) ?? p.reserve.priceBase
  const live = (p: Position) => p.reserve.isActive && !p.reserve.isPaused
  const out: LiquidationOutcome[] = []
  t.positions.forEach((debt, j) => {
    if (debt.borrowed === 0n || !live(debt)) return
    // _getConfigurationData (v3.0–v3.1): the e-mode source prices the debt whenever the user is in e-mode.
    const debtPrice = eModePrice ?? oracle(debt)
    t.positions.forEach((coll, i) => {
      // ValidationLogic.validateLiquidationCall: the reserve's LT ≠ 0 and the user's collateral flag on.
      if (!coll.countsAsCollateral || !live(coll)) return
      const e = terms(coll.reserve)
      const collPrice = e.priceBase !== undefined && eModePrice !== undefined ? eModePrice : oracle(coll)
      const o = pairOutcome(rules, {
        healthFactor: data.healthFactor,
        totalDebtBase: data.debt,
        debt,
        debtPrice,
        debtUnit: t.unit[j] as bigint,
        coll,
        collPrice,
        collUnit: t.unit[i] as bigint,
        bonus: e.liquidationBonus,
      })
      if (o) out.push(finishOutcome(snapshot, o))
    })
  })
  return out
}

type PairInput = {
  healthFactor: bigint
  totalDebtBase: bigint
  debt: Position
  debtPrice: bigint
  debtUnit: bigint
  coll: Position
  collPrice: bigint
  collUnit: bigint
  bonus: bigint
}

type PairAmounts = {
  input: PairInput
  closeFactor: bigint
  maxDebt: bigint
  debtRepaid: bigint
  collateralSeized: bigint
  protocolFee: bigint
}

/** The largest liquidation of one pair the rules allow (stepping below v3.3's dust line when needed). */
function pairOutcome(rules: LiquidationRules, x: PairInput): PairAmounts | null {
  const { maxDebt, closeFactor } = maxLiquidatableDebt(rules, {
    healthFactor: x.healthFactor,
    reserveDebt: x.debt.borrowed,
    reserveDebtBase: (x.debt.borrowed * x.debtPrice) / x.debtUnit,
    debtPrice: x.debtPrice,
    debtUnit: x.debtUnit,
    reserveCollateralBase: (x.coll.supplied * x.collPrice) / x.collUnit,
    totalDebtBase: x.totalDebtBase,
  })
  const at = (debtToCover: bigint) => {
    const a = availableCollateral(rules, x, debtToCover)
    const dust = leavesDust(rules, {
      reserveDebt: x.debt.borrowed,
      debtRepaid: a.debtRepaid,
      debtPrice: x.debtPrice,
      debtUnit: x.debtUnit,
      collateralBalance: x.coll.supplied,
      collateralRemoved: a.collateralSeized + a.protocolFee,
      collateralPrice: x.collPrice,
      collateralUnit: x.collUnit,
    })
    return dust ? null : a
  }
  let amounts = at(maxDebt)
  if (!amounts) {
    // MUST_NOT_LEAVE_DUST: the leftovers shrink as debtToCover grows, so the largest allowed amount is a bisection away.
    let lo = 0n
    let hi = maxDebt
    while (hi - lo > 1n) {
      const mid = (lo + hi) / 2n
      if (at(mid)) lo = mid
      else hi = mid
    }
    amounts = lo > 0n ? at(lo) : null
  }
  // Nothing to repay, or dust that seizes no collateral: no liquidator would send it.
  if (!amounts || amounts.debtRepaid === 0n || amounts.collateralSeized + amounts.protocolFee === 0n) return null
  // Spelled out: an object spread here (bigint fields) cost ~20 µs a pair in V8, most of this function's time.
  return {
    input: x,
    closeFactor,
    maxDebt,
    debtRepaid: amounts.debtRepaid,
    collateralSeized: amounts.collateralSeized,
    protocolFee: amounts.protocolFee,
  }
}

/** LiquidationLogic._calculateAvailableCollateralToLiquidate, term for term (roundings per revision). */
function availableCollateral(rules: LiquidationRules, x: PairInput, debtToCover: bigint) {
  const balance = x.coll.supplied
  const baseCollateral = (x.debtPrice * debtToCover * x.collUnit) / (x.collPrice * x.debtUnit)
  const maxCollateral = rules.withBonus(baseCollateral, x.bonus)
  let collateral = maxCollateral
  let debtRepaid = debtToCover
  if (maxCollateral > balance) {
    collateral = balance
    debtRepaid = percentDiv((x.collPrice * balance * x.debtUnit) / (x.debtPrice * x.collUnit), x.bonus)
  }
  const feeRate = x.coll.reserve.liquidationProtocolFee
  const protocolFee =
    feeRate === 0n ? 0n : rules.protocolFee(collateral - rules.withoutBonus(collateral, x.bonus), feeRate)
  return { debtRepaid, collateralSeized: collateral - protocolFee, protocolFee }
}

function finishOutcome(snapshot: PortfolioSnapshot, o: PairAmounts): LiquidationOutcome {
  const x = o.input
  const debtRepaidBase = (o.debtRepaid * x.debtPrice) / x.debtUnit
  const collateralLostBase = ((o.collateralSeized + o.protocolFee) * x.collPrice) / x.collUnit
  const seizedBase = (o.collateralSeized * x.collPrice) / x.collUnit
  const userLossBase = collateralLostBase - debtRepaidBase
  const { unit, priceUsd } = snapshot.baseCurrency
  return {
    debtAsset: x.debt.reserve.asset,
    debtSymbol: x.debt.reserve.symbol,
    collateralAsset: x.coll.reserve.asset,
    collateralSymbol: x.coll.reserve.symbol,
    closeFactor: o.closeFactor,
    maxLiquidatableDebt: o.maxDebt,
    debtRepaid: o.debtRepaid,
    collateralSeized: o.collateralSeized,
    protocolFee: o.protocolFee,
    liquidationBonus: x.bonus,
    debtPriceBase: x.debtPrice,
    collateralPriceBase: x.collPrice,
    debtRepaidBase,
    collateralLostBase,
    userLossBase,
    userLossUsd: ((Number(userLossBase) / Number(unit)) * Number(priceUsd)) / 1e8,
    liquidatorProfitBase: seizedBase - debtRepaidBase,
  }
}

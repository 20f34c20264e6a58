import { getAddress } from 'viem'
import type { CorrelatedNoPriceReason } from '../../engine/correlatedLiquidation'
import type { NoLiquidationPriceReason } from '../../engine/liquidationPrice'
import type { AccountStatus, RiskReport } from '../../engine/riskReport'
import type { Hex } from '../../engine/snapshot'
import { scaleBigint, significant, truncateHealthFactor } from './snapshotPrivacy'

/**
 * A risk snapshot (issue 8): what one account looked like to the engine at one block, as plain
 * data that can travel in a link and be rendered with no wallet and no RPC. Versioned: `v` names
 * the shape; older shapes are migrated on decode (snapshotCodec.ts), newer ones refused.
 *
 * Amounts are bigint like the report's (base currency = USD with 8 decimals on Aave V3). At the
 * 'ratios' privacy level every base-currency amount is in a notional where total collateral is
 * 100 (100·10⁸ base units), token amounts are scaled by the same factor (so amount × price still
 * gives the notional value) and Greeks are per 100 of collateral.
 */

export const SNAPSHOT_VERSION = 1
export const BASE_DECIMALS = 8
/** Total collateral at the 'ratios' level: 100 in base units. */
export const NOTIONAL_BASE = 100n * 10n ** BigInt(BASE_DECIMALS)
/** Points kept per stress curve: every 5th of the engine's 201 (−60 % … +60 % in 3 % steps). */
export const STRESS_POINTS = 41

export const PRIVACY_LEVELS = ['full', 'no-address', 'ratios'] as const
export type PrivacyLevel = (typeof PRIVACY_LEVELS)[number]

// What a label may contain: letters and digits of any script and a little punctuation real
// symbols use (USDC.e, PT-sUSDE-27MAR2025, USD₮0). No control, bidi or markup characters.
export const SYMBOL_PATTERN = /^[\p{L}\p{N}._+\-$€₮]{1,32}$/u
export const MARKET_NAME_PATTERN = /^[\p{L}\p{N} ._+\-$€₮()/:]{1,64}$/u

export type SnapshotLiquidation =
  | { priceBase: bigint; direction: 'down' | 'up'; distanceFraction: number }
  | { priceBase: null; reason: NoLiquidationPriceReason }

export type SnapshotPosition = {
  symbol: string
  decimals: number
  priceBase: bigint
  /** Underlying units (scaled at the 'ratios' level). */
  supplied: bigint
  borrowed: bigint
  countsAsCollateral: boolean
  volatile: boolean
  liquidationThresholdBps: number
  liquidation: SnapshotLiquidation
}

export type SnapshotHeadline = {
  /** WAD; MAX_UINT256 without debt. Truncated to 4 decimals at the 'ratios' level. */
  healthFactorWad: bigint
  status: AccountStatus
  totalCollateralBase: bigint
  totalDebtBase: bigint
  availableBorrowsBase: bigint
  liquidationThresholdBps: number
  ltvBps: number
  /** Every volatile price moving together: the shock that liquidates (−0.3 = 30 % lower), or why none. */
  liquidation: { shock: number; direction: 'down' | 'up' } | { shock: null; reason: CorrelatedNoPriceReason }
}

export type SnapshotHorizon = { horizonSeconds: number; probability: number; distanceSigmas: number }

export type SnapshotOdds =
  | {
      method: 'closed-form' | 'monte-carlo'
      /** The probability the time-to-trouble figure refers to. */
      threshold: number
      /** Seconds until P(liquidation) reaches the threshold: Infinity if never, null if not computed. */
      timeToThresholdSeconds: number | null
      horizons: SnapshotHorizon[]
    }
  | { method: 'none'; reason: 'no-debt' | 'no-risk-factor' | 'missing-volatility' | 'liquidatable' }

export type SnapshotStressCurve = {
  /** A symbol, or 'all' for every volatile asset together. */
  label: string
  crossingShock: number | null
  /** HF at each point of the grid, truncated to 3 decimals; Infinity without debt. */
  healthFactor: number[]
}

/** Point i of each curve is at fromShock + i·(toShock − fromShock)/(points − 1). */
export type SnapshotStress = { fromShock: number; toShock: number; curves: SnapshotStressCurve[] }

export type SnapshotGreek = {
  symbol: string
  volatile: boolean
  /** USD (per 100 of collateral at the 'ratios' level), by kind of position. */
  deltaUsd: { lending: number; lp: number; external: number }
  gammaUsdPerPercent: number
  vegaUsdPerVolPoint: number
}

/** The user's lines (the same fields as the state's RiskProfile, which is assignable to it). */
export type SnapshotProfile = {
  warningHealthFactor: number
  targetHealthFactor: number
  upperHealthFactor: number | null
  probabilityLimit24h: number
}

export type RiskSnapshot = {
  v: typeof SNAPSHOT_VERSION
  privacy: PrivacyLevel
  chainId: number
  market: { name: string; pool: Hex }
  block: { number: bigint; timestamp: number }
  /** null when redacted ('no-address' and 'ratios'). */
  account: Hex | null
  headline: SnapshotHeadline
  positions: SnapshotPosition[]
  odds: SnapshotOdds
  stress: SnapshotStress
  greeks: { underlyings: SnapshotGreek[]; netVolatileDeltaUsd: number }
  profile: SnapshotProfile
}

export type FromReportOptions = { privacy: PrivacyLevel; marketName: string }

/** Replaces what a label may not contain, so every snapshot we make passes our own schema. */
export function cleanLabel(text: string, pattern: RegExp, max: number): string {
  const kept = Array.from(text)
    .map((ch) => (pattern.test(ch) ? ch : '_'))
    .slice(0, max)
    .join('')
  return kept.length > 0 ? kept : '_'
}

// Floats travel with 6 significant digits (more than any figure shows); beyond ±1e15 a Greek or a
// σ distance means "enormous" and is clamped so the schema can bound every number.
const LIMIT = 1e15
const float = (x: number) => (Number.isNaN(x) ? 0 : significant(Math.max(-LIMIT, Math.min(LIMIT, x)), 6))

/** The engine's 201-point curves cut to STRESS_POINTS, HF truncated (a point below 1 never reads 1). */
function stressOf(report: RiskReport, shock: (x: number) => number): SnapshotStress {
  const { shocks, curves } = report.stress
  const n = shocks.length
  if (n === 0) return { fromShock: 0, toShock: 0, curves: [] }
  const k = Math.min(STRESS_POINTS, n)
  const pick = (i: number) => (k === 1 ? 0 : Math.round((i * (n - 1)) / (k - 1)))
  const hf = (x: number) => (Number.isFinite(x) ? Math.floor(Math.min(x, 1e9) * 1000) / 1000 : Number.POSITIVE_INFINITY)
  return {
    fromShock: float(shocks[0] as number),
    toShock: float(shocks[n - 1] as number),
    curves: curves.map((c) => ({
      label: c.label === 'all' ? 'all' : cleanLabel(c.label, SYMBOL_PATTERN, 32),
      crossingShock: c.crossingShock === null ? null : shock(c.crossingShock),
      healthFactor: Array.from({ length: k }, (_, i) => hf(Math.max(0, c.healthFactor[pick(i)] as number))),
    })),
  }
}

function oddsOf(report: RiskReport): SnapshotOdds {
  const p = report.liquidationProbability
  if (p.method === 'none') return { method: 'none', reason: p.reason }
  const t = p.timeToThresholdSeconds
  return {
    method: p.method,
    threshold: float(p.threshold),
    timeToThresholdSeconds: t === null || t === Number.POSITIVE_INFINITY ? t : float(Math.max(0, t)),
    horizons: p.horizons.map((h) => ({
      horizonSeconds: h.horizonSeconds,
      probability: significant(Math.min(1, Math.max(0, h.probability || 0)), 4),
      distanceSigmas: float(h.distanceSigmas),
    })),
  }
}

/**
 * Builds the snapshot of a report at a privacy level: 'full' keeps everything, 'no-address' drops
 * the account, 'ratios' also rescales every absolute size to the notional (see the module comment)
 * and rounds account-specific figures (snapshotPrivacy.ts says why).
 */
export function fromReport(report: RiskReport, profile: SnapshotProfile, options: FromReportOptions): RiskSnapshot {
  const ratios = options.privacy === 'ratios'
  const d = report.accountData
  const suppliedBase = report.assets.reduce(
    (sum, a) => sum + (a.supplied * a.priceBase) / 10n ** BigInt(a.decimals),
    0n,
  )
  // What "100" is: the collateral; for an account whose supply does not count as collateral, the supply; else the debt.
  const scaleBase =
    d.totalCollateralBase > 0n ? d.totalCollateralBase : suppliedBase > 0n ? suppliedBase : d.totalDebtBase
  const amount = (x: bigint) => (ratios && scaleBase > 0n ? scaleBigint(x, NOTIONAL_BASE, scaleBase) : x)
  const usdFactor = ratios && scaleBase > 0n ? Number(NOTIONAL_BASE) / Number(scaleBase) : 1
  const usd = (x: number) => float(x * usdFactor)
  const accountFigure = (x: bigint) => (ratios ? scaleBigint(x, 1n, 1n) : x)
  const distance = (x: number) => (ratios ? significant(float(x), 4) : float(x))

  const c = report.correlatedLiquidation
  return {
    v: SNAPSHOT_VERSION,
    privacy: options.privacy,
    chainId: report.chainId,
    market: { name: cleanLabel(options.marketName, MARKET_NAME_PATTERN, 64), pool: getAddress(report.market.pool) },
    block: { number: report.block.number, timestamp: report.block.timestamp },
    account: options.privacy === 'full' ? getAddress(report.account) : null,
    headline: {
      healthFactorWad: ratios ? truncateHealthFactor(d.healthFactorWad) : d.healthFactorWad,
      status: report.status,
      totalCollateralBase: amount(d.totalCollateralBase),
      totalDebtBase: amount(d.totalDebtBase),
      availableBorrowsBase: amount(d.availableBorrowsBase),
      liquidationThresholdBps: Number(d.currentLiquidationThreshold),
      ltvBps: Number(d.ltv),
      liquidation:
        c.factor === null ? { shock: null, reason: c.reason } : { shock: distance(c.shock), direction: c.direction },
    },
    positions: report.assets.map((a) => ({
      symbol: cleanLabel(a.symbol, SYMBOL_PATTERN, 32),
      decimals: a.decimals,
      priceBase: a.priceBase,
      supplied: amount(a.supplied),
      borrowed: amount(a.borrowed),
      countsAsCollateral: a.countsAsCollateral,
      volatile: a.volatile,
      liquidationThresholdBps: Number(a.liquidationThreshold),
      liquidation:
        a.liquidation.priceBase === null
          ? { priceBase: null, reason: a.liquidation.reason }
          : {
              priceBase: accountFigure(a.liquidation.priceBase),
              direction: a.liquidation.direction,
              distanceFraction: distance(a.liquidation.distanceFraction),
            },
    })),
    odds: oddsOf(report),
    stress: stressOf(report, distance),
    greeks: {
      underlyings: report.greeks.byUnderlying.map((g) => ({
        symbol: cleanLabel(g.symbol, SYMBOL_PATTERN, 32),
        volatile: g.volatile,
        deltaUsd: { lending: usd(g.lending.deltaUsd), lp: usd(g.lp.deltaUsd), external: usd(g.external.deltaUsd) },
        gammaUsdPerPercent: usd(g.total.gammaUsdPerPercent),
        vegaUsdPerVolPoint: usd(g.total.vegaUsdPerVolPoint),
      })),
      netVolatileDeltaUsd: usd(report.greeks.netVolatileDeltaUsd),
    },
    profile: {
      warningHealthFactor: profile.warningHealthFactor,
      targetHealthFactor: profile.targetHealthFactor,
      upperHealthFactor: profile.upperHealthFactor,
      probabilityLimit24h: profile.probabilityLimit24h,
    },
  }
}

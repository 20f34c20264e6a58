import { WAD } from './wadRayMath'

/**
 * The user's risk settings: what the engine aims for and how it draws its lines. Plain data that
 * crosses the worker boundary by structured clone (bigint included) and is echoed in every
 * RiskReport, so a report says which settings produced it.
 */
export type RiskSettings = {
  /** The health factor proposals aim for (WAD: 1.5e18 = 1.5). */
  targetHealthFactorWad: bigint
  /** Below this the account is shown as at risk (WAD); between 1 and this it is a warning. */
  warningHealthFactorWad: bigint
  /** The floor every intermediate state of a multi-round proposal keeps (WAD: 1.01e18). */
  minIntermediateHealthFactorWad: bigint
  /** The largest swap slippage a proposal may accept, basis points (50 = 0.5 %). */
  maxSlippageBps: bigint
  /** Stress grid: price shocks from −maxShockBps to +maxShockBps in `stressPoints` even steps. */
  stressMaxShockBps: bigint
  stressPoints: number
  /** How many proposals a report carries at most (smallest that reach the target first). */
  maxProposals: number
  /** Gas price used to cost proposals (wei) and the network token's price in base currency. */
  gasPriceWei: bigint
  /** Monte Carlo paths per horizon and steps per path, for accounts with several risk factors. */
  monteCarloPaths: number
  monteCarloSteps: number
  /** The probability of liquidation whose first time the report gives ("time to trouble"): 0.05 = 5 %. */
  probabilityThreshold: number
  /** Annual arithmetic drift assumed for every price (0: no view on direction). */
  priceDriftAnnualised: number
  /** Multiplies every volatility estimate (1: as measured; the what-if slider moves it). */
  volatilityScale: number
  /** Historical replay window: the current book against the last N days of oracle rounds. */
  replayDays: number
  /** Fat tails for the Monte Carlo: Student-t innovations with this many degrees of freedom (> 2); null = normal. */
  studentTDegreesOfFreedom: number | null
}

const wad = (units: bigint, hundredths: bigint) => units * WAD + (hundredths * WAD) / 100n

/**
 * The defaults: target HF 1.5 (issue 4), warning below 1.2, 0.5 % slippage, a 201-point ±60 % grid;
 * 20 000 Monte Carlo paths of 24 steps per horizon, time to a 5 % chance, no drift, a 7-day replay.
 */
export const DEFAULT_RISK_SETTINGS: RiskSettings = Object.freeze({
  targetHealthFactorWad: wad(1n, 50n),
  warningHealthFactorWad: wad(1n, 20n),
  minIntermediateHealthFactorWad: wad(1n, 1n),
  maxSlippageBps: 50n,
  stressMaxShockBps: 6_000n,
  stressPoints: 201,
  maxProposals: 5,
  gasPriceWei: 1_000_000_000n,
  monteCarloPaths: 20_000,
  monteCarloSteps: 24,
  probabilityThreshold: 0.05,
  priceDriftAnnualised: 0,
  volatilityScale: 1,
  replayDays: 7,
  studentTDegreesOfFreedom: null,
})

/**
 * Fills a partial settings object from the defaults and rejects values the engine cannot honour
 * (a target at or below 1, a warning line below 1, slippage outside 0–100 %, an even or tiny grid).
 */
export function resolveRiskSettings(partial: Partial<RiskSettings> = {}): RiskSettings {
  const s: RiskSettings = { ...DEFAULT_RISK_SETTINGS, ...partial }
  if (s.targetHealthFactorWad <= WAD) throw new RangeError('targetHealthFactorWad must be above 1e18 (HF 1)')
  if (s.warningHealthFactorWad < WAD) throw new RangeError('warningHealthFactorWad must be at least 1e18 (HF 1)')
  if (s.minIntermediateHealthFactorWad < WAD) throw new RangeError('minIntermediateHealthFactorWad must be ≥ 1e18')
  if (s.maxSlippageBps < 0n || s.maxSlippageBps >= 10_000n) throw new RangeError('maxSlippageBps must be in [0, 10000)')
  if (s.stressMaxShockBps <= 0n || s.stressMaxShockBps >= 10_000n)
    throw new RangeError('stressMaxShockBps must be in (0, 10000)')
  if (!Number.isInteger(s.stressPoints) || s.stressPoints < 3 || s.stressPoints % 2 === 0)
    throw new RangeError('stressPoints must be an odd integer ≥ 3 (the grid is centred on no shock)')
  if (!Number.isInteger(s.maxProposals) || s.maxProposals < 0) throw new RangeError('maxProposals must be ≥ 0')
  if (s.gasPriceWei < 0n) throw new RangeError('gasPriceWei must be ≥ 0')
  if (!Number.isInteger(s.monteCarloPaths) || s.monteCarloPaths < 100 || s.monteCarloPaths > 1_000_000)
    throw new RangeError('monteCarloPaths must be an integer in [100, 1 000 000]')
  if (!Number.isInteger(s.monteCarloSteps) || s.monteCarloSteps < 1 || s.monteCarloSteps > 1_000)
    throw new RangeError('monteCarloSteps must be an integer in [1, 1000]')
  if (!(s.probabilityThreshold > 0 && s.probabilityThreshold < 1))
    throw new RangeError('probabilityThreshold must be in (0, 1)')
  if (!Number.isFinite(s.priceDriftAnnualised)) throw new RangeError('priceDriftAnnualised must be finite')
  if (!(s.volatilityScale >= 0 && Number.isFinite(s.volatilityScale)))
    throw new RangeError('volatilityScale must be finite and ≥ 0')
  if (!(s.replayDays > 0 && s.replayDays <= 365)) throw new RangeError('replayDays must be in (0, 365]')
  if (
    s.studentTDegreesOfFreedom !== null &&
    !(s.studentTDegreesOfFreedom > 2 && Number.isFinite(s.studentTDegreesOfFreedom))
  )
    throw new RangeError('studentTDegreesOfFreedom must be a finite number > 2, or null for normal innovations')
  return s
}

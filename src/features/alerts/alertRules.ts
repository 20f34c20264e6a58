import type { RiskProfile } from '../../state/riskProfileStore'
import { formatHealthFactorValue, formatProbability } from '../../ui/format'

/**
 * Alert rules (issue 7, part 5): a pure reducer from one block's headline numbers to the alerts
 * that fire, with hysteresis so a value hovering at a line alerts once.
 *
 * Each line is "tripped" when it fires and stays tripped, silent, until the value moves back past
 * the line by a margin; only then is it re-armed and can fire again:
 * - health factor lines (warning, danger, liquidatable) re-arm at line + max(0.02, 1 % of the
 *   line): 0.02 is about one routine block's move at HF 1.2 on a volatile collateral, small enough
 *   that a real recovery re-arms and large enough that oracle noise does not; the upper line
 *   re-arms at line − the same margin;
 * - the 24 h probability re-arms below 80 % of the limit (probabilities swing by tens of percent
 *   between blocks, so an absolute margin would be meaningless);
 * - a stale feed re-arms when it is fresh again (a new round is a real event, not noise).
 * A step through several health factor lines at once fires only the most severe; the lines it
 * passed on the way are tripped silently (one banner for one event, and no "warning" after a
 * "liquidatable" as the value climbs back).
 */

export type AlertKind = 'liquidatable' | 'danger' | 'warning' | 'probability' | 'staleOracle' | 'upper' | 'recovered'

/** info < notice < warning < danger < critical. */
export type AlertSeverity = 'info' | 'notice' | 'warning' | 'danger' | 'critical'

export const SEVERITY_RANK: Readonly<Record<AlertSeverity, number>> = {
  info: 0,
  notice: 1,
  warning: 2,
  danger: 3,
  critical: 4,
}

export const ALERT_SEVERITY: Readonly<Record<AlertKind, AlertSeverity>> = {
  liquidatable: 'critical',
  danger: 'danger',
  warning: 'warning',
  probability: 'warning',
  // A stale feed makes the numbers doubtful, not the account riskier: worth an interruption, not a proposal.
  staleOracle: 'notice',
  // The user asked to hear about room to borrow: an interruption they opted into.
  upper: 'notice',
  recovered: 'info',
}

/** Kinds that say the account needs protecting: guard mode puts the best proposal in front of these. */
export const PROTECTIVE_KINDS: ReadonlySet<AlertKind> = new Set(['liquidatable', 'danger', 'warning', 'probability'])

export type AlertEvent = {
  kind: AlertKind
  severity: AlertSeverity
  block: bigint
  /** Block timestamp, unix seconds. */
  time: number
  /** The value that crossed (HF, or the 24 h probability); null for stale oracles. */
  value: number | null
  /** The line it crossed; null for stale oracles. */
  line: number | null
  /** Stale feeds (symbols), for staleOracle. */
  feeds?: string[]
  /** In words, with the number and the user's line. */
  message: string
}

export type AlertInput = {
  block: bigint
  /** Block timestamp, unix seconds. */
  time: number
  /** float64; Infinity without debt. */
  healthFactor: number
  /** P(liquidation) within 24 h; undefined when the report cannot tell. */
  probability24h?: number
  /** Symbols of the feeds older than their heartbeat. */
  staleFeeds: string[]
}

type TrippedLine = 'liquidatable' | 'danger' | 'warning' | 'probability' | 'upper'

export type AlertState = {
  /** The last block evaluated: a report for the same block again changes nothing. */
  lastBlock: bigint | null
  tripped: Readonly<Record<TrippedLine, boolean>>
  /** Feeds already alerted as stale (re-armed one by one as they are fresh again). */
  staleFeeds: readonly string[]
  /** A health factor alert fired and the value has not been back above the target since. */
  recoveryPending: boolean
}

export const INITIAL_ALERT_STATE: AlertState = Object.freeze({
  lastBlock: null,
  tripped: Object.freeze({ liquidatable: false, danger: false, warning: false, probability: false, upper: false }),
  staleFeeds: Object.freeze([]),
  recoveryPending: false,
})

/** Aave liquidates below 1. */
export const LIQUIDATION_HEALTH_FACTOR = 1
/** "Near liquidation": one ordinary day's move of a volatile collateral away from HF 1. */
export const DANGER_HEALTH_FACTOR = 1.05
export const PROBABILITY_REARM_FRACTION = 0.8

/** How far back past a health factor line the value must go before the line can fire again. */
export const healthFactorMargin = (line: number) => Math.max(0.02, 0.01 * line)

export type AlertLines = {
  warning: number
  /** 1.05, or halfway between 1 and the warning line when the user's warning line sits below 1.10. */
  danger: number
  liquidatable: number
  target: number
  upper: number | null
  probability: number
}

export function alertLines(profile: RiskProfile): AlertLines {
  const warning = profile.warningHealthFactor
  return {
    warning,
    danger: Math.min(DANGER_HEALTH_FACTOR, 1 + (warning - 1) / 2),
    liquidatable: LIQUIDATION_HEALTH_FACTOR,
    target: profile.targetHealthFactor,
    upper: profile.upperHealthFactor,
    probability: profile.probabilityLimit24h,
  }
}

/** The health factor lines in order of severity, most severe first. */
const HF_LINES = ['liquidatable', 'danger', 'warning'] as const

function message(kind: AlertKind, value: number | null, lines: AlertLines, feeds: string[] = []): string {
  const hf = value === null ? '' : formatHealthFactorValue(value)
  switch (kind) {
    case 'liquidatable':
      return `Health factor ${hf} is below 1: the position can be liquidated now`
    case 'danger':
      return `Health factor ${hf} is close to liquidation (below ${formatHealthFactorValue(lines.danger)})`
    case 'warning':
      return `Health factor ${hf} is below your warning line ${formatHealthFactorValue(lines.warning)}`
    case 'probability':
      return `Probability of liquidation within 24 h is ${formatProbability(value ?? Number.NaN)}, above your limit ${formatProbability(lines.probability)}`
    case 'staleOracle':
      return `${feeds.length === 1 ? `The ${feeds[0]} oracle is` : `The ${feeds.join(', ')} oracles are`} stale: the health factor may use an out-of-date price`
    case 'upper':
      return `Health factor ${hf} is above your upper line ${formatHealthFactorValue(lines.upper ?? Number.NaN)}: you have room to borrow`
    case 'recovered':
      return value === Number.POSITIVE_INFINITY
        ? 'The debt is repaid: nothing left to liquidate'
        : `Health factor ${hf} is back above your target ${formatHealthFactorValue(lines.target)}`
  }
}

/**
 * One block's alerts. Pure: the same state, input and profile give the same result. `fired` is in
 * order of severity, most severe first. A NaN health factor or probability is no information:
 * its lines neither fire nor re-arm.
 */
export function evaluateAlerts(
  state: AlertState,
  input: AlertInput,
  profile: RiskProfile,
): { state: AlertState; fired: AlertEvent[] } {
  if (state.lastBlock !== null && input.block === state.lastBlock) return { state, fired: [] }
  const lines = alertLines(profile)
  const tripped = { ...state.tripped }
  let recoveryPending = state.recoveryPending
  const fired: AlertEvent[] = []
  const event = (kind: AlertKind, value: number | null, line: number | null, feeds?: string[]): AlertEvent => ({
    kind,
    severity: ALERT_SEVERITY[kind],
    block: input.block,
    time: input.time,
    value,
    line,
    ...(feeds ? { feeds } : {}),
    message: message(kind, value, lines, feeds),
  })

  const hf = input.healthFactor
  if (!Number.isNaN(hf)) {
    let stepFired = false
    for (const kind of HF_LINES) {
      const line = lines[kind]
      if (tripped[kind]) {
        if (hf >= line + healthFactorMargin(line)) tripped[kind] = false
      } else if (hf < line) {
        tripped[kind] = true
        // Only the most severe line of one step fires; the others it passed are tripped silently.
        if (!stepFired) fired.push(event(kind, hf, line))
        stepFired = true
      }
    }
    if (stepFired) recoveryPending = true
    else if (recoveryPending && hf >= lines.target) {
      recoveryPending = false
      fired.push(event('recovered', hf, lines.target))
    }
    if (lines.upper === null) tripped.upper = false
    else if (tripped.upper) {
      if (hf <= lines.upper - healthFactorMargin(lines.upper)) tripped.upper = false
    } else if (hf > lines.upper && Number.isFinite(hf)) {
      // Without debt there is nothing to borrow against the line: no "room to borrow" for HF = ∞.
      tripped.upper = true
      fired.push(event('upper', hf, lines.upper))
    }
  }

  const p = input.probability24h
  if (p !== undefined && !Number.isNaN(p)) {
    if (tripped.probability) {
      if (p < lines.probability * PROBABILITY_REARM_FRACTION) tripped.probability = false
    } else if (p > lines.probability) {
      tripped.probability = true
      fired.push(event('probability', p, lines.probability))
    }
  }

  let staleFeeds: readonly string[] = state.staleFeeds
  if (!profile.alertOnStaleOracle) staleFeeds = INITIAL_ALERT_STATE.staleFeeds
  else {
    const stillStale = state.staleFeeds.filter((f) => input.staleFeeds.includes(f))
    const newlyStale = [...new Set(input.staleFeeds)].filter((f) => !state.staleFeeds.includes(f))
    if (newlyStale.length > 0) fired.push(event('staleOracle', null, null, newlyStale))
    staleFeeds = [...stillStale, ...newlyStale]
  }

  fired.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity])
  return { state: { lastBlock: input.block, tripped, staleFeeds, recoveryPending }, fired }
}

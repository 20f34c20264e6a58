import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { DEFAULT_RISK_PROFILE, type RiskProfile } from '../../state/riskProfileStore'
import {
  type AlertEvent,
  type AlertInput,
  type AlertKind,
  type AlertState,
  alertLines,
  evaluateAlerts,
  healthFactorMargin,
  INITIAL_ALERT_STATE,
  PROBABILITY_REARM_FRACTION,
  SEVERITY_RANK,
} from './alertRules'

const profile: RiskProfile = { ...DEFAULT_RISK_PROFILE, upperHealthFactor: 2 }

type Step = Partial<Omit<AlertInput, 'block' | 'time'>>

/** Feeds the steps block after block from the initial state; every fired event, in order. */
function run(steps: Step[], p: RiskProfile = profile, start: AlertState = INITIAL_ALERT_STATE) {
  let state = start
  const fired: AlertEvent[] = []
  steps.forEach((step, i) => {
    const input: AlertInput = { block: BigInt(i + 1), time: 1_000 + 12 * i, healthFactor: 1.4, staleFeeds: [], ...step }
    const result = evaluateAlerts(state, input, p)
    state = result.state
    fired.push(...result.fired)
  })
  return { state, fired, kinds: fired.map((e) => e.kind) }
}
const hfs = (...values: number[]) => values.map((healthFactor) => ({ healthFactor }))

describe('health factor alerts', () => {
  test('crossing the warning line fires once, in words with the number and the user’s line', () => {
    const { fired } = run(hfs(1.4, 1.25, 1.18, 1.15))
    expect(fired).toHaveLength(1)
    expect(fired[0]).toMatchObject({ kind: 'warning', severity: 'warning', block: 3n, value: 1.18, line: 1.2 })
    expect(fired[0]?.message).toBe('Health factor 1.18 is below your warning line 1.20')
  })

  test('a value hovering at the line within the margin alerts once', () => {
    const hover = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? 1.199 : 1.2 + 0.019))
    expect(run(hfs(1.4, ...hover)).kinds).toEqual(['warning'])
  })

  test('the line re-arms once the value is back past it by the margin, then fires again', () => {
    const margin = healthFactorMargin(1.2)
    expect(margin).toBe(0.02)
    expect(run(hfs(1.19, 1.2 + margin, 1.19)).kinds).toEqual(['warning', 'warning'])
    expect(run(hfs(1.19, 1.2 + margin - 0.001, 1.19)).kinds).toEqual(['warning'])
  })

  test('a step through several lines fires only the most severe, and the passed lines stay quiet on the way back', () => {
    const { fired, kinds } = run(hfs(1.4, 0.97, 1.03, 1.1, 1.19))
    expect(kinds).toEqual(['liquidatable'])
    expect(fired[0]?.severity).toBe('critical')
    expect(fired[0]?.message).toBe('Health factor 0.97 is below 1: the position can be liquidated now')
  })

  test('a worsening account escalates: warning, then danger, then liquidatable', () => {
    const { kinds } = run(hfs(1.4, 1.15, 1.04, 0.99))
    expect(kinds).toEqual(['warning', 'danger', 'liquidatable'])
  })

  test('back above the target after an alert is reported once; hovering at the target says nothing more', () => {
    const { fired, kinds } = run(hfs(1.4, 1.1, 1.3, 1.51, 1.49, 1.52, 1.49))
    expect(kinds).toEqual(['warning', 'recovered'])
    expect(fired[1]).toMatchObject({ severity: 'info', value: 1.51, line: 1.5 })
    expect(fired[1]?.message).toBe('Health factor 1.51 is back above your target 1.50')
    expect(run(hfs(1.1, Number.POSITIVE_INFINITY)).fired[1]?.message).toBe(
      'The debt is repaid: nothing left to liquidate',
    )
  })

  test('above the upper line: room to borrow, once, and never for an account without debt', () => {
    const { fired, kinds } = run(hfs(1.9, 2.1, 2.05, 1.99, 2.2, 1.97, 2.2))
    expect(kinds).toEqual(['upper', 'upper'])
    expect(fired[0]?.message).toBe('Health factor 2.10 is above your upper line 2.00: you have room to borrow')
    expect(run(hfs(Number.POSITIVE_INFINITY)).kinds).toEqual([])
    expect(run(hfs(2.5), { ...profile, upperHealthFactor: null }).kinds).toEqual([])
  })

  test('the danger line follows a warning line set below 1.10', () => {
    expect(alertLines({ ...profile, warningHealthFactor: 1.06, targetHealthFactor: 1.2 }).danger).toBeCloseTo(1.03)
    expect(alertLines(profile).danger).toBe(1.05)
  })

  test('the same block again changes nothing (a report re-evaluated for new settings)', () => {
    const first = evaluateAlerts(
      INITIAL_ALERT_STATE,
      { block: 5n, time: 1, healthFactor: 1.1, staleFeeds: [] },
      profile,
    )
    const again = evaluateAlerts(first.state, { block: 5n, time: 1, healthFactor: 0.9, staleFeeds: [] }, profile)
    expect(again).toEqual({ state: first.state, fired: [] })
    // A lower block is a new chain state (a devnet reverted to a snapshot): it is evaluated.
    expect(
      evaluateAlerts(first.state, { block: 2n, time: 1, healthFactor: 0.9, staleFeeds: [] }, profile).fired,
    ).toHaveLength(1)
  })
})

describe('probability and oracle alerts', () => {
  test('P(24 h) over the limit fires once and re-arms below 80 % of the limit', () => {
    const probabilities = [0.01, 0.06, 0.045, 0.07, 0.039, 0.051, undefined, 0.2]
    const { fired, kinds } = run(probabilities.map((probability24h) => ({ probability24h })))
    expect(kinds).toEqual(['probability', 'probability'])
    expect(fired.map((e) => e.block)).toEqual([2n, 6n])
    expect(0.05 * PROBABILITY_REARM_FRACTION).toBeCloseTo(0.04)
    expect(fired[0]?.message).toBe('Probability of liquidation within 24 h is 6%, above your limit 5%')
  })

  test('a stale feed alerts once, again only after it was fresh, and not at all when switched off', () => {
    const steps: Step[] = [
      { staleFeeds: ['WETH'] },
      { staleFeeds: ['WETH'] },
      { staleFeeds: ['WETH', 'WBTC'] },
      { staleFeeds: [] },
      { staleFeeds: ['WETH'] },
    ]
    const { fired } = run(steps)
    expect(fired.map((e) => e.feeds)).toEqual([['WETH'], ['WBTC'], ['WETH']])
    expect(fired[0]).toMatchObject({ kind: 'staleOracle', severity: 'notice' })
    expect(fired[0]?.message).toBe('The WETH oracle is stale: the health factor may use an out-of-date price')
    expect(run(steps, { ...profile, alertOnStaleOracle: false }).kinds).toEqual([])
  })

  test('events of one block come most severe first', () => {
    const { fired } = run([{ healthFactor: 0.99, probability24h: 1, staleFeeds: ['WETH'] }])
    expect(fired.map((e) => e.kind)).toEqual(['liquidatable', 'probability', 'staleOracle'])
  })
})

/** Where each kind re-arms: the input moved back past its line by the margin. */
function rearms(kind: AlertKind, input: AlertInput, p: RiskProfile): boolean {
  const lines = alertLines(p)
  const hf = input.healthFactor
  switch (kind) {
    case 'liquidatable':
    case 'danger':
    case 'warning':
      return hf >= lines[kind] + healthFactorMargin(lines[kind])
    case 'upper':
      return lines.upper === null || hf <= lines.upper - healthFactorMargin(lines.upper)
    case 'probability':
      return input.probability24h !== undefined && input.probability24h < lines.probability * 0.8
    case 'recovered':
    case 'staleOracle':
      return true // recovery re-arms with a health factor alert (checked below); stale feeds per feed (unit tests)
  }
}

const HF_KINDS: AlertKind[] = ['liquidatable', 'danger', 'warning']

describe('alert properties', () => {
  // A random walk of small moves, so values hover at the lines the way prices do, with jumps
  // through several lines and the occasional repaid debt.
  const move = fc.record({
    step: fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: -30, max: 30 }).map((x) => x / 1_000) },
      { weight: 1, arbitrary: fc.integer({ min: -600, max: 600 }).map((x) => x / 1_000) },
    ),
    repaid: fc.integer({ min: 0, max: 499 }).map((x) => x === 0),
    probability24h: fc.option(
      fc.integer({ min: 0, max: 1_000 }).map((x) => x / 10_000),
      { nil: undefined },
    ),
  })
  const path = fc.array(move, { minLength: 40, maxLength: 150 }).map((moves) => {
    let hf = 1.25
    return moves.map(({ step, repaid, probability24h }) => {
      hf = Math.min(2.6, Math.max(0.8, hf + step))
      return { healthFactor: repaid ? Number.POSITIVE_INFINITY : hf, probability24h }
    })
  })

  test('no kind fires twice without its value crossing back past the re-arm line in between', () => {
    fc.assert(
      fc.property(path, (steps) => {
        let state = INITIAL_ALERT_STATE
        const lastFired = new Map<AlertKind, number>()
        const rearmedSince = new Set<AlertKind>()
        let hfAlertSinceRecovery = false
        steps.forEach((step, i) => {
          const input: AlertInput = { block: BigInt(i + 1), time: i, staleFeeds: [], ...step }
          for (const kind of lastFired.keys()) if (rearms(kind, input, profile)) rearmedSince.add(kind)
          const result = evaluateAlerts(state, input, profile)
          if (result.fired.some((e) => HF_KINDS.includes(e.kind))) hfAlertSinceRecovery = true
          for (const e of result.fired) {
            if (e.kind === 'recovered') {
              expect(hfAlertSinceRecovery).toBe(true)
              hfAlertSinceRecovery = false
            }
            if (lastFired.has(e.kind)) expect(rearmedSince.has(e.kind)).toBe(true)
            lastFired.set(e.kind, i)
            rearmedSince.delete(e.kind)
          }
          state = result.state
        })
      }),
    )
  })

  test('below the warning line some health factor alert has fired and is still tripped', () => {
    fc.assert(
      fc.property(path, (steps) => {
        let state = INITIAL_ALERT_STATE
        steps.forEach((step, i) => {
          state = evaluateAlerts(state, { block: BigInt(i + 1), time: i, staleFeeds: [], ...step }, profile).state
          if (step.healthFactor < profile.warningHealthFactor) expect(state.tripped.warning).toBe(true)
          if (step.healthFactor < 1) expect(state.tripped.liquidatable).toBe(true)
        })
      }),
    )
  })

  test('each block fires at most one health factor line, and fired events are ordered by severity', () => {
    fc.assert(
      fc.property(path, (steps) => {
        let state = INITIAL_ALERT_STATE
        steps.forEach((step, i) => {
          const result = evaluateAlerts(state, { block: BigInt(i + 1), time: i, staleFeeds: [], ...step }, profile)
          const hfKinds = result.fired.filter((e) => HF_KINDS.includes(e.kind))
          expect(hfKinds.length).toBeLessThanOrEqual(1)
          const ranks = result.fired.map((e) => SEVERITY_RANK[e.severity])
          expect(ranks).toEqual([...ranks].sort((a, b) => b - a))
          state = result.state
        })
      }),
    )
  })
})

import { describe, expect, test } from 'vitest'
import { formatBlockNumber, formatHealthFactor } from '../../ui/format'
import { type DrawOp, layoutRiskCard } from './riskCardLayout'
import { fromReport, type PrivacyLevel, type SnapshotProfile, STRESS_POINTS } from './snapshotModel'
import { ACCOUNT, noDebtReport, PROFILE, sixReserveReport, smallReport } from './snapshotTesting'

const report = sixReserveReport()
const at = (privacy: PrivacyLevel, r = report, profile: SnapshotProfile = PROFILE) =>
  fromReport(r, profile, { privacy, marketName: 'Aave V3 Ethereum' })
const texts = (ops: DrawOp[]) => ops.flatMap((op) => (op.kind === 'text' ? [op.text] : []))
const lines = (ops: DrawOp[]) => ops.filter((op): op is DrawOp & { kind: 'line' } => op.kind === 'line')

describe('layoutRiskCard', () => {
  test('the full card names the snapshot, its market, block, account and health factor', () => {
    const s = at('full')
    const shown = texts(layoutRiskCard(s).ops)
    expect(shown).toContain('MarginGuard risk snapshot')
    expect(shown).toContain('not live')
    expect(shown.some((t) => t.startsWith('Aave V3 Ethereum · chain '))).toBe(true)
    expect(
      shown.some((t) => t.startsWith(`block ${formatBlockNumber(report.block.number)} · `) && t.endsWith('UTC')),
    ).toBe(true)
    expect(shown.some((t) => t.includes(s.account as string))).toBe(true)
    expect(shown).toContain(formatHealthFactor(report.accountData.healthFactorWad))
  })

  test('every privacy level draws the same health factor, its word, P(liquidation) and stress line', () => {
    const cards = (['full', 'no-address', 'ratios'] as const).map((p) => layoutRiskCard(at(p)).ops)
    const hf = formatHealthFactor(report.accountData.healthFactorWad)
    for (const ops of cards) {
      expect(texts(ops)).toContain(hf)
      expect(texts(ops)).toContain('Safe')
      expect(texts(ops).some((t) => /^1 h .*24 h .*7 days /.test(t))).toBe(true)
    }
    const curve = (ops: DrawOp[]) => lines(ops).filter((l) => l.width === 2)
    expect(curve(cards[2] as DrawOp[])).toEqual(curve(cards[0] as DrawOp[]))
  })

  test('ratios only: no address, no dollar amount, sizes "of 100"', () => {
    const shown = texts(layoutRiskCard(at('ratios')).ops)
    const all = shown.join('\n')
    expect(all.toLowerCase()).not.toContain(ACCOUNT.toLowerCase())
    expect(all.toLowerCase()).not.toContain(ACCOUNT.slice(2, 10).toLowerCase())
    expect(all).not.toContain('$')
    expect(shown).toContain('100 (notional)')
    expect(shown.some((t) => /^\d+(\.\d+)? of 100$/.test(t))).toBe(true)
    // The same card without the address but with amounts does show dollars: the check above can fail.
    expect(texts(layoutRiskCard(at('no-address')).ops).join('\n')).toContain('$')
  })

  test('one row per position: symbol, amounts, liquidation price and distance in words', () => {
    const s = at('full')
    const ops = layoutRiskCard(s).ops
    const shown = texts(ops)
    for (const p of s.positions) expect(shown).toContain(p.symbol)
    const withPrice = s.positions.filter((p) => p.liquidation.priceBase !== null)
    expect(withPrice.length).toBeGreaterThan(0)
    const distances = shown.filter((t) => /^[-+−]?\d+(\.\d)?% if it (falls|rises)$/.test(t))
    expect(distances).toHaveLength(withPrice.length)
    const reasons = shown.filter((t) => t.startsWith('none: '))
    expect(reasons).toHaveLength(s.positions.length - withPrice.length)
  })

  test('the stress chart is a line of every grid point, with a dashed HF 1 line', () => {
    const ops = layoutRiskCard(at('full')).ops
    expect(texts(ops)).toContain('Health factor if every volatile price moves together')
    const curve = lines(ops).filter((l) => l.width === 2)
    expect(curve).toHaveLength(1)
    expect(curve[0]?.points).toHaveLength(STRESS_POINTS)
    const dashed = lines(ops).filter((l) => l.dash)
    expect(dashed.length).toBeGreaterThanOrEqual(1)
    expect(texts(ops)).toContain('1.00')
    // The curve falls as prices fall (left) and crosses the HF 1 line somewhere on the grid.
    const ys = (curve[0]?.points ?? []).map(([, y]) => y)
    const one = dashed[0]?.points[0]?.[1] as number
    expect(Math.max(...ys)).toBeGreaterThan(one)
    expect(Math.min(...ys)).toBeLessThan(one)
  })

  test('the word follows the profile’s lines, not colour alone', () => {
    const words = (warningHealthFactor: number) =>
      texts(layoutRiskCard(at('full', smallReport(), { ...PROFILE, warningHealthFactor })).ops)
    // smallReport's HF is about 1.37.
    expect(words(1.2)).toContain('Safe')
    expect(words(1.5)).toContain('Below warning line')
    expect(words(2)).toContain('Near liquidation')
  })

  test('an account without debt reads ∞, safe, no debt, and has no stress line', () => {
    const ops = layoutRiskCard(at('full', noDebtReport())).ops
    expect(texts(ops)).toContain('∞')
    expect(texts(ops)).toContain('Safe · no debt')
    expect(lines(ops).filter((l) => l.width === 2)).toHaveLength(0)
  })

  test('everything is drawn inside the card, which grows with its rows', () => {
    for (const privacy of ['full', 'ratios'] as const) {
      const { width, height, ops } = layoutRiskCard(at(privacy))
      for (const op of ops) {
        const xs = op.kind === 'line' ? op.points.map((p) => p[0]) : [op.x]
        const ysOf = op.kind === 'line' ? op.points.map((p) => p[1]) : [op.y]
        for (const x of xs) expect(x).toBeGreaterThanOrEqual(0)
        for (const x of xs) expect(x).toBeLessThanOrEqual(width)
        for (const y of ysOf) expect(y).toBeGreaterThanOrEqual(0)
        for (const y of ysOf) expect(y).toBeLessThanOrEqual(height)
      }
    }
    const small = layoutRiskCard(at('full', smallReport())).height
    expect(layoutRiskCard(at('full')).height).toBeGreaterThan(small)
  })

  test('dark draws on the dark background', () => {
    const bg = (ops: DrawOp[]) => (ops[0]?.kind === 'rect' ? ops[0].fill : null)
    expect(bg(layoutRiskCard(at('full'), { dark: true }).ops)).toBe('#0b1220')
    expect(bg(layoutRiskCard(at('full')).ops)).toBe('#f8fafc')
  })
})

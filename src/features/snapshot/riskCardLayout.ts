import { maxUint256 } from 'viem'
import {
  formatBlockNumber,
  formatDuration,
  formatNotional,
  formatPercentChange,
  formatProbability,
  formatTokenAmount,
  formatUsd,
  formatUtcDateTime,
} from '../../ui/format'
import { type HealthLevel, healthLevel } from '../glance/healthLevel'
import {
  formatHealthFactorFloat,
  formatSnapshotHealthFactor,
  isNotional,
  NO_PRICE_WORDS,
  PRIVACY_WORDS,
} from './snapshotFormat'
import { BASE_DECIMALS, type RiskSnapshot, type SnapshotStressCurve } from './snapshotModel'

/**
 * The risk card's layout (issue 8, part 5): a snapshot in, the operations that draw it out, pure
 * and unit-tested without a canvas (riskCardImage.ts runs them on a Canvas 2D context). Every
 * string comes from the validated snapshot and is drawn with fillText, never parsed as markup. At the 'ratios' level the card shows no
 * address and no dollar sign: amounts are "of 100" (collateral = 100) and prices plain numbers.
 */

export type Point = readonly [x: number, y: number]
export type DrawOp =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string; stroke?: string }
  | {
      kind: 'text'
      x: number
      y: number
      text: string
      font: string
      color: string
      align?: 'left' | 'right'
      maxWidth?: number
    }
  | { kind: 'line'; points: readonly Point[]; color: string; width: number; dash?: readonly number[] }
export type RiskCardLayout = { width: number; height: number; ops: DrawOp[] }

type Palette = Record<'bg' | 'panel' | 'fg' | 'muted' | 'border' | 'accent' | 'ok' | 'warn' | 'bad', string>
// app.css's colours (light and dark): a canvas cannot read CSS variables, and the image must not
// depend on the page's theme at the moment it is drawn.
const LIGHT: Palette = {
  bg: '#f8fafc',
  panel: '#ffffff',
  fg: '#0f172a',
  muted: '#64748b',
  border: '#e2e8f0',
  accent: '#0f766e',
  ok: '#15803d',
  warn: '#b45309',
  bad: '#b91c1c',
}
const DARK: Palette = {
  bg: '#0b1220',
  panel: '#111a2e',
  fg: '#e2e8f0',
  muted: '#94a3b8',
  border: '#1e293b',
  accent: '#2dd4bf',
  ok: '#4ade80',
  warn: '#fbbf24',
  bad: '#f87171',
}

const WIDTH = 720
const PAD = 24
const FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'
const font = (size: number, weight = 400) => `${weight} ${size}px ${FAMILY}`
const MAX_ROWS = 10
const DAY = 86_400

/** The card's words for the account against the profile's lines (glance's levels, for a viewer who is not the owner). */
export const CARD_LEVEL_WORDS: Record<HealthLevel, string> = {
  liquidatable: 'Liquidatable',
  'near-liquidation': 'Near liquidation',
  warning: 'Below warning line',
  safe: 'Safe',
}
const LEVEL_COLOUR: Record<HealthLevel, keyof Palette> = {
  liquidatable: 'bad',
  'near-liquidation': 'bad',
  warning: 'warn',
  safe: 'ok',
}
const HORIZON_WORDS: Record<number, string> = { 3600: '1 h', 86400: '24 h', 604800: '7 days' }
const NO_ODDS_WORDS = {
  'no-debt': '0% (no debt)',
  'no-risk-factor': '0% (no volatile price in the account)',
  'missing-volatility': 'not computed (no price history)',
  liquidatable: '100% (already liquidatable)',
} as const

/** A base-currency amount in the 'ratios' notional: "62.35" (of 100), never dollars. */
const notional = (base: bigint) => formatNotional(base, BASE_DECIMALS)

function probability24h(s: RiskSnapshot): number | null {
  if (s.odds.method === 'none') return s.odds.reason === 'liquidatable' ? 1 : null
  return s.odds.horizons.find((h) => h.horizonSeconds === DAY)?.probability ?? null
}

/** Snapshot → draw operations in CSS pixels (WIDTH wide, as tall as the content). Pure. */
export function layoutRiskCard(s: RiskSnapshot, { dark = false }: { dark?: boolean } = {}): RiskCardLayout {
  const c = dark ? DARK : LIGHT
  const ops: DrawOp[] = []
  const ratios = isNotional(s)
  const text = (
    x: number,
    y: number,
    t: string,
    f: string,
    color: string,
    extra: Partial<DrawOp & { kind: 'text' }> = {},
  ) => ops.push({ kind: 'text', x, y, text: t, font: f, color, ...extra })
  const rule = (y: number) =>
    ops.push({
      kind: 'line',
      points: [
        [PAD, y],
        [WIDTH - PAD, y],
      ],
      color: c.border,
      width: 1,
    })
  const inner = WIDTH - 2 * PAD
  let y = PAD
  /** Moves the pen down by dy and returns the new baseline. */
  const down = (dy: number) => {
    y += dy
    return y
  }

  // Header: what, where, when, how much is revealed; and that it is not live.
  text(PAD, down(22), 'MarginGuard risk snapshot', font(22, 700), c.fg)
  text(WIDTH - PAD, y, 'not live', font(13, 600), c.warn, { align: 'right' })
  text(PAD, down(22), `${s.market.name} · chain ${s.chainId}`, font(14), c.muted, { maxWidth: inner })
  text(
    PAD,
    down(19),
    `block ${formatBlockNumber(s.block.number)} · ${formatUtcDateTime(s.block.timestamp)}`,
    font(14),
    c.muted,
  )
  const who = s.account ? `Account ${s.account} · ` : ''
  text(PAD, down(19), `${who}${PRIVACY_WORDS[s.privacy]}`, font(13), c.muted, { maxWidth: inner })
  rule(down(12))

  // Health factor, large, with its word (never colour alone), and the headline figures beside it.
  const h = s.headline
  const level = healthLevel(h.healthFactorWad, probability24h(s), s.profile)
  const top = y + 12
  ops.push({ kind: 'rect', x: PAD, y: top, w: inner, h: 104, fill: c.panel, stroke: c.border })
  text(PAD + 16, top + 22, 'Health factor', font(13), c.muted)
  text(PAD + 16, top + 72, formatSnapshotHealthFactor(h.healthFactorWad), font(48, 700), c[LEVEL_COLOUR[level]], {
    maxWidth: 200,
  })
  const word = CARD_LEVEL_WORDS[level] + (h.healthFactorWad === maxUint256 ? ' · no debt' : '')
  text(PAD + 16, top + 94, word, font(15, 700), c[LEVEL_COLOUR[level]], { maxWidth: 220 })
  const figures: [string, string][] = [
    ['Collateral', ratios ? '100 (notional)' : formatUsd(h.totalCollateralBase, BASE_DECIMALS)],
    ['Debt', ratios ? `${notional(h.totalDebtBase)} of 100` : formatUsd(h.totalDebtBase, BASE_DECIMALS)],
    ['Lines', `warning ${s.profile.warningHealthFactor} · target ${s.profile.targetHealthFactor}`],
    [
      'All volatile together',
      h.liquidation.shock === null ? 'no move liquidates' : `liquidates at ${formatPercentChange(h.liquidation.shock)}`,
    ],
  ]
  figures.forEach(([label, value], i) => {
    const fy = top + 24 + i * 22
    text(PAD + 260, fy, label, font(13), c.muted)
    text(WIDTH - PAD - 16, fy, value, font(14, 600), c.fg, { align: 'right', maxWidth: 250 })
  })
  y = top + 104

  // P(liquidation) per horizon.
  const o = s.odds
  const odds =
    o.method === 'none'
      ? NO_ODDS_WORDS[o.reason]
      : o.horizons
          .map(
            (x) =>
              `${HORIZON_WORDS[x.horizonSeconds] ?? formatDuration(x.horizonSeconds)} ${formatProbability(x.probability)}`,
          )
          .join(' · ')
  text(PAD, down(26), 'P(liquidation)', font(13), c.muted)
  text(PAD + 110, y, odds, font(14, 600), c.fg, { maxWidth: inner - 110 })

  y = positionsTable(s, ops, c, y + 18)
  y = stressChart(s, ops, c, y + 14)

  down(26)
  if (ratios) text(PAD, y, 'Amounts per 100 of collateral; prices per unit', font(11), c.muted)
  text(WIDTH - PAD, y, 'From the snapshot alone, not a live reading', font(11), c.muted, { align: 'right' })
  const height = y + PAD
  ops.unshift({ kind: 'rect', x: 0, y: 0, w: WIDTH, h: height, fill: c.bg })
  return { width: WIDTH, height, ops }
}

/** Asset · supplied · borrowed · liquidation price · distance; returns the y below it. */
function positionsTable(s: RiskSnapshot, ops: DrawOp[], c: Palette, top: number): number {
  const ratios = isNotional(s)
  const cols = { asset: PAD, supplied: 270, borrowed: 400, price: 530, distance: WIDTH - PAD }
  const push = (
    x: number,
    y: number,
    text: string,
    color: string,
    align: 'left' | 'right',
    bold = false,
    maxWidth = 120,
  ) => ops.push({ kind: 'text', x, y, text, font: font(13, bold ? 600 : 400), color, align, maxWidth })
  let y = top + 16
  push(cols.asset, y, ratios ? 'Positions (of 100)' : 'Positions', c.muted, 'left', true)
  push(cols.supplied, y, 'Supplied', c.muted, 'right', true)
  push(cols.borrowed, y, 'Borrowed', c.muted, 'right', true)
  push(cols.price, y, 'Liq. price', c.muted, 'right', true)
  push(cols.distance, y, 'Distance', c.muted, 'right', true)
  ops.push({
    kind: 'line',
    points: [
      [PAD, y + 7],
      [WIDTH - PAD, y + 7],
    ],
    color: c.border,
    width: 1,
  })
  const value = (amount: bigint, price: bigint, decimals: number) =>
    amount === 0n
      ? '—'
      : ratios
        ? notional((amount * price) / 10n ** BigInt(decimals))
        : formatTokenAmount(amount, decimals)
  for (const p of s.positions.slice(0, MAX_ROWS)) {
    y += 22
    push(cols.asset, y, p.symbol, c.fg, 'left', true)
    push(cols.supplied, y, value(p.supplied, p.priceBase, p.decimals), c.fg, 'right')
    push(cols.borrowed, y, value(p.borrowed, p.priceBase, p.decimals), c.fg, 'right')
    const l = p.liquidation
    if (l.priceBase === null) {
      // No price: the reason spans the price and distance columns.
      push(cols.distance, y, `none: ${NO_PRICE_WORDS[l.reason]}`, c.muted, 'right', false, 280)
      continue
    }
    const price = ratios ? formatTokenAmount(l.priceBase, BASE_DECIMALS) : formatUsd(l.priceBase, BASE_DECIMALS)
    push(cols.price, y, price, c.fg, 'right')
    const words = `${formatPercentChange(l.distanceFraction)} if it ${l.direction === 'down' ? 'falls' : 'rises'}`
    push(cols.distance, y, words, c.fg, 'right')
  }
  if (s.positions.length > MAX_ROWS) {
    y += 20
    push(cols.asset, y, `and ${s.positions.length - MAX_ROWS} more`, c.muted, 'left')
  }
  return y + 8
}

/** HF against the shock of every volatile price together (or the first curve), with the HF 1 and warning lines. */
function stressChart(s: RiskSnapshot, ops: DrawOp[], c: Palette, top: number): number {
  const curve: SnapshotStressCurve | undefined = s.stress.curves.find((k) => k.label === 'all') ?? s.stress.curves[0]
  const title =
    !curve || curve.label === 'all'
      ? 'Health factor if every volatile price moves together'
      : `Health factor if ${curve.label} moves`
  ops.push({ kind: 'text', x: PAD, y: top + 16, text: title, font: font(13, 600), color: c.muted })
  const finite = curve?.healthFactor.filter(Number.isFinite) ?? []
  if (!curve || finite.length < 2) {
    ops.push({
      kind: 'text',
      x: PAD,
      y: top + 38,
      text: 'No stress curve: no debt or no volatile price.',
      font: font(13),
      color: c.muted,
    })
    return top + 44
  }
  const box = { x: PAD + 40, y: top + 28, w: WIDTH - 2 * PAD - 40, h: 150 }
  const yMax = Math.min(Math.max(1.25, ...finite, s.profile.warningHealthFactor * 1.1), 4)
  const { fromShock, toShock } = s.stress
  const n = curve.healthFactor.length - 1
  const px = (i: number) => box.x + (box.w * i) / n
  const py = (hf: number) => box.y + box.h - (box.h * Math.min(hf, yMax)) / yMax
  const xAt = (shock: number) => box.x + (box.w * (shock - fromShock)) / (toShock - fromShock || 1)
  ops.push({ kind: 'rect', x: box.x, y: box.y, w: box.w, h: box.h, fill: c.panel, stroke: c.border })
  const hLine = (hf: number, color: string, label: string) => {
    ops.push({
      kind: 'line',
      points: [
        [box.x, py(hf)],
        [box.x + box.w, py(hf)],
      ],
      color,
      width: 1,
      dash: [5, 4],
    })
    ops.push({ kind: 'text', x: box.x - 6, y: py(hf) + 4, text: label, font: font(11), color, align: 'right' })
  }
  hLine(1, c.bad, '1.00')
  if (s.profile.warningHealthFactor < yMax)
    hLine(s.profile.warningHealthFactor, c.warn, formatHealthFactorFloat(s.profile.warningHealthFactor))
  ops.push({
    kind: 'text',
    x: box.x - 6,
    y: box.y + 10,
    text: formatHealthFactorFloat(yMax),
    font: font(11),
    color: c.muted,
    align: 'right',
  })
  if (fromShock < 0 && toShock > 0)
    ops.push({
      kind: 'line',
      points: [
        [xAt(0), box.y],
        [xAt(0), box.y + box.h],
      ],
      color: c.border,
      width: 1,
    })
  // One polyline per run of finite points (a gap where HF is infinite).
  let run: Point[] = []
  const flush = () => {
    if (run.length > 1) ops.push({ kind: 'line', points: run, color: c.accent, width: 2 })
    run = []
  }
  curve.healthFactor.forEach((hf, i) => {
    if (Number.isFinite(hf)) run.push([px(i), py(hf)])
    else flush()
  })
  flush()
  const below = box.y + box.h + 15
  ops.push({ kind: 'text', x: box.x, y: below, text: formatPercentChange(fromShock), font: font(11), color: c.muted })
  if (fromShock < 0 && toShock > 0)
    ops.push({ kind: 'text', x: xAt(0) - 8, y: below, text: 'now', font: font(11), color: c.muted })
  ops.push({
    kind: 'text',
    x: box.x + box.w,
    y: below,
    text: formatPercentChange(toShock),
    font: font(11),
    color: c.muted,
    align: 'right',
  })
  if (curve.crossingShock !== null)
    ops.push({
      kind: 'text',
      x: box.x + box.w / 2 + 40,
      y: below,
      text: `reaches 1 at ${formatPercentChange(curve.crossingShock)}`,
      font: font(11, 600),
      color: c.bad,
    })
  return below
}

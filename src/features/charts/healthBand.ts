import { formatHealthFactorValue } from '../../ui/format'
import type { ChartThresholds } from './chartTypes'

/**
 * Where a health factor sits against the user's lines: the words, the colour class and the order of
 * the lines every health-factor chart draws. 1.0 (Aave's HEALTH_FACTOR_LIQUIDATION_THRESHOLD) is
 * always a line; the user's own lines come from their risk profile.
 */

export type HealthBand = 'no-debt' | 'liquidatable' | 'warning' | 'below-target' | 'on-target' | 'above-upper'

export const HEALTH_BAND_WORDS: Record<HealthBand, string> = {
  'no-debt': 'no debt',
  liquidatable: 'liquidatable (below 1)',
  warning: 'below the warning line',
  'below-target': 'below the target',
  'on-target': 'at or above the target',
  'above-upper': 'above the upper line',
}

export function healthBand(hf: number, t: ChartThresholds): HealthBand {
  if (hf === Number.POSITIVE_INFINITY) return 'no-debt'
  if (hf < 1) return 'liquidatable'
  if (hf < t.warning) return 'warning'
  if (hf < t.target) return 'below-target'
  if (t.upper != null && hf > t.upper) return 'above-upper'
  return 'on-target'
}

export type ThresholdLine = { value: number; name: string; label: string }

/** The lines to draw, lowest first: 1.0, warning, target and upper when set (usable values only). */
export function thresholdLines(t: ChartThresholds): ThresholdLine[] {
  const lines: ThresholdLine[] = [{ value: 1, name: 'liquidation', label: 'Liquidation' }]
  const add = (value: number | null | undefined, name: string, label: string) => {
    if (value == null || !Number.isFinite(value) || value <= 1) return
    if (lines.some((l) => l.value === value)) return
    lines.push({ value, name, label })
  }
  add(t.warning, 'warning', 'Warning')
  add(t.target, 'target', 'Target')
  add(t.upper, 'upper', 'Upper')
  return lines
    .sort((a, b) => a.value - b.value)
    .map((l) => ({ ...l, label: `${l.label} ${formatHealthFactorValue(l.value)}` }))
}

export type HealthAxis = { min: number; max: number }

const floorTenth = (v: number) => Math.floor(v * 10) / 10
const ceilTenth = (v: number) => Math.ceil(v * 10) / 10

/**
 * The y range of a health-factor chart: from just below min(lowest value, 1) to above the highest line,
 * stretched for higher values up to three times the highest line. A larger value (a tiny debt) or ∞
 * (no debt) is clipped to the top, which the text alternative says, so one outlier cannot flatten the
 * part of the chart where liquidation lives.
 */
export function healthAxis(values: Iterable<number>, t: ChartThresholds): HealthAxis {
  const highestLine = thresholdLines(t).at(-1)?.value ?? 1
  let low = 1
  let high = Number.NEGATIVE_INFINITY
  for (const v of values) {
    if (!Number.isFinite(v)) continue
    if (v < low) low = v
    if (v > high) high = v
  }
  const max = ceilTenth(Math.max(highestLine * 1.25, Math.min(high * 1.05, highestLine * 3)))
  const min = Math.max(0, floorTenth(low - 0.1))
  return { min, max }
}

/** A value as drawn on an axis: above the top (∞ included) at the top. */
export const clipToAxis = (hf: number, axis: HealthAxis) => Math.min(hf, axis.max)

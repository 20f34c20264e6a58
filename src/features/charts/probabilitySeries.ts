import type { LiquidationProbabilityReport } from '../../engine/liquidationProbability'
import type { RiskReport } from '../../engine/riskReport'
import type { VolatilityReport } from '../../engine/volatility'
import { formatDuration, formatProbability, formatRatio } from '../../ui/format'

const HORIZON_NAMES: Record<number, string> = { 3600: '1 hour', 86400: '24 hours', 604800: '7 days' }
export const horizonName = (seconds: number) => HORIZON_NAMES[seconds] ?? formatDuration(seconds)

export type HorizonDatum = {
  horizon: string
  /** Probability in percent, for the bars. */
  percent: number
  /** As people read it: "0.12%", "< 0.01%". */
  label: string
}

/** P(liquidation) per horizon, or none when the report could not compute one (see `probabilityNote`). */
export function horizonData(p: LiquidationProbabilityReport): HorizonDatum[] {
  if (p.method === 'none') return []
  return p.horizons.map((h) => ({
    horizon: horizonName(h.horizonSeconds),
    percent: h.probability * 100,
    label: formatProbability(h.probability),
  }))
}

/** Why there is no probability, in words (method 'none'). */
export function probabilityNote(report: RiskReport): string | null {
  const p = report.liquidationProbability
  if (p.method !== 'none') return null
  switch (p.reason) {
    case 'no-debt':
      return 'No debt: no liquidation risk.'
    case 'no-risk-factor':
      return 'Only stable prices back this account: no volatile price move can liquidate it.'
    case 'liquidatable':
      return 'The health factor is below 1: the account can be liquidated now.'
    case 'missing-volatility': {
      const symbols = p.missing.map((a) => report.assets.find((r) => r.address === a)?.symbol ?? a)
      return `Collecting oracle history: not enough yet for ${symbols.join(', ')} to estimate the probability.`
    }
  }
}

export type VolatilityDatum = {
  symbol: string
  /** Annualised volatility in percent; GARCH's current level, or null when the fit failed. */
  ewma: number
  garch: number | null
  /** The forecast the probabilities use. */
  model: 'GARCH' | 'EWMA'
}

export function volatilityData(v: VolatilityReport): VolatilityDatum[] {
  return v.assets.map((a) => ({
    symbol: a.symbol,
    ewma: a.ewmaVolatilityAnnualised * 100,
    garch: a.garch === null ? null : a.garch.currentVolatilityAnnualised * 100,
    model: a.model === 'garch' ? 'GARCH' : 'EWMA',
  }))
}

/**
 * The text alternative: the probability within each horizon and when it passes the report's
 * threshold, then each asset's annualised volatility by both estimators.
 * "Probability of liquidation: 0.12% within 1 hour, 3.1% within 24 hours, 15% within 7 days (closed form); passes 5% in 2.3 days. …"
 */
export function probabilitySummary(report: RiskReport): string {
  const p = report.liquidationProbability
  const note = probabilityNote(report)
  let first: string
  if (note !== null || p.method === 'none') first = note ?? ''
  else {
    const within = p.horizons.map((h) => `${formatProbability(h.probability)} within ${horizonName(h.horizonSeconds)}`)
    const how = p.method === 'closed-form' ? 'closed form' : 'Monte Carlo'
    const when =
      p.timeToThresholdSeconds === null
        ? ''
        : p.timeToThresholdSeconds === Number.POSITIVE_INFINITY
          ? `; never passes ${formatProbability(p.threshold)}`
          : `; passes ${formatProbability(p.threshold)} in ${formatDuration(p.timeToThresholdSeconds)}`
    first = `Probability of liquidation: ${within.join(', ')} (${how})${when}.`
  }
  const vols = volatilityData(report.volatility)
  const second =
    vols.length === 0
      ? 'Volatility: collecting oracle history.'
      : `Annualised volatility: ${vols
          .map(
            (v) =>
              `${v.symbol} EWMA ${formatRatio(v.ewma / 100)}, GARCH ${v.garch === null ? 'not fitted' : formatRatio(v.garch / 100)}`,
          )
          .join('; ')}.`
  return `${first} ${second}`
}

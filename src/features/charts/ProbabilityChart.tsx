import { memo, useMemo } from 'react'
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from 'recharts'
import type { RiskReport } from '../../engine/riskReport'
import { formatProbability, formatRatio } from '../../ui/format'
import { ChartFrame } from './ChartFrame'
import { ChartLegend } from './ChartLegend'
import { ChartPlot, gridProps, seriesStyle, tick, tooltipStyle } from './ChartPlot'
import { horizonData, probabilityNote, probabilitySummary, volatilityData } from './probabilitySeries'

const TITLE = 'Chance of liquidation and volatility'
const EWMA = 'EWMA (λ 0.94)'
const GARCH = 'GARCH(1,1) now'
const VOLATILITY_KEY = [
  { name: EWMA, colour: seriesStyle(0).colour },
  { name: GARCH, colour: seriesStyle(1).colour },
]
const percent = (v: unknown) => (typeof v === 'number' ? formatRatio(v / 100) : '')

/** P(liquidation) within 1 h, 24 h and 7 d; each asset's annualised volatility by EWMA and GARCH. */
export const ProbabilityChart = memo(function ProbabilityChart({ report }: { report: RiskReport }) {
  const horizons = useMemo(() => horizonData(report.liquidationProbability), [report.liquidationProbability])
  const volatility = useMemo(() => volatilityData(report.volatility), [report.volatility])
  const note = useMemo(() => probabilityNote(report), [report])
  const summary = useMemo(() => probabilitySummary(report), [report])
  return (
    <ChartFrame
      testId="chart-probability"
      title={TITLE}
      summary={summary}
      empty={horizons.length === 0 && volatility.length === 0}
    >
      {(summaryId) => (
        <>
          <h4 className="chart-subtitle">Probability of liquidation</h4>
          {horizons.length === 0 ? (
            <p className="chart-note muted">{note}</p>
          ) : (
            <ChartPlot label="Probability of liquidation by horizon" summaryId={summaryId} height={200}>
              <BarChart data={horizons} margin={{ top: 20, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
                <CartesianGrid {...gridProps} vertical={false} />
                <XAxis interval={0} dataKey="horizon" tick={tick} />
                <YAxis interval={0} tick={tick} tickFormatter={percent} width={48} domain={[0, 'auto']} />
                <Tooltip
                  {...tooltipStyle}
                  isAnimationActive={false}
                  formatter={(value) => [
                    typeof value === 'number' ? formatProbability(value / 100) : '',
                    'Probability',
                  ]}
                />
                <Bar dataKey="percent" fill={seriesStyle(2).colour} isAnimationActive={false}>
                  <LabelList dataKey="label" position="top" style={{ fill: 'var(--fg)', fontSize: 12 }} />
                </Bar>
              </BarChart>
            </ChartPlot>
          )}
          <h4 className="chart-subtitle">Volatility (annualised)</h4>
          {volatility.length === 0 ? (
            <p className="chart-note muted">Collecting oracle history…</p>
          ) : (
            <ChartPlot label="Annualised volatility per asset, EWMA and GARCH" summaryId={summaryId} height={200}>
              <BarChart data={volatility} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
                <CartesianGrid {...gridProps} vertical={false} />
                <XAxis interval={0} dataKey="symbol" tick={tick} />
                <YAxis interval={0} tick={tick} tickFormatter={percent} width={48} domain={[0, 'auto']} />
                <Tooltip
                  {...tooltipStyle}
                  isAnimationActive={false}
                  formatter={(value, name) => [percent(value), String(name)]}
                />
                <Bar dataKey="ewma" name={EWMA} fill={seriesStyle(0).colour} isAnimationActive={false} />
                <Bar dataKey="garch" name={GARCH} fill={seriesStyle(1).colour} isAnimationActive={false} />
              </BarChart>
            </ChartPlot>
          )}
          {volatility.length > 0 && <ChartLegend items={VOLATILITY_KEY} kind="bar" />}
        </>
      )}
    </ChartFrame>
  )
})

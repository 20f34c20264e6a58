import { memo, useMemo } from 'react'
import { Bar, BarChart, CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
import type { RiskReport } from '../../engine/riskReport'
import type { HistoryPoint } from '../../state/history/historyPoint'
import { formatClockTime, formatPriceUsd, formatShock, formatUsdCompact } from '../../ui/format'
import { ChartFrame } from './ChartFrame'
import { ChartPlot, gridProps, seriesStyle, tick, tooltipStyle } from './ChartPlot'
import { timeXAxis, ZERO_X_LINE } from './chartAxes'
import {
  assetPriceHistory,
  type LiquidationPriceDatum,
  liquidationPriceData,
  liquidationPriceSummary,
  type PricePoint,
  priceAxis,
} from './liquidationPriceSeries'
import { timeTicks } from './timeTicks'

const TITLE = 'Prices against liquidation prices'
const BAR_ROW_HEIGHT = 36
/** Small multiples (a quarter of a laptop row each): about one point per 2 px is all they can show. */
const SMALL_MULTIPLE_POINTS = 150
const SMALL_MULTIPLE_TICKS = 3

/**
 * How far each asset's price is from the price that liquidates the account (the others held fixed),
 * as signed bars, and each price's recent history against its liquidation price where the history
 * has it.
 */
export const LiquidationPriceChart = memo(function LiquidationPriceChart({
  report,
  history,
}: {
  report: RiskReport
  history: readonly HistoryPoint[]
}) {
  const data = useMemo(() => liquidationPriceData(report), [report])
  const summary = useMemo(() => liquidationPriceSummary(report, history), [report, history])
  const histories = useMemo(
    () =>
      data
        .map((d) => ({ datum: d, points: assetPriceHistory(history, d.asset, SMALL_MULTIPLE_POINTS) }))
        .filter((h) => h.points.length > 0),
    [data, history],
  )
  const bar = seriesStyle(0)
  return (
    <ChartFrame testId="chart-liquidation-prices" title={TITLE} summary={summary} empty={data.length === 0}>
      {(summaryId) => (
        <>
          <ChartPlot
            label="Distance of each price to its liquidation price"
            summaryId={summaryId}
            height={48 + BAR_ROW_HEIGHT * data.length}
          >
            <BarChart
              data={data}
              layout="vertical"
              margin={{ top: 4, right: 28, bottom: 0, left: 0 }}
              accessibilityLayer={false}
            >
              <CartesianGrid {...gridProps} horizontal={false} />
              <XAxis
                interval={0}
                type="number"
                tick={tick}
                tickFormatter={(v: number) => formatShock(v / 100)}
                domain={['auto', 'auto']}
              />
              <YAxis interval={0} type="category" dataKey="symbol" tick={tick} width={56} />
              {ZERO_X_LINE}
              <Tooltip
                {...tooltipStyle}
                isAnimationActive={false}
                formatter={(_value, _name, item) => {
                  const d = item.payload as LiquidationPriceDatum
                  return [
                    `${formatPriceUsd(d.liquidationPriceUsd)} (${formatShock(d.distanceFraction)})`,
                    'Liquidated at',
                  ]
                }}
              />
              {/* No value labels on the bars: they change every block, and the caption and tooltip give them. */}
              <Bar dataKey="distancePercent" fill={bar.colour} isAnimationActive={false} barSize={18} />
            </BarChart>
          </ChartPlot>
          {histories.length > 0 && (
            <div className="chart-small-multiples">
              {histories.map(({ datum, points }) => (
                <PriceHistory key={datum.asset} datum={datum} points={points} summaryId={summaryId} />
              ))}
            </div>
          )}
        </>
      )}
    </ChartFrame>
  )
})

function PriceHistory({
  datum,
  points,
  summaryId,
}: {
  datum: LiquidationPriceDatum
  points: readonly PricePoint[]
  summaryId: string
}) {
  const domain = useMemo(() => priceAxis(points, datum.liquidationPriceUsd), [points, datum.liquidationPriceUsd])
  const ticks = useMemo(() => timeTicks(points[0]?.time ?? 0, points.at(-1)?.time ?? 0, SMALL_MULTIPLE_TICKS), [points])
  const line = seriesStyle(1)
  const liquidationPrice = datum.liquidationPriceUsd
  // The same element while the liquidation price holds (see useThresholdReferenceLines).
  const liquidationLine = useMemo(
    () => (
      <ReferenceLine
        y={liquidationPrice}
        stroke="var(--bad)"
        label={{
          value: `Liquidation ${formatUsdCompact(liquidationPrice)}`,
          position: 'insideBottomLeft',
          fill: 'var(--muted)',
          fontSize: 11,
        }}
      />
    ),
    [liquidationPrice],
  )
  return (
    <div>
      <h4 className="chart-subtitle">{datum.symbol}</h4>
      <ChartPlot
        label={`${datum.symbol} price over time against its liquidation price`}
        summaryId={summaryId}
        height={160}
      >
        <LineChart
          data={points as PricePoint[]}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid {...gridProps} vertical={false} />
          {timeXAxis(ticks)}
          <YAxis interval={0} domain={domain} tick={tick} tickFormatter={formatUsdCompact} width={56} />
          {liquidationLine}
          <Tooltip
            {...tooltipStyle}
            isAnimationActive={false}
            labelFormatter={(time) => (typeof time === 'number' ? formatClockTime(time) : '')}
            formatter={(value) => [typeof value === 'number' ? formatPriceUsd(value) : '', 'Price']}
          />
          <Line
            dataKey="priceUsd"
            type="linear"
            stroke={line.colour}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ChartPlot>
    </div>
  )
}

/** One entry of a chart's key: its name, colour and, for lines, the dash that tells it apart. */
export type LegendItem = { name: string; colour: string; dash?: string | undefined }

/**
 * A chart's key as plain HTML under the plot, instead of Recharts' Legend: that one measures itself
 * after each render and lays the chart out a second time, on every streamed update. The key is read
 * with the chart (list semantics), the swatches are decoration.
 */
export function ChartLegend({ items, kind }: { items: readonly LegendItem[]; kind: 'line' | 'bar' }) {
  return (
    <ul className="chart-legend" aria-label="Key">
      {items.map((item) => (
        <li key={item.name}>
          <svg className="chart-legend-swatch" viewBox="0 0 24 10" aria-hidden="true">
            {kind === 'line' ? (
              <line x1="0" y1="5" x2="24" y2="5" style={{ stroke: item.colour, strokeDasharray: item.dash }} />
            ) : (
              <rect x="7" y="0" width="10" height="10" style={{ fill: item.colour }} />
            )}
          </svg>
          {item.name}
        </li>
      ))}
    </ul>
  )
}

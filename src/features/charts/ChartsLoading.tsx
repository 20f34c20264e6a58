import { CHART_CARDS, CHARTS_HEADING } from './chartLayout'

/**
 * What the page shows while the charts' chunk (recharts) loads: the same heading and grid with a
 * placeholder per chart, so nothing below moves when they arrive.
 */
export function ChartsLoading({ message = 'Loading charts…' }: { message?: string }) {
  return (
    <section className="charts" aria-labelledby="charts-heading" aria-busy="true" data-testid="charts-loading">
      <h2 id="charts-heading">{CHARTS_HEADING}</h2>
      <div className="charts-grid">
        {CHART_CARDS.map((card, i) => (
          <div
            key={card.id}
            className={card.wide ? 'chart-card chart-card-wide chart-placeholder' : 'chart-card chart-placeholder'}
            style={{ minHeight: `${card.heightRem}rem` }}
            aria-hidden={i > 0}
          >
            {i === 0 && (
              <p role="status" className="chart-empty">
                {message}
              </p>
            )}
          </div>
        ))}
      </div>
    </section>
  )
}

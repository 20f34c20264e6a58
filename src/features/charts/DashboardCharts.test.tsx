import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import type { HistoryPoint } from '../../state/history/historyPoint'
import { pointAt } from '../../state/history/historyTesting'
import { CHART_CARDS } from './chartLayout'
import { noDebtReport, report, USDC, WETH } from './chartTesting'
import DashboardCharts from './DashboardCharts'
import { LazyCharts } from './LazyCharts'

const thresholds = { warning: 1.2, target: 1.5 }
const history: HistoryPoint[] = [1, 2, 3].map((n) =>
  pointAt(n, { prices: { [WETH]: BigInt(2_000 - n) * 10n ** 8n, [USDC]: 10n ** 8n } }),
)

/** The markup as a detached document is not available in the node environment: read it with regexes. */
const testIds = (html: string) => [...html.matchAll(/<figure[^>]*data-testid="([^"]+)"/g)].map((m) => m[1])

describe('DashboardCharts (server-rendered markup)', () => {
  test('renders the six charts in the order the loading state reserves for them', () => {
    const html = renderToStaticMarkup(<DashboardCharts report={report()} history={history} thresholds={thresholds} />)
    expect(testIds(html)).toEqual(CHART_CARDS.map((c) => `chart-${c.id}`))
  })

  test('every plot is one image labelled by its chart and described by the caption', () => {
    const html = renderToStaticMarkup(<DashboardCharts report={report()} history={history} thresholds={thresholds} />)
    const plots = [...html.matchAll(/<div[^>]*class="chart-plot"[^>]*>/g)].map((m) => m[0])
    expect(plots.length).toBeGreaterThanOrEqual(4)
    const captions = new Set([...html.matchAll(/<figcaption id="([^"]+)"/g)].map((m) => m[1]))
    for (const plot of plots) {
      expect(plot).toMatch(/role="img"/)
      expect(plot).toMatch(/aria-label="[^"]+"/)
      const described = plot.match(/aria-describedby="([^"]+)"/)?.[1]
      expect(captions.has(described)).toBe(true)
    }
  })

  test('each multi-series plot has its key as a list under it, naming every series', () => {
    const html = renderToStaticMarkup(<DashboardCharts report={report()} history={history} thresholds={thresholds} />)
    const keys = [...html.matchAll(/<ul class="chart-legend" aria-label="Key">(.*?)<\/ul>/g)].map((m) =>
      [...(m[1] as string).matchAll(/<\/svg>([^<]+)<\/li>/g)].map((n) => n[1]),
    )
    expect(keys).toContainEqual(['WETH', 'All together'])
    expect(keys).toContainEqual(['Lending (Aave)', 'Uniswap LP', 'Options and perps'])
  })

  test('no debt and no history: empty states in words, no plots where there is nothing to draw', () => {
    const html = renderToStaticMarkup(<DashboardCharts report={noDebtReport()} history={[]} thresholds={thresholds} />)
    expect(html).toContain('No history yet: collecting one point per block.')
    expect(html).toContain('No debt: no price can liquidate this account, no liquidation risk.')
    expect(html).toContain('No debt: no price shock can liquidate this account.')
    expect(html).toContain('No debt: no liquidation risk.')
    expect(html).toMatch(/data-testid="chart-stress" data-empty="true"/)
    expect(html).toMatch(/data-testid="chart-health-history" data-empty="true"/)
  })
})

describe('LazyCharts', () => {
  test('shows the loading state, with one placeholder per chart, until the chunk arrives', () => {
    const html = renderToStaticMarkup(<LazyCharts report={report()} history={history} thresholds={thresholds} />)
    expect(html).toContain('Loading charts…')
    expect(html).toContain('data-testid="charts-loading"')
    expect(html.match(/chart-placeholder/g)).toHaveLength(CHART_CARDS.length)
    expect(html).not.toContain('chart-health-history')
  })
})

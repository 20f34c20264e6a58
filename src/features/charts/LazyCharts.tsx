import { Component, lazy, type ReactNode, Suspense, useMemo, useState } from 'react'
import { ChartsLoading } from './ChartsLoading'
import { CHARTS_HEADING } from './chartLayout'
import type { DashboardChartsProps } from './chartTypes'
import './charts.css'

// Recharts (~115 KB gzip) stays out of the entry chunk: DashboardCharts and what it imports load after
// the first paint (DESIGN.md: initial JavaScript ≤ 200 KB gzip). Only the type is imported statically.
const loadCharts = () => import('./DashboardCharts')

/** The dashboard's charts, loaded on first render; a loading state of the same layout until then. */
export function LazyCharts(props: DashboardChartsProps) {
  // A failed chunk load rejects the lazy component for good: a retry needs a new one.
  const [attempt, setAttempt] = useState(0)
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the reason to build a new lazy component.
  const Charts = useMemo(() => lazy(loadCharts), [attempt])
  return (
    <ChartsErrorBoundary key={attempt} onRetry={() => setAttempt((a) => a + 1)}>
      <Suspense fallback={<ChartsLoading />}>
        <Charts {...props} />
      </Suspense>
    </ChartsErrorBoundary>
  )
}

type BoundaryProps = { children: ReactNode; onRetry: () => void }

/** A chunk that fails to load (offline, a deploy replaced it) must not take the page down with it. */
class ChartsErrorBoundary extends Component<BoundaryProps, { error: Error | null }> {
  override state = { error: null as Error | null }

  static getDerivedStateFromError(error: Error) {
    return { error }
  }

  override render() {
    if (!this.state.error) return this.props.children
    return (
      <section className="charts" aria-labelledby="charts-heading" data-testid="charts-error">
        <h2 id="charts-heading">{CHARTS_HEADING}</h2>
        <div className="notice notice-error" role="alert">
          <strong className="notice-title">The charts could not be loaded</strong>
          {this.state.error.message}{' '}
          <button type="button" onClick={this.props.onRetry}>
            Try again
          </button>
        </div>
      </section>
    )
  }
}

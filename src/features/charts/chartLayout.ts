/** The charts section's heading, the same while loading, loaded or failed. */
export const CHARTS_HEADING = 'Risk charts'

/**
 * The cards DashboardCharts lays out, in its order (ids as in their data-testid): the health-factor
 * history and the scenario table span the row. The loading state draws the same cards at their
 * typical height with data (rem, border box, measured at 1440 px) so little moves when they arrive.
 */
export const CHART_CARDS = [
  { id: 'health-history', wide: true, heightRem: 23.5 },
  { id: 'liquidation-prices', wide: false, heightRem: 28 },
  { id: 'stress', wide: false, heightRem: 28 },
  { id: 'greeks', wide: false, heightRem: 37 },
  { id: 'probability', wide: false, heightRem: 37 },
  { id: 'scenarios', wide: true, heightRem: 24.5 },
] as const

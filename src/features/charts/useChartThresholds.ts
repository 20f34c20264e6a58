import { useMemo } from 'react'
import type { ChartThresholds } from './chartTypes'

/** The thresholds by value: a page that builds a new object each render must not recompute every series. */
export function useChartThresholds({ warning, target, upper }: ChartThresholds): ChartThresholds {
  return useMemo(() => ({ warning, target, upper: upper ?? null }), [warning, target, upper])
}

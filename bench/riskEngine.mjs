// Registers tsx's ESM loader so the bench can run the engine's TypeScript as the app does, then
// hands back the risk engine rows (bench/riskEngineRows.ts).
import { register } from 'tsx/esm/api'

let rows
/** @returns {Promise<typeof import('./riskEngineRows.ts')>} */
export async function riskEngineRows() {
  if (!rows) {
    register()
    rows = await import('./riskEngineRows.ts')
  }
  return rows
}

let statistics
/** @returns {Promise<typeof import('./riskStatisticsRows.ts') & typeof import('./monteCarloRows.ts')>} */
export async function riskStatisticsRows() {
  if (!statistics) {
    register()
    statistics = { ...(await import('./riskStatisticsRows.ts')), ...(await import('./monteCarloRows.ts')) }
  }
  return statistics
}

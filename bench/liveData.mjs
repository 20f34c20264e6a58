// Registers tsx's ESM loader (as bench/riskEngine.mjs does) so the bench can run the chain readers'
// TypeScript, then hands back the live-data rows (bench/liveDataRows.ts).
import { register } from 'tsx/esm/api'

let rows
/** @returns {Promise<typeof import('./liveDataRows.ts')>} */
export async function liveDataRows() {
  if (!rows) {
    register()
    rows = await import('./liveDataRows.ts')
  }
  return rows
}

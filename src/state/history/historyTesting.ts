import type { HistoryPoint } from './historyPoint'

const WETH = '0x00000000000000000000000000000000000000e1'

/** A history point for tests: block n at 2 s per block, HF 1.5 − n/10⁶, one WETH price. */
export function pointAt(block: number | bigint, overrides: Partial<HistoryPoint> = {}): HistoryPoint {
  const n = BigInt(block)
  const healthFactorWad = 15n * 10n ** 17n - n * 10n ** 12n
  return {
    block: n,
    time: 1_750_000_000 + Number(n) * 2,
    healthFactor: Number(healthFactorWad) / 1e18,
    healthFactorWad,
    totalCollateralBase: 20_000n * 10n ** 8n,
    totalDebtBase: 11_000n * 10n ** 8n + n,
    prices: { [WETH]: 2_000n * 10n ** 8n - n },
    ...overrides,
  }
}

export const blocksOf = (points: readonly HistoryPoint[]) => points.map((p) => Number(p.block))

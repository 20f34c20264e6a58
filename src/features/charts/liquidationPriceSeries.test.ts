import { describe, expect, test } from 'vitest'
import { pointAt } from '../../state/history/historyTesting'
import { NOW, noDebtReport, report, USDC, WETH } from './chartTesting'
import { assetPriceHistory, liquidationPriceData, liquidationPriceSummary, priceAxis } from './liquidationPriceSeries'

const leveraged = report()
const wethAt = (n: number, usd: number, time: number) =>
  pointAt(n, { time, prices: { [WETH]: BigInt(usd) * 10n ** 8n, [USDC]: 10n ** 8n } })

describe('liquidation price series', () => {
  test('one datum per asset with a liquidation price, in USD with the signed distance', () => {
    const data = liquidationPriceData(leveraged)
    expect(data.map((d) => d.symbol)).toEqual(['WETH', 'USDC'])
    const weth = data[0]
    expect(weth?.priceUsd).toBe(2_000)
    expect(weth?.direction).toBe('down')
    // HF 1 where 10 · p · 0.825 = 12,000 → p ≈ 1,454.55 (one oracle unit of resolution).
    expect(weth?.liquidationPriceUsd).toBeCloseTo(1_454.545, 2)
    expect(weth?.distancePercent).toBeCloseTo(-27.27, 1)
    expect(data[1]?.direction).toBe('up')
  })

  test('no debt: nothing to draw and the text says there is no risk', () => {
    const r = noDebtReport()
    expect(liquidationPriceData(r)).toEqual([])
    expect(liquidationPriceSummary(r, [])).toBe('No debt: no price can liquidate this account, no liquidation risk.')
  })

  test('an asset price history in USD, only where the asset has a price, none below two points', () => {
    const history = [wethAt(1, 2_100, NOW - 100), pointAt(2, { prices: {} }), wethAt(3, 2_000, NOW)]
    expect(assetPriceHistory(history, WETH)).toEqual([
      { time: (NOW - 100) * 1_000, priceUsd: 2_100 },
      { time: NOW * 1_000, priceUsd: 2_000 },
    ])
    expect(assetPriceHistory(history.slice(0, 1), WETH)).toEqual([])
  })

  test('the price axis always shows the liquidation price, below or above the prices', () => {
    const points = [
      { time: 0, priceUsd: 2_000 },
      { time: 1, priceUsd: 2_200 },
    ]
    expect(priceAxis(points, 1_500)).toEqual([1_425, 2_310])
    expect(priceAxis(points, 3_000)).toEqual([1_900, 3_150])
  })

  test('a long price history is downsampled to the cap', () => {
    const history = Array.from({ length: 5_000 }, (_, i) => wethAt(i, 2_000 + (i % 13), NOW - 5_000 + i))
    expect(assetPriceHistory(history, WETH, 500)).toHaveLength(500)
  })

  test('the text gives each price and liquidation price, the nearest, and its move toward liquidation', () => {
    const history = [wethAt(1, 2_100, NOW - 3_600), wethAt(2, 2_000, NOW)]
    expect(liquidationPriceSummary(leveraged, history)).toBe(
      'WETH $2,000.00, liquidated at $1,454.55 (27.3% lower); USDC $1.00, liquidated at $1.38 (37.5% higher). ' +
        'Nearest: WETH, 27.3% lower; WETH down 4.8% over the last hour, toward its liquidation price.',
    )
    expect(liquidationPriceSummary(leveraged, [])).toMatch(/Nearest: WETH, 27\.3% lower\.$/)
  })
})

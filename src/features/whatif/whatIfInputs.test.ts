import { describe, expect, test } from 'vitest'
import type { AssetRow } from '../../engine/riskReport'
import type { Hex } from '../../engine/snapshot'
import { assetSliderText, isLive, LIVE_INPUTS, shockOf, shockWords, volatilityWords } from './whatIfInputs'

const weth = { address: '0x01' as Hex, volatile: true, priceBase: 3_000n * 10n ** 8n, symbol: 'WETH' } as AssetRow
const usdc = { address: '0x02' as Hex, volatile: false, priceBase: 10n ** 8n, symbol: 'USDC' } as AssetRow

describe('what-if inputs', () => {
  test('live until a slider moves', () => {
    expect(isLive(LIVE_INPUTS)).toBe(true)
    expect(isLive({ ...LIVE_INPUTS, assets: { [weth.address]: 0 } })).toBe(true)
    expect(isLive({ ...LIVE_INPUTS, all: -1 })).toBe(false)
    expect(isLive({ ...LIVE_INPUTS, volatilityScale: 1.5 })).toBe(false)
    expect(isLive({ ...LIVE_INPUTS, assets: { [usdc.address]: 2 } })).toBe(false)
  })

  test('"all together" moves the volatile assets on top of their own shock; stablecoins keep their own', () => {
    const inputs = { ...LIVE_INPUTS, assets: { [weth.address]: -20, [usdc.address]: -5 }, all: -20 }
    expect(shockOf(weth, inputs)).toBe(-3_600n)
    expect(shockOf(usdc, inputs)).toBe(-500n)
  })

  test('slider values in words, with the price they give', () => {
    expect(shockWords(-20)).toBe('20% lower')
    expect(shockWords(15)).toBe('15% higher')
    expect(shockWords(0)).toBe('unchanged')
    expect(assetSliderText(weth, { ...LIVE_INPUTS, assets: { [weth.address]: -20 } })).toBe(
      'WETH price 20% lower: $2,400.00',
    )
    expect(volatilityWords(1)).toBe('volatility as measured')
    expect(volatilityWords(1.5)).toBe('volatility 1.5× as measured')
  })
})

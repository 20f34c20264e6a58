import type { AssetRow } from '../../engine/riskReport'
import type { Hex } from '../../engine/snapshot'
import { formatMultiplier, formatRatio, formatUsd } from '../../ui/format'
import { combineShocksBps, type PriceShocksBps } from './shockSnapshot'

/** The what-if sliders: whole percent per asset and for every volatile asset together, and a volatility multiplier. */
export type WhatIfInputs = {
  assets: Readonly<Record<Hex, number>>
  all: number
  volatilityScale: number
}

export const LIVE_INPUTS: WhatIfInputs = Object.freeze({ assets: Object.freeze({}), all: 0, volatilityScale: 1 })
export const SHOCK_LIMIT_PERCENT = 60
export const VOLATILITY_RANGE = { min: 0.5, max: 3, step: 0.1 } as const

const bps = (percent: number) => BigInt(Math.round(percent * 100))

/** True when no slider is moved: the page shows the live report only. */
export function isLive(inputs: WhatIfInputs): boolean {
  return inputs.all === 0 && inputs.volatilityScale === 1 && Object.values(inputs.assets).every((p) => p === 0)
}

/** Each asset's total shock: its own slider, then "all together" for the volatile ones (stablecoins keep their peg). */
export function shockOf(asset: Pick<AssetRow, 'address' | 'volatile'>, inputs: WhatIfInputs): bigint {
  const own = bps(inputs.assets[asset.address] ?? 0)
  return asset.volatile ? combineShocksBps(own, bps(inputs.all)) : own
}

export function priceShocks(assets: readonly AssetRow[], inputs: WhatIfInputs): PriceShocksBps {
  return new Map(assets.map((a) => [a.address, shockOf(a, inputs)]))
}

/** The price the what-if uses for an asset (the same ⌊p · (10⁴ + shock) / 10⁴⌋ as shockSnapshot). */
export function shockedPrice(asset: Pick<AssetRow, 'address' | 'volatile' | 'priceBase'>, inputs: WhatIfInputs) {
  return (asset.priceBase * (10_000n + shockOf(asset, inputs))) / 10_000n
}

/** A shock in words for a screen reader: "20% lower", "15% higher", "unchanged". */
export function shockWords(percent: number): string {
  if (percent === 0) return 'unchanged'
  return `${formatRatio(Math.abs(percent) / 100)} ${percent < 0 ? 'lower' : 'higher'}`
}

export function assetSliderText(asset: AssetRow, inputs: WhatIfInputs): string {
  const own = inputs.assets[asset.address] ?? 0
  return `${asset.symbol} price ${shockWords(own)}: ${formatUsd(shockedPrice(asset, inputs))}`
}

export function volatilityWords(scale: number): string {
  return scale === 1 ? 'volatility as measured' : `volatility ${formatMultiplier(scale)} as measured`
}

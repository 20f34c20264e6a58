import { describe, expect, it } from 'vitest'
import { blockStalledSince, blockStallThresholdMs } from './blockStall'
import { LIVE_MARKETS } from './markets'

const market = (id: string) => {
  const m = LIVE_MARKETS.find((x) => x.id === id)
  if (!m) throw new Error(id)
  return m
}

describe('blockStallThresholdMs', () => {
  it('waits ten block times on Ethereum and at least 30 s on fast chains', () => {
    expect(blockStallThresholdMs({ isDevnet: false, market: market('aave-v3-ethereum') }, undefined)).toBe(120_000)
    expect(blockStallThresholdMs({ isDevnet: false, market: market('aave-v3-arbitrum') }, undefined)).toBe(30_000)
  })

  it('never calls a quiet devnet stalled, but does while its simulator should be writing rounds', () => {
    const devnet = { isDevnet: true, market: market('aave-v3-ethereum') }
    expect(blockStallThresholdMs(devnet, 'none')).toBeNull()
    expect(blockStallThresholdMs(devnet, undefined)).toBeNull()
    expect(blockStallThresholdMs(devnet, 'calm')).toBe(30_000)
  })
})

describe('blockStalledSince', () => {
  it('is undefined while blocks are fresh, and dates the stall from when the threshold passed', () => {
    expect(blockStalledSince(1_000, 31_000, 30_000)).toBeUndefined()
    expect(blockStalledSince(1_000, 31_001, 30_000)).toBe(31_000)
    expect(blockStalledSince(1_000, 90_000, 30_000)).toBe(31_000)
  })

  it('says nothing before the first head or when stalls are not tracked', () => {
    expect(blockStalledSince(undefined, 90_000, 30_000)).toBeUndefined()
    expect(blockStalledSince(1_000, 90_000, null)).toBeUndefined()
  })
})

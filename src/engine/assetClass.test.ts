import { describe, expect, test } from 'vitest'
import { isStable, isVolatile } from './assetClass'
import { fixtureAddress, reserveOf, snapshotFixture } from './testing/snapshotFixture'

describe('asset classes', () => {
  const s = snapshotFixture()
  test('USD stablecoins are stable; ETH, BTC and governance tokens are volatile', () => {
    expect(['USDC', 'DAI', 'USDT'].map((x) => isStable(s, reserveOf(s, x as 'USDC')))).toEqual([true, true, true])
    expect(['WETH', 'WBTC', 'LINK', 'CRV'].map((x) => isVolatile(s, reserveOf(s, x as 'WETH')))).toEqual([
      true,
      true,
      true,
      true,
    ])
  })

  test('an unknown symbol in a category labelled "Stablecoins" is stable (v3.0 category id and v3.2+ bitmaps)', () => {
    const renamed = { ...reserveOf(s, 'USDC'), symbol: 'XUSD' }
    expect(isStable(s, renamed)).toBe(true)
    const v33 = snapshotFixture({ poolRevision: 6 })
    expect(isStable(v33, { ...reserveOf(v33, 'DAI'), symbol: 'YUSD' })).toBe(true)
    expect(isStable(s, { ...reserveOf(s, 'WETH'), symbol: 'XETH' })).toBe(false)
  })

  test('the caller’s lists win over both rules', () => {
    const classes = { volatile: [fixtureAddress('USDC')], stable: [fixtureAddress('WETH')] }
    expect(isVolatile(s, reserveOf(s, 'USDC'), classes)).toBe(true)
    expect(isStable(s, reserveOf(s, 'WETH'), classes)).toBe(true)
  })
})

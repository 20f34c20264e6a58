import { describe, expect, test } from 'vitest'
import {
  compoundedInterest,
  compoundedInterestV34,
  HALF_WAD,
  linearInterest,
  mulDivCeil,
  percentDiv,
  percentMul,
  percentMulFloor,
  RAY,
  rayDiv,
  rayMul,
  rayMulCeil,
  rayMulFloor,
  SECONDS_PER_YEAR,
  WAD,
  wadDiv,
  wadMul,
} from './wadRayMath'

// Expected values worked out by hand from the Solidity definitions (WadRayMath, PercentageMath,
// MathUtils, aave-core-v3 1.19.3 and aave-v3-origin), not by running this code.

const YEAR = Number(SECONDS_PER_YEAR)

describe('WadRayMath and PercentageMath round half up, as on chain', () => {
  test('wadMul / wadDiv', () => {
    expect(wadMul(3n * HALF_WAD, 2n * WAD)).toBe(3n * WAD)
    expect(wadMul(1n, HALF_WAD)).toBe(1n) // 0.5 wei → 1
    expect(wadMul(1n, HALF_WAD - 1n)).toBe(0n) // 0.4999… wei → 0
    expect(wadDiv(1n, 3n)).toBe(333_333_333_333_333_333n) // (1e18 + 1) / 3
    expect(wadDiv(2n, 3n)).toBe(666_666_666_666_666_667n) // (2e18 + 1) / 3
  })

  test('rayMul / rayDiv and the v3.5 floor / ceil variants', () => {
    expect(rayMul(3n, RAY / 2n)).toBe(2n) // 1.5 → 2
    expect(rayMul(1n, RAY / 2n - 1n)).toBe(0n)
    expect(rayDiv(1n, 3n)).toBe(333_333_333_333_333_333_333_333_333n)
    expect(rayDiv(2n, 3n)).toBe(666_666_666_666_666_666_666_666_667n)
    expect(rayMulFloor(3n, RAY / 2n)).toBe(1n)
    expect(rayMulCeil(3n, RAY / 2n)).toBe(2n)
    expect(rayMulCeil(2n, RAY / 2n)).toBe(1n) // exact: no extra wei
  })

  test('percentMul / percentDiv, percentMulFloor, mulDivCeil', () => {
    expect(percentMul(10_000n, 8_250n)).toBe(8_250n)
    expect(percentMul(10_001n, 5_000n)).toBe(5_001n) // 5000.5 → 5001
    expect(percentMul(9_999n, 5_000n)).toBe(5_000n) // 4999.5 → 5000
    expect(percentMulFloor(9_999n, 5_000n)).toBe(4_999n)
    expect(percentDiv(100n, 3_000n)).toBe(333n) // 333.33…
    expect(percentDiv(200n, 3_000n)).toBe(667n) // 666.67 → 667
    expect(mulDivCeil(7n, 3n, 2n)).toBe(11n)
    expect(mulDivCeil(8n, 3n, 2n)).toBe(12n)
  })
})

describe('MathUtils interest', () => {
  test('linear: RAY + rate · Δt / year, truncated', () => {
    const fivePercent = 5n * 10n ** 25n
    expect(linearInterest(fivePercent, 0, YEAR)).toBe(1_050_000_000_000_000_000_000_000_000n)
    // 5e25 / 31,536,000 = 1,585,489,599,188,229,325.2… → truncated
    expect(linearInterest(fivePercent, 100, 101)).toBe(RAY + 1_585_489_599_188_229_325n)
    expect(linearInterest(fivePercent, 7, 7)).toBe(RAY)
  })

  test('compounded up to v3.3: three binomial terms with per-second powers truncated first', () => {
    const tenPercent = 10n ** 26n
    expect(compoundedInterest(tenPercent, 5, 5)).toBe(RAY)
    // One second: only the first term, rate / year.
    expect(compoundedInterest(tenPercent, 0, 1)).toBe(RAY + tenPercent / SECONDS_PER_YEAR)
    // A year at 10 %: basePowerTwo = ⌊rayMul(r, r) / year²⌋ = 10,055,109,076; basePowerThree =
    // ⌊rayMul(10,055,109,076, r) / year⌋ = 31; terms 1e26, ⌊n(n−1)·b₂/2⌋ = 4,999,999,841,184,405,337,632,000
    // and ⌊n(n−1)(n−2)·b₃/6⌋ = 162,042,980,598,007,237,872,000 (n = 31,536,000).
    expect(compoundedInterest(tenPercent, 0, YEAR)).toBe(
      RAY + tenPercent + 4_999_999_841_184_405_337_632_000n + 162_042_980_598_007_237_872_000n,
    )
  })

  test('compounded from v3.4: x = r·Δt/year, RAY + x + x·(x/2 + x·x/6)', () => {
    // x = 0.1 exactly: 1 + 0.1 + 0.1 · (0.05 + 0.1 · 0.0166…) = 1.105166…, rayMul rounding the last digit up.
    expect(compoundedInterestV34(10n ** 26n, 0, YEAR)).toBe(1_105_166_666_666_666_666_666_666_667n)
    expect(compoundedInterestV34(10n ** 26n, 3, 3)).toBe(RAY)
  })
})

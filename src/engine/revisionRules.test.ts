import { describe, expect, test } from 'vitest'
import { accountMathRules, POOL_REVISION, revisionFromPool } from './revisionRules'
import { compoundedInterest, compoundedInterestV34, mulDivCeil, rayMul, rayMulCeil, rayMulFloor } from './wadRayMath'

describe('revisionFromPool (aave-v3-origin PoolInstance.POOL_REVISION)', () => {
  test('1–3 are v3.0.x, 4 v3.1, 5 v3.2, 6 and later the 3.3 rule family', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => revisionFromPool(n).version)).toEqual([
      '3.0',
      '3.0',
      '3.0',
      '3.1',
      '3.2',
      '3.3',
      '3.3',
      '3.3',
      '3.3',
      '3.3',
    ])
    expect(revisionFromPool(7)).toEqual({ poolRevision: 7, version: '3.3' })
    expect(POOL_REVISION.v3_4).toBe(7) // docs/3.4: "Changed the POOL_REVISION public constant value from 6 to 7"
  })
})

describe('accountMathRules', () => {
  test('half-up balances and the binomial interest up to v3.3; Taylor interest from v3.4; directed rounding from v3.5', () => {
    const v30 = accountMathRules(revisionFromPool(1))
    const v33 = accountMathRules(revisionFromPool(6))
    const v34 = accountMathRules(revisionFromPool(7))
    const v35 = accountMathRules(revisionFromPool(8))
    expect(v30).toBe(v33)
    expect([v30.compoundedInterest, v30.aTokenBalance, v30.debtBalance]).toEqual([compoundedInterest, rayMul, rayMul])
    expect([v34.compoundedInterest, v34.aTokenBalance, v34.debtBalance]).toEqual([
      compoundedInterestV34,
      rayMul,
      rayMul,
    ])
    expect([v35.aTokenBalance, v35.debtBalance, v35.debtValue]).toEqual([rayMulFloor, rayMulCeil, mulDivCeil])
  })

  test('available borrows: percentMul up to v3.4, percentMulFloor from v3.5, never negative', () => {
    const v30 = accountMathRules(revisionFromPool(1))
    const v35 = accountMathRules(revisionFromPool(8))
    // 10,001 base units at 50 % LTV: 5000.5 → 5001 (half up) or 5000 (floor).
    expect(v30.availableBorrows(10_001n, 1n, 5_000n)).toBe(5_000n)
    expect(v35.availableBorrows(10_001n, 1n, 5_000n)).toBe(4_999n)
    expect(v30.availableBorrows(100n, 60n, 5_000n)).toBe(0n)
    expect(v35.availableBorrows(100n, 50n, 5_000n)).toBe(0n)
  })
})

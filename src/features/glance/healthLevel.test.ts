import { parseUnits } from 'viem'
import { describe, expect, test } from 'vitest'
import { evaluate } from '../../engine/evaluate'
import { snapshotFixture } from '../../engine/testing/snapshotFixture'
import { HEALTH_FACTOR_NO_DEBT } from '../../ui/format'
import { type HealthProfile, healthLevel, safeDetail } from './healthLevel'
import { borrowingPowerUsed, liquidationDistance, netWorthBase, probabilityWithin } from './reportFigures'

const profile: HealthProfile = {
  warningHealthFactor: 1.3,
  targetHealthFactor: 1.5,
  upperHealthFactor: 2.5,
  probabilityLimit24h: 0.01,
}
const hf = (x: string) => parseUnits(x, 18)

describe('health level against the user’s own lines', () => {
  test('liquidatable below 1, to the wei', () => {
    expect(healthLevel(hf('0.999999999999999999'), null, profile)).toBe('liquidatable')
    expect(healthLevel(hf('1'), null, profile)).not.toBe('liquidatable')
  })

  test('near liquidation in the lower half between 1 and the warning line', () => {
    // Warning 1.3: near below 1.15, then "below your warning line" up to 1.3.
    expect(healthLevel(hf('1.1499'), null, profile)).toBe('near-liquidation')
    expect(healthLevel(hf('1.15'), null, profile)).toBe('warning')
    expect(healthLevel(hf('1.2999'), null, profile)).toBe('warning')
    expect(healthLevel(hf('1.3'), null, profile)).toBe('safe')
  })

  test('the lines move with the profile, not with a fixed 1.1', () => {
    const cautious = { ...profile, warningHealthFactor: 2 }
    expect(healthLevel(hf('1.4'), null, cautious)).toBe('near-liquidation')
    expect(healthLevel(hf('1.8'), null, cautious)).toBe('warning')
  })

  test('a 24 h chance above the limit is near liquidation even at a comfortable HF', () => {
    expect(healthLevel(hf('1.8'), 0.02, profile)).toBe('near-liquidation')
    expect(healthLevel(hf('1.8'), 0.01, profile)).toBe('safe')
  })

  test('no debt is safe; the safe detail says where the HF sits against target and upper line', () => {
    expect(healthLevel(HEALTH_FACTOR_NO_DEBT, null, profile)).toBe('safe')
    expect(safeDetail(HEALTH_FACTOR_NO_DEBT, profile)).toBe('no debt')
    expect(safeDetail(hf('1.4'), profile)).toBe('below your target')
    expect(safeDetail(hf('2'), profile)).toBeNull()
    expect(safeDetail(hf('3'), profile)).toMatch(/above your upper line/)
    expect(safeDetail(hf('3'), { ...profile, upperHealthFactor: null })).toBeNull()
  })
})

describe('headline figures of a report', () => {
  // 10 WETH at $3,000 supplied, 1,000 DAI supplied but not collateral, 15,000 USDC borrowed.
  const snapshot = snapshotFixture({
    positions: { WETH: { supplied: 10 }, DAI: { supplied: 1_000, collateral: false }, USDC: { borrowed: 15_000 } },
  })
  const report = evaluate(snapshot, {}, { now: snapshot.blockTimestamp, seed: 1 })

  test('net worth counts every supplied asset, collateral or not, less the debt', () => {
    expect(netWorthBase(report)).toBe((30_000n + 1_000n - 15_000n) * 10n ** 8n)
  })

  test('the distance is the common fall of volatile prices to HF 1', () => {
    const d = liquidationDistance(report)
    // HF = 30,000 · 0.825 / 15,000 = 1.65: liquidated after a fall of 1 − 1/1.65 ≈ 39.4 %.
    expect(d).toMatchObject({ direction: 'down' })
    expect(d.fraction).toBeCloseTo(-(1 - 1 / 1.65), 4)
  })

  test('borrowing power used is debt over debt plus what is still available', () => {
    // LTV 80 %: 24,000 may be borrowed against 30,000 of WETH; 15,000 is: 62.5 %.
    expect(borrowingPowerUsed(report)).toBeCloseTo(0.625, 6)
  })

  test('without oracle history there is no 24 h probability, never a false 0', () => {
    expect(report.liquidationProbability.method).toBe('none')
    expect(probabilityWithin(report)).toBeNull()
  })
})

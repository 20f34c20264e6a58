import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { computeAccountData } from '../../engine/accountData'
import { fixtureAddress, reserveOf, snapshotFixture, withPrices } from '../../engine/testing/snapshotFixture'
import { poolFixture, withPools } from '../../engine/testing/uniswapPoolFixture'
import { combineShocksBps, shockSnapshot } from './shockSnapshot'

const WETH = fixtureAddress('WETH')
const WBTC = fixtureAddress('WBTC')
const USDC = fixtureAddress('USDC')

// Supplies 10 WETH and 0.5 WBTC (at $3,000 and $90,000), borrows 30,000 USDC: HF ≈ 1.54.
const trader = withPools(
  snapshotFixture({
    positions: { WETH: { supplied: 10 }, WBTC: { supplied: '0.5' }, USDC: { borrowed: 30_000 } },
  }),
  'USDC',
  ['WETH', 'WBTC'],
  10_000_000n * 10n ** 8n,
)
const hf = (s: typeof trader) => computeAccountData(s).healthFactor

describe('shockSnapshot', () => {
  test('no shock is the identity: the same snapshot, not a copy', () => {
    expect(shockSnapshot(trader, new Map())).toBe(trader)
    expect(shockSnapshot(trader, new Map([[WETH, 0n]]))).toBe(trader)
  })

  test("a shocked snapshot's HF is GenericLogic's at the shocked prices, to the wei", () => {
    const shocked = shockSnapshot(trader, new Map([[WETH, -2_000n]]))
    // $3,000 − 20 % = $2,400 exactly; WBTC and USDC keep theirs.
    expect(reserveOf(shocked, 'WETH').priceBase).toBe(2_400n * 10n ** 8n)
    expect(reserveOf(shocked, 'WBTC').priceBase).toBe(reserveOf(trader, 'WBTC').priceBase)
    expect(hf(shocked)).toBe(hf(withPrices(trader, { WETH: 2_400 })))
    // By hand: (10 · 2,400 · 0.825 + 0.5 · 90,000 · 0.78) / 30,000 = 1.83 (the LT̄ truncation aside).
    expect(Number(hf(shocked)) / 1e18).toBeCloseTo((24_000 * 0.825 + 45_000 * 0.78) / 30_000, 3)
    expect(hf(shocked)).toBeLessThan(hf(trader))
  })

  test('every asset together: each price moves, debt in a shocked asset grows with it', () => {
    const all = new Map([
      [WETH, -3_000n],
      [WBTC, -3_000n],
    ])
    const shocked = shockSnapshot(trader, all)
    expect(hf(shocked)).toBe(hf(withPrices(trader, { WETH: 2_100, WBTC: 63_000 })))
    const debtUp = shockSnapshot(trader, new Map([[USDC, 1_000n]]))
    expect(computeAccountData(debtUp).totalDebtBase).toBe(33_000n * 10n ** 8n)
  })

  test('addresses match whatever their case', () => {
    const lower = shockSnapshot(trader, new Map([[WETH.toLowerCase() as typeof WETH, -1_000n]]))
    expect(reserveOf(lower, 'WETH').priceBase).toBe(2_700n * 10n ** 8n)
  })

  test('HF never rises when a collateral-only asset falls further (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -6_000, max: 6_000 }), fc.integer({ min: 0, max: 3_000 }), (shock, more) => {
        const a = hf(shockSnapshot(trader, new Map([[WETH, BigInt(shock)]])))
        const b = hf(shockSnapshot(trader, new Map([[WETH, BigInt(shock - more)]])))
        expect(b).toBeLessThanOrEqual(a)
      }),
    )
  })

  test("the chain's own account data is dropped: it described the live prices", () => {
    const withChain = { ...trader, chainAccountData: { ...computeAccountData(trader), healthFactor: hf(trader) } }
    expect(shockSnapshot(withChain, new Map([[WETH, -100n]])).chainAccountData).toBeUndefined()
  })

  test('a shock that would zero a price is refused', () => {
    expect(() => shockSnapshot(trader, new Map([[WETH, -10_000n]]))).toThrow(RangeError)
  })
})

describe('pools move with the oracle', () => {
  test('the shocked pool sits where a pool built at the shocked prices would (√P within a part in 10¹²)', () => {
    const shocked = shockSnapshot(trader, new Map([[WETH, -2_500n]]))
    const moved = shocked.pools[WETH]
    const expected = poolFixture(reserveOf(shocked, 'WETH'), reserveOf(shocked, 'USDC'), { depthBase: 1n })
    if (!moved) throw new Error('the WETH pool is gone')
    const diff = moved.sqrtPriceX96 - expected.sqrtPriceX96
    expect(Number(diff < 0n ? -diff : diff) / Number(expected.sqrtPriceX96)).toBeLessThan(1e-12)
    expect(Math.abs(moved.tick - expected.tick)).toBeLessThanOrEqual(1)
    // Full-range liquidity only: nothing crossed.
    expect(moved.liquidity).toBe(trader.pools[WETH]?.liquidity)
    expect(shocked.pools[WBTC]).toBe(trader.pools[WBTC])
  })

  test('a concentrated position the price leaves stops counting; one it enters starts', () => {
    const weth = reserveOf(trader, 'WETH')
    const usdc = reserveOf(trader, 'USDC')
    const base = poolFixture(weth, usdc, { depthBase: 10n ** 14n })
    // A position from the current tick's neighbourhood up to ≈ +10 %, whatever token order the addresses give.
    const lower = Math.floor(base.tick / 60) * 60 - 600
    const upper = Math.floor(base.tick / 60) * 60 + 600
    const concentrated = { tickLower: lower, tickUpper: upper, liquidity: 10n ** 15n }
    const pool = poolFixture(weth, usdc, { depthBase: 10n ** 14n, concentrated })
    expect(pool.liquidity).toBe(base.liquidity + concentrated.liquidity)
    const snapshot = { ...trader, pools: { [WETH]: pool } }
    for (const shock of [-3_000n, 3_000n]) {
      const moved = shockSnapshot(snapshot, new Map([[WETH, shock]])).pools[WETH]
      if (!moved) throw new Error('the WETH pool is gone')
      expect(moved.tick < lower || moved.tick >= upper).toBe(true)
      expect(moved.liquidity).toBe(base.liquidity)
    }
  })
})

test('shocks combine multiplicatively: −20 % then −20 % is −36 %', () => {
  expect(combineShocksBps(-2_000n, -2_000n)).toBe(-3_600n)
  expect(combineShocksBps(0n, 1_500n)).toBe(1_500n)
  expect(combineShocksBps(5_000n, -5_000n)).toBe(-2_500n)
})

import { describe, expect, test } from 'vitest'
import { computeAccountData } from './accountData'
import { healthFactorTerms } from './healthFactorTerms'
import { oracleLag, poolPriceBase } from './oracleLag'
import { fixturePrice, reserveOf, snapshotFixture, withPrices } from './testing/snapshotFixture'
import { poolFixture } from './testing/uniswapPoolFixture'
import { WAD } from './wadRayMath'

const base = snapshotFixture({
  positions: { WETH: { supplied: 10 }, USDC: { borrowed: 14_000 } },
  prices: { WETH: 2_000 },
})
const weth = reserveOf(base, 'WETH')
const usdc = reserveOf(base, 'USDC')

/** The base snapshot with a WETH/USDC pool trading at `dexUsd` while the oracle still says 2 000. */
function lagging(dexUsd: number) {
  const atDex = withPrices(base, { WETH: dexUsd })
  const pool = poolFixture(reserveOf(atDex, 'WETH'), reserveOf(atDex, 'USDC'), { depthBase: fixturePrice(1_000_000) })
  return { ...base, pools: { [weth.asset]: pool } }
}

describe('poolPriceBase', () => {
  test('reads the pool’s mid price back in base currency whichever side the asset is on', () => {
    const s = lagging(1_850)
    const pool = s.pools[weth.asset]
    if (!pool) throw new Error('no pool')
    const price = poolPriceBase(s, pool, weth.asset) as bigint
    expect(Number(price) / 1e8).toBeCloseTo(1_850, 4)
    // USDC priced through WETH's oracle price (2 000): 1 USDC = 2000/1850 × 1 USD at the pool's rate.
    expect(Number(poolPriceBase(s, pool, usdc.asset)) / 1e8).toBeCloseTo(2_000 / 1_850, 6)
  })
})

describe('oracleLag', () => {
  test('a DEX 7.5 % below the oracle makes an update due; its HF is GenericLogic at the DEX price', () => {
    const s = lagging(1_850)
    const t = healthFactorTerms(s)
    const r = oracleLag(t, { now: s.blockTimestamp, warningHealthFactorWad: (WAD * 12n) / 10n })
    const row = r.rows.find((x) => x.asset === weth.asset)
    expect(row?.updateDue).toBe(true)
    expect(row?.deviationFraction).toBeCloseTo(-0.075, 4)
    const dex = row?.dexPriceBase as bigint
    expect(row?.nextHealthFactorWad).toBe(computeAccountData(s, new Map([[weth.asset, dex]])).healthFactor)
    // 10·1850·0.825 / 14 000 ≈ 1.09 < 1.2: a warning.
    expect(r.warnings.map((w) => w.asset)).toEqual([weth.asset])
  })

  test('inside the deviation threshold nothing is due and nothing warns', () => {
    const s = lagging(1_995)
    const r = oracleLag(healthFactorTerms(s), { now: s.blockTimestamp, warningHealthFactorWad: (WAD * 12n) / 10n })
    expect(r.rows.find((x) => x.asset === weth.asset)?.updateDue).toBe(false)
    expect(r.warnings).toEqual([])
  })

  test('a DEX move that raises HF is due but no warning', () => {
    const s = lagging(2_300)
    const r = oracleLag(healthFactorTerms(s), { now: s.blockTimestamp, warningHealthFactorWad: 2n * WAD })
    expect(r.rows.find((x) => x.asset === weth.asset)?.updateDue).toBe(true)
    expect(r.warnings).toEqual([])
  })

  test('a feed older than its heartbeat is stale', () => {
    const s = {
      ...lagging(2_000),
      priceHistory: { [weth.asset]: [{ roundId: 1n, answer: weth.priceBase, updatedAt: base.blockTimestamp - 4_000 }] },
    }
    const r = oracleLag(healthFactorTerms(s), {
      now: base.blockTimestamp,
      warningHealthFactorWad: WAD,
      feedRules: { [weth.asset]: { deviationBps: 50, heartbeatSeconds: 3_600 } },
    })
    const row = r.rows.find((x) => x.asset === weth.asset)
    expect(row?.feedAgeSeconds).toBe(4_000)
    expect(row?.stale).toBe(true)
    expect(r.rows.find((x) => x.asset === usdc.asset)?.stale).toBe(false)
  })
})

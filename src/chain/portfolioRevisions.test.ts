import { type Address, createClient, custom, decodeFunctionData, type Hex, toFunctionSelector } from 'viem'
import { describe, expect, test } from 'vitest'
import { computeAccountData } from '../engine/accountData'
import type { PortfolioSnapshot } from '../engine/snapshot'
import { multicall3Abi } from './abi/multicall3'
import { decodePortfolioCall, encodePortfolioCall, type MarketLayout, portfolioCalls } from './portfolioCalls'
import { clearMarketLayouts, readPortfolioSnapshot } from './readPortfolioSnapshot'
import {
  answerAggregate3,
  type FakeMarketState,
  type FakeReserve,
  FAKE_MARKET as market,
} from './testing/fakeAaveMarket'

// Vectors for the data provider shapes of Aave V3.1 to V3.7, ABI-encoded with each release's ABI
// and decoded through the reader's real path. The market is Base's (addresses and the "ETH
// correlated" e-mode 1 as @aave-dao/aave-address-book lists them): WETH id 0, cbETH 1, USDC 2,
// wstETH 3; e-mode 1 takes WETH, cbETH and wstETH as collateral (bitmap 0b1011: USDC is out) and
// lends WETH only. The user, in e-mode 1, supplies 10 wstETH and 5,000 USDC and borrows 9 WETH.
// Indexes are 1 ray and updated at the block time, so balances equal scaled balances.

const WETH: Address = '0x4200000000000000000000000000000000000006'
const CBETH: Address = '0x2Ae3F1Ec7F1F5012CFEab0185bfc7aa3cf0DEc22'
const USDC: Address = '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913'
const WSTETH: Address = '0xc1CBa3fCea344f92D9239c08C0568f6F2F0ee452'
const user: Address = '0x1111111111111111111111111111111111111111'
const E18 = 10n ** 18n
const NOW = 1_760_000_000n

const ethCorrelated = { id: 1, ltv: 9000, liquidationThreshold: 9300, liquidationBonus: 10200, label: 'ETH correlated' }

const reserves: FakeReserve[] = [
  {
    asset: WETH,
    symbol: 'WETH',
    decimals: 18,
    id: 0,
    ltv: 8000n,
    liquidationThreshold: 8300n,
    liquidationBonus: 10500n,
    price: 3000_00000000n,
    eMode: ethCorrelated,
  },
  {
    asset: CBETH,
    symbol: 'cbETH',
    decimals: 18,
    id: 1,
    ltv: 7500n,
    liquidationThreshold: 7900n,
    liquidationBonus: 10750n,
    price: 3300_00000000n,
    eMode: ethCorrelated,
  },
  {
    asset: USDC,
    symbol: 'USDC',
    decimals: 6,
    id: 2,
    ltv: 7500n,
    liquidationThreshold: 7800n,
    liquidationBonus: 10500n,
    price: 1_00000000n,
  },
  {
    asset: WSTETH,
    symbol: 'wstETH',
    decimals: 18,
    id: 3,
    ltv: 7500n,
    liquidationThreshold: 7900n,
    liquidationBonus: 10600n,
    price: 3600_00000000n,
    eMode: ethCorrelated,
  },
]

function marketState(overrides: Partial<FakeMarketState>): FakeMarketState {
  return {
    poolRevision: 5,
    uiShape: '3.2',
    chainId: 8453,
    blockTimestamp: NOW,
    reserves: reserves.map((r) => ({ ...r, virtualUnderlyingBalance: 1_000_000n * 10n ** BigInt(r.decimals) })),
    eModes: [{ ...ethCorrelated, collateralBitmap: 0b1011n, borrowableBitmap: 0b0001n }],
    user: {
      eMode: 1,
      reserves: [
        { asset: WSTETH, scaledATokenBalance: 10n * E18, usageAsCollateralEnabledOnUser: true, scaledVariableDebt: 0n },
        {
          asset: USDC,
          scaledATokenBalance: 5_000_000_000n,
          usageAsCollateralEnabledOnUser: true,
          scaledVariableDebt: 0n,
        },
        { asset: WETH, scaledATokenBalance: 0n, usageAsCollateralEnabledOnUser: false, scaledVariableDebt: 9n * E18 },
      ],
      native: 5n * 10n ** 16n,
      wallet: { [WETH]: 2n * E18, [USDC]: 100_000_000n },
    },
    ...overrides,
  }
}

const layoutOf = (state: FakeMarketState): MarketLayout => ({
  assets: state.reserves.map((r) => r.asset),
  eModePriceSources: [],
  poolRevision: state.poolRevision,
})

/** The snapshot the reader decodes from the market's answer to the call built for `layout`. */
function decode(state: FakeMarketState, layout: MarketLayout = layoutOf(state)): PortfolioSnapshot {
  const answer = answerAggregate3(state, portfolioCalls({ market, user, layout }))
  const decoded = decodePortfolioCall({ market, user, layout, blockNumber: 100n }, answer)
  if (!('snapshot' in decoded)) throw new Error(`expected a snapshot, got a stale layout ${JSON.stringify(decoded)}`)
  return decoded.snapshot
}

const byAsset = (s: PortfolioSnapshot, asset: Address) => {
  const r = s.reserves.find((x) => x.asset === asset)
  if (!r) throw new Error(`no reserve ${asset}`)
  return r
}

describe('a v3.1 data provider (56-field reserves, seven-field user reserves)', () => {
  test('decodes virtual balances, stable debt and each reserve’s e-mode category', () => {
    const state = marketState({
      poolRevision: 4,
      uiShape: '3.1',
      reserves: reserves.map((r) =>
        r.asset === USDC
          ? { ...r, virtualAccActive: false, totalPrincipalStableDebt: 700_000_000n }
          : { ...r, virtualUnderlyingBalance: 42n * E18 },
      ),
    })
    state.user.reserves.push({
      asset: CBETH,
      scaledATokenBalance: 0n,
      usageAsCollateralEnabledOnUser: false,
      scaledVariableDebt: 0n,
      principalStableDebt: 3n * E18,
      stableBorrowRate: 5n * 10n ** 25n,
      stableBorrowLastUpdateTimestamp: NOW,
    })
    const s = decode(state)
    expect(s.revision).toEqual({ poolRevision: 4, version: '3.1' })
    expect(byAsset(s, WETH).virtualUnderlyingBalance).toBe(42n * E18)
    // Virtual accounting off (GHO was so until v3.4): no virtual balance to report.
    expect(byAsset(s, USDC).virtualUnderlyingBalance).toBeUndefined()
    expect(byAsset(s, USDC).totalPrincipalStableDebt).toBe(700_000_000n)
    expect(byAsset(s, WETH).stableDebtToken).toBe('0x0000000000000000000000000000000000000200')
    expect(s.reserves.map((r) => r.eModeCategoryId)).toEqual([1, 1, 0, 1])
    expect(s.eModes).toEqual([
      {
        id: 1,
        ltv: 9000n,
        liquidationThreshold: 9300n,
        liquidationBonus: 10200n,
        label: 'ETH correlated',
        priceSource: '0x0000000000000000000000000000000000000000',
        collateralBitmap: 0b1011n,
        borrowableBitmap: 0b1011n,
      },
    ])
    expect(s.user.reserves.find((u) => u.asset === CBETH)).toEqual({
      asset: CBETH,
      scaledATokenBalance: 0n,
      usageAsCollateralEnabledOnUser: false,
      scaledVariableDebt: 0n,
      principalStableDebt: 3n * E18,
      stableBorrowRate: 5n * 10n ** 25n,
      stableBorrowLastUpdateTimestamp: Number(NOW),
    })
  })
})

describe('a v3.2 data provider (41 fields, getEModes)', () => {
  test('decodes no stable debt, virtual balances and e-modes with their bitmaps', () => {
    const s = decode(marketState({}))
    expect(s.revision).toEqual({ poolRevision: 5, version: '3.2' })
    expect(s.chainId).toBe(8453)
    expect(s.blockTimestamp).toBe(Number(NOW))
    const usdc = byAsset(s, USDC)
    expect(usdc).toMatchObject({
      symbol: 'USDC',
      decimals: 6,
      id: 2,
      eModeCategoryId: 0,
      stableBorrowRateEnabled: false,
      totalPrincipalStableDebt: 0n,
      virtualUnderlyingBalance: 1_000_000_000_000n,
      liquidationProtocolFee: 1000n,
    })
    expect(usdc.stableDebtToken).toBeUndefined()
    expect(usdc.deficit).toBeUndefined()
    expect(s.eModes).toEqual([
      {
        id: 1,
        ltv: 9000n,
        liquidationThreshold: 9300n,
        liquidationBonus: 10200n,
        label: 'ETH correlated',
        collateralBitmap: 0b1011n,
        borrowableBitmap: 0b0001n,
      },
    ])
    expect(s.user.eModeCategoryId).toBe(1)
    expect(
      s.user.reserves.map((u) => [u.asset, u.scaledATokenBalance, u.scaledVariableDebt, u.principalStableDebt]),
    ).toEqual([
      [WETH, 0n, 9n * E18, 0n],
      [USDC, 5_000_000_000n, 0n, 0n],
      [WSTETH, 10n * E18, 0n, 0n],
    ])
    expect(s.walletBalances).toEqual({ [WETH]: 2n * E18, [USDC]: 100_000_000n })
    expect(s.nativeBalance).toBe(5n * 10n ** 16n)
  })

  test('account data: a collateral outside the category’s collateral bitmap keeps its own LT and LTV', () => {
    const a = computeAccountData(decode(marketState({})))
    const lt = Object.fromEntries(a.positions.map((p) => [p.reserve.symbol, [p.liquidationThreshold, p.ltv]]))
    // WETH is in the bitmap too (it is debt here, so its terms do not count).
    expect(lt).toEqual({ WETH: [9300n, 9000n], USDC: [7800n, 7500n], wstETH: [9300n, 9000n] })
    // C = 36,000 (wstETH) + 5,000 (USDC) = 41,000 USD; ΣC·LT = 36,000·9300 + 5,000·7800;
    // LT̄ = ⌊37,380,000 / 4,100⌋ = 9117; HF = percentMul(41,000, 9117) wadDiv 27,000 (v3.0 rules).
    expect(a.totalCollateralBase).toBe(41_000_00000000n)
    expect(a.totalDebtBase).toBe(27_000_00000000n)
    expect(a.currentLiquidationThreshold).toBe(9117n)
    expect(a.ltv).toBe(8817n)
    expect(a.healthFactor).toBe(1_384_433_333_333_333_333n)
    // Were USDC in the bitmap, its 7800 would become 9300: HF 1.4122.
    const inside = computeAccountData(
      decode(marketState({ eModes: [{ ...ethCorrelated, collateralBitmap: 0b1111n, borrowableBitmap: 1n }] })),
    )
    expect(inside.healthFactor).toBe(1_412_222_222_222_222_222n)
  })
})

describe('a v3.3 data provider (42 fields: the deficit)', () => {
  test('decodes each reserve’s deficit beside its virtual balance', () => {
    const s = decode(
      marketState({
        poolRevision: 6,
        uiShape: '3.3',
        reserves: reserves.map((r) => ({
          ...r,
          virtualUnderlyingBalance: 7n,
          deficit: r.asset === USDC ? 1_234_000_000n : 0n,
        })),
      }),
    )
    expect(s.revision).toEqual({ poolRevision: 6, version: '3.3' })
    expect(byAsset(s, USDC)).toMatchObject({ deficit: 1_234_000_000n, virtualUnderlyingBalance: 7n })
    expect(byAsset(s, WETH).deficit).toBe(0n)
    expect(computeAccountData(s).healthFactor).toBe(1_384_433_333_333_333_333n)
  })

  test('behind a v3.4 pool, the v3.3 data provider is still decoded in its own shape', () => {
    const s = decode(
      marketState({ poolRevision: 7, uiShape: '3.3', reserves: reserves.map((r) => ({ ...r, deficit: 5n })) }),
    )
    expect(s.revision).toEqual({ poolRevision: 7, version: '3.3' })
    expect(byAsset(s, CBETH).deficit).toBe(5n)
  })
})

describe('a v3.4+ data provider (40 fields) with the v3.6 and v3.7 e-mode categories', () => {
  const withCbEth = (state: FakeMarketState): FakeMarketState => {
    state.user.reserves.push({
      asset: CBETH,
      scaledATokenBalance: E18,
      usageAsCollateralEnabledOnUser: true,
      scaledVariableDebt: 0n,
    })
    return state
  }

  test('v3.6: an asset in the ltvzero bitmap counts at the e-mode LT but adds no borrowing power', () => {
    const s = decode(
      withCbEth(
        marketState({
          poolRevision: 9,
          uiShape: '3.4',
          eModesShape: '3.6',
          eModes: [{ ...ethCorrelated, collateralBitmap: 0b1011n, borrowableBitmap: 1n, ltvzeroBitmap: 0b0010n }],
          reserves: reserves.map((r) => ({ ...r, virtualUnderlyingBalance: 11n, deficit: 3n })),
        }),
      ),
    )
    expect(s.eModes[0]).toMatchObject({ collateralBitmap: 0b1011n, ltvZeroBitmap: 0b0010n })
    expect(s.eModes[0]?.isolated).toBeUndefined()
    expect(byAsset(s, WSTETH)).toMatchObject({ virtualUnderlyingBalance: 11n, deficit: 3n })
    const a = computeAccountData(s)
    const cbEth = a.positions.find((p) => p.reserve.symbol === 'cbETH')
    expect([cbEth?.liquidationThreshold, cbEth?.ltv]).toEqual([9300n, 0n])
    expect(a.hasZeroLtvCollateral).toBe(true)
    // v3.5+ rules: HF = wadDiv(ΣC·LT, D) / 10⁴ with C = 36,000 + 5,000 + 3,300 USD.
    expect(a.healthFactor).toBe(1_498_111_111_111_111_111n)
  })

  test('v3.7: an isolated category gives every collateral outside its bitmap LTV 0', () => {
    const s = decode(
      marketState({
        poolRevision: 11,
        uiShape: '3.4',
        eModesShape: '3.7',
        eModes: [
          { ...ethCorrelated, collateralBitmap: 0b1011n, borrowableBitmap: 1n, ltvzeroBitmap: 0n, isolated: true },
        ],
      }),
    )
    expect(s.eModes[0]).toMatchObject({ isolated: true, ltvZeroBitmap: 0n, label: 'ETH correlated' })
    const a = computeAccountData(s)
    const usdc = a.positions.find((p) => p.reserve.symbol === 'USDC')
    expect([usdc?.liquidationThreshold, usdc?.ltv]).toEqual([7800n, 0n])
    expect(a.hasZeroLtvCollateral).toBe(true)
    expect(a.healthFactor).toBe(1_384_444_444_444_444_444n)
  })
})

describe('revision detection', () => {
  test('a pool upgraded since the layout was read answers with the new revision as a stale layout', () => {
    const upgraded = marketState({ poolRevision: 5, uiShape: '3.2' })
    const before: MarketLayout = { ...layoutOf(upgraded), poolRevision: 4 }
    // The call built for v3.1 has no getEModes; the answer tells the reader to rebuild it.
    expect(portfolioCalls({ market, user, layout: before })).toHaveLength(7 + 2 * 4)
    const answer = answerAggregate3(upgraded, portfolioCalls({ market, user, layout: before }))
    expect(decodePortfolioCall({ market, user, layout: before, blockNumber: 1n }, answer)).toEqual({
      stale: layoutOf(upgraded),
    })
    expect(portfolioCalls({ market, user, layout: layoutOf(upgraded) })).toHaveLength(8 + 2 * 4)
  })

  test('a pre-v3.2 data provider in front of a v3.2 pool is refused by name', () => {
    const state = marketState({ poolRevision: 5, uiShape: '3.1' })
    expect(() => decode(state)).toThrow(/has no getEModes \(it predates v3\.2\) but the pool is revision 5/)
  })

  test('readPortfolioSnapshot follows a pool upgrade with one more eth_call that block, then one per block', async () => {
    let state = marketState({ poolRevision: 4, uiShape: '3.1' })
    const methods: string[] = []
    const client = createClient({
      transport: custom({
        async request({ method, params }) {
          methods.push(method)
          if (method !== 'eth_call') throw new Error(`unexpected ${method}`)
          const [{ data }] = params as [{ to: Address; data: Hex }]
          const { args } = decodeFunctionData({ abi: multicall3Abi, data })
          if (!args) throw new Error('aggregate3 without calls')
          return answerAggregate3(state, args[0] as Parameters<typeof answerAggregate3>[1])
        },
      }),
    })
    clearMarketLayouts(client)
    const first = await readPortfolioSnapshot(client, { market, user, blockNumber: 1n })
    expect(first.revision.version).toBe('3.1')
    expect(methods).toEqual(['eth_call', 'eth_call']) // reserve list and revision, then the read

    state = marketState({ poolRevision: 5, uiShape: '3.2' })
    methods.length = 0
    const upgraded = await readPortfolioSnapshot(client, { market, user, blockNumber: 2n })
    expect(upgraded.revision.version).toBe('3.2')
    expect(upgraded.eModes[0]?.borrowableBitmap).toBe(1n)
    expect(methods).toEqual(['eth_call', 'eth_call']) // stale answer, then the v3.2 call

    methods.length = 0
    await readPortfolioSnapshot(client, { market, user, blockNumber: 3n })
    expect(methods).toEqual(['eth_call'])
  })
})

test('the v3.2 call carries getEModes in its one aggregate3', () => {
  const state = marketState({})
  const data = encodePortfolioCall({ market, user, layout: layoutOf(state) })
  const { args } = decodeFunctionData({ abi: multicall3Abi, data })
  const calls = args?.[0] as readonly { target: Address; callData: Hex }[]
  // getEModes(address) selector, aimed at the data provider, last of the fixed head.
  expect(calls[7]?.target.toLowerCase()).toBe(market.uiPoolDataProvider.toLowerCase())
  expect(calls[7]?.callData.slice(0, 10)).toBe(toFunctionSelector('getEModes(address)'))
})

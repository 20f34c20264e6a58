import {
  type Address,
  type ContractFunctionReturnType,
  decodeFunctionData,
  encodeAbiParameters,
  encodeFunctionResult,
  type Hex,
  zeroAddress,
} from 'viem'
import { describe, expect, test } from 'vitest'
import type { AaveMarket } from './aaveMarket'
import { aaveOracleAbi } from './abi/aaveOracle'
import { erc20Abi } from './abi/erc20'
import { multicall3Abi } from './abi/multicall3'
import { poolAbi } from './abi/pool'
import { uiPoolDataProviderV3Abi } from './abi/uiPoolDataProviderV3'
import { decodePortfolioCall, encodePortfolioCall, type MarketLayout, portfolioCalls } from './portfolioCalls'

// A hand-built vector: what the chain would answer for a two-reserve market (WETH id 0, USDC id 2
// after a dropped reserve at id 1) with a user in e-mode 1 whose category has a price source.

const market: AaveMarket = {
  pool: '0x00000000000000000000000000000000000000a1',
  poolAddressesProvider: '0x00000000000000000000000000000000000000a2',
  uiPoolDataProvider: '0x00000000000000000000000000000000000000a3',
  oracle: '0x00000000000000000000000000000000000000a4',
  multicall3: '0xcA11bde05977b3631167028862bE2a173976CA11',
}
const user: Address = '0x1111111111111111111111111111111111111111'
const WETH: Address = '0x2222222222222222222222222222222222222222'
const USDC: Address = '0x3333333333333333333333333333333333333333'
const SOURCE: Address = '0x4444444444444444444444444444444444444444'
const RAY = 10n ** 27n

type UiReserve = ContractFunctionReturnType<typeof uiPoolDataProviderV3Abi, 'view', 'getReservesData'>[0][number]
type ReserveData = ContractFunctionReturnType<typeof poolAbi, 'view', 'getReserveData'>

function uiReserve(r: Partial<UiReserve> & Pick<UiReserve, 'underlyingAsset' | 'symbol'>): UiReserve {
  return {
    name: r.symbol,
    decimals: 18n,
    baseLTVasCollateral: 8000n,
    reserveLiquidationThreshold: 8250n,
    reserveLiquidationBonus: 10500n,
    reserveFactor: 1000n,
    usageAsCollateralEnabled: true,
    borrowingEnabled: true,
    stableBorrowRateEnabled: false,
    isActive: true,
    isFrozen: false,
    liquidityIndex: RAY,
    variableBorrowIndex: RAY,
    liquidityRate: 0n,
    variableBorrowRate: 0n,
    stableBorrowRate: 0n,
    lastUpdateTimestamp: 1_700_000_000,
    aTokenAddress: '0x5555555555555555555555555555555555555555',
    stableDebtTokenAddress: '0x6666666666666666666666666666666666666666',
    variableDebtTokenAddress: '0x7777777777777777777777777777777777777777',
    interestRateStrategyAddress: zeroAddress,
    availableLiquidity: 0n,
    totalPrincipalStableDebt: 0n,
    averageStableRate: 0n,
    stableDebtLastUpdateTimestamp: 0n,
    totalScaledVariableDebt: 0n,
    priceInMarketReferenceCurrency: 0n,
    priceOracle: '0x8888888888888888888888888888888888888888',
    variableRateSlope1: 0n,
    variableRateSlope2: 0n,
    stableRateSlope1: 0n,
    stableRateSlope2: 0n,
    baseStableBorrowRate: 0n,
    baseVariableBorrowRate: 0n,
    optimalUsageRatio: 0n,
    isPaused: false,
    isSiloedBorrowing: false,
    accruedToTreasury: 0n,
    unbacked: 0n,
    isolationModeTotalDebt: 0n,
    flashLoanEnabled: true,
    debtCeiling: 0n,
    debtCeilingDecimals: 2n,
    eModeCategoryId: 0,
    borrowCap: 0n,
    supplyCap: 0n,
    eModeLtv: 0,
    eModeLiquidationThreshold: 0,
    eModeLiquidationBonus: 0,
    eModePriceSource: zeroAddress,
    eModeLabel: '',
    borrowableInIsolation: false,
    ...r,
  }
}

function reserveData(id: number, feeBps: bigint): ReserveData {
  return {
    configuration: { data: feeBps << 152n },
    liquidityIndex: RAY,
    currentLiquidityRate: 0n,
    variableBorrowIndex: RAY,
    currentVariableBorrowRate: 0n,
    currentStableBorrowRate: 0n,
    lastUpdateTimestamp: 0,
    id,
    aTokenAddress: zeroAddress,
    stableDebtTokenAddress: zeroAddress,
    variableDebtTokenAddress: zeroAddress,
    interestRateStrategyAddress: zeroAddress,
    accruedToTreasury: 0n,
    unbacked: 0n,
    isolationModeTotalDebt: 0n,
  }
}

const reserves = [
  uiReserve({
    underlyingAsset: WETH,
    symbol: 'WETH',
    priceInMarketReferenceCurrency: 3000_00000000n,
    liquidityIndex: 1_010_000_000_000_000_000_000_000_000n,
    liquidityRate: 20_000_000_000_000_000_000_000_000n,
  }),
  uiReserve({
    underlyingAsset: USDC,
    symbol: 'USDC',
    decimals: 6n,
    priceInMarketReferenceCurrency: 99_990_000n,
    eModeCategoryId: 1,
    eModeLtv: 9300,
    eModeLiquidationThreshold: 9500,
    eModeLiquidationBonus: 10100,
    eModePriceSource: SOURCE,
    eModeLabel: 'Stablecoins',
    borrowableInIsolation: true,
  }),
]
const baseCurrency = {
  marketReferenceCurrencyUnit: 100_000_000n,
  marketReferenceCurrencyPriceInUsd: 100_000_000n,
  networkBaseTokenPriceInUsd: 3000_00000000n,
  networkBaseTokenPriceDecimals: 8,
}
const userReserves = [
  {
    underlyingAsset: WETH,
    scaledATokenBalance: 5n * 10n ** 18n,
    usageAsCollateralEnabledOnUser: true,
    stableBorrowRate: 0n,
    scaledVariableDebt: 0n,
    principalStableDebt: 0n,
    stableBorrowLastUpdateTimestamp: 0n,
  },
  {
    underlyingAsset: USDC,
    scaledATokenBalance: 0n,
    usageAsCollateralEnabledOnUser: false,
    stableBorrowRate: 50_000_000_000_000_000_000_000_000n,
    scaledVariableDebt: 4_000_000_000n,
    principalStableDebt: 1_000_000_000n,
    stableBorrowLastUpdateTimestamp: 1_699_000_000n,
  },
]
const layout: MarketLayout = { assets: [WETH, USDC], eModePriceSources: [SOURCE], poolRevision: 1 }
const uint = (x: bigint) => encodeAbiParameters([{ type: 'uint256' }], [x])

const everyAbi = [...multicall3Abi, ...poolAbi, ...uiPoolDataProviderV3Abi, ...aaveOracleAbi, ...erc20Abi] as const

/** The aggregate3 answer, built call by call from the plan (so it follows the plan's order). */
function answer(overrides: { reverts?: number[]; uiReserves?: UiReserve[] } = {}): Hex {
  const results = portfolioCalls({ market, user, layout }).map((call, i) => {
    if (overrides.reverts?.includes(i)) return { success: false, returnData: '0x' as Hex }
    const { functionName, args } = decodeFunctionData({ abi: everyAbi, data: call.callData })
    const returnData: Hex = (() => {
      switch (functionName) {
        case 'getCurrentBlockTimestamp':
          return uint(1_700_000_600n)
        case 'getChainId':
        case 'POOL_REVISION':
        case 'getUserEMode':
          return uint(1n)
        case 'getEthBalance':
          return uint(7n * 10n ** 17n)
        case 'getReserveData':
          return encodeFunctionResult({
            abi: poolAbi,
            functionName,
            result: args[0] === WETH ? reserveData(0, 1000n) : reserveData(2, 500n),
          })
        case 'getReservesData':
          return encodeFunctionResult({
            abi: uiPoolDataProviderV3Abi,
            functionName,
            result: [overrides.uiReserves ?? reserves, baseCurrency],
          })
        case 'getUserReservesData':
          return encodeFunctionResult({ abi: uiPoolDataProviderV3Abi, functionName, result: [userReserves, 1] })
        case 'getAssetPrice':
          return uint(100_020_000n)
        case 'balanceOf':
          return uint(call.target === WETH ? 10n : 20n)
        default:
          throw new Error(`unexpected call ${functionName}`)
      }
    })()
    return { success: true, returnData }
  })
  return encodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', result: results })
}

describe('the portfolio multicall', () => {
  test('is one aggregate3 with a fixed head, per-asset reserve data and balances, then e-mode source prices', () => {
    const calls = portfolioCalls({ market, user, layout })
    expect(calls).toHaveLength(7 + 2 * 2 + 1)
    expect(calls.slice(7, 9).every((c) => c.target === market.pool)).toBe(true)
    expect(calls.slice(9, 11).map((c) => c.target)).toEqual([WETH, USDC])
    expect(calls[11]?.target).toBe(market.oracle)
    expect(encodePortfolioCall({ market, user, layout }).startsWith('0x82ad56cb')).toBe(true) // aggregate3
  })

  test('decodes into a PortfolioSnapshot: ids from getReserveData, e-mode price, balances, block time', () => {
    const decoded = decodePortfolioCall({ market, user, layout, blockNumber: 123n }, answer())
    if (!('snapshot' in decoded)) throw new Error('expected a snapshot')
    const s = decoded.snapshot
    expect(s.blockNumber).toBe(123n)
    expect(s.blockTimestamp).toBe(1_700_000_600)
    expect(s.chainId).toBe(1)
    expect(s.revision).toEqual({ poolRevision: 1, version: '3.0' })
    expect(s.reserves.map((r) => [r.symbol, r.id, r.decimals, r.liquidationProtocolFee])).toEqual([
      ['WETH', 0, 18, 1000n],
      ['USDC', 2, 6, 500n],
    ])
    expect(s.reserves[0]?.liquidityIndex).toBe(1_010_000_000_000_000_000_000_000_000n)
    expect(s.reserves[1]?.priceBase).toBe(99_990_000n)
    expect(s.eModes).toEqual([
      {
        id: 1,
        ltv: 9300n,
        liquidationThreshold: 9500n,
        liquidationBonus: 10100n,
        label: 'Stablecoins',
        priceSource: SOURCE,
        priceBase: 100_020_000n,
        collateralBitmap: 0b100n,
        borrowableBitmap: 0b100n,
      },
    ])
    expect(s.user.eModeCategoryId).toBe(1)
    expect(s.user.reserves).toEqual([
      {
        asset: WETH,
        scaledATokenBalance: 5n * 10n ** 18n,
        usageAsCollateralEnabledOnUser: true,
        scaledVariableDebt: 0n,
        principalStableDebt: 0n,
        stableBorrowRate: 0n,
        stableBorrowLastUpdateTimestamp: 0,
      },
      {
        asset: USDC,
        scaledATokenBalance: 0n,
        usageAsCollateralEnabledOnUser: false,
        scaledVariableDebt: 4_000_000_000n,
        principalStableDebt: 1_000_000_000n,
        stableBorrowRate: 50_000_000_000_000_000_000_000_000n,
        stableBorrowLastUpdateTimestamp: 1_699_000_000,
      },
    ])
    expect(s.walletBalances).toEqual({ [WETH]: 10n, [USDC]: 20n })
    expect(s.nativeBalance).toBe(7n * 10n ** 17n)
    expect(s.baseCurrency).toEqual({ unit: 100_000_000n, priceUsd: 100_000_000n })
  })

  test('answers with a new layout when a reserve was listed or an e-mode oracle changed', () => {
    const listed = [
      ...reserves,
      uiReserve({ underlyingAsset: '0x9999999999999999999999999999999999999999', symbol: 'NEW' }),
    ]
    expect(decodePortfolioCall({ market, user, layout, blockNumber: 1n }, answer({ uiReserves: listed }))).toEqual({
      stale: {
        assets: [WETH, USDC, '0x9999999999999999999999999999999999999999'],
        eModePriceSources: [SOURCE],
        poolRevision: 1,
      },
    })
    const noSource = reserves.map((r) => ({ ...r, eModePriceSource: zeroAddress }))
    expect(decodePortfolioCall({ market, user, layout, blockNumber: 1n }, answer({ uiReserves: noSource }))).toEqual({
      stale: { assets: [WETH, USDC], eModePriceSources: [], poolRevision: 1 },
    })
  })

  test('a reverted required read fails with its name; a reverted balanceOf only loses that balance', () => {
    expect(() => decodePortfolioCall({ market, user, layout, blockNumber: 9n }, answer({ reverts: [4] }))).toThrow(
      /UiPoolDataProviderV3.getReservesData reverted at block 9/,
    )
    const decoded = decodePortfolioCall({ market, user, layout, blockNumber: 9n }, answer({ reverts: [9] }))
    expect('snapshot' in decoded && decoded.snapshot.walletBalances).toEqual({ [USDC]: 20n })
  })
})

test('a data provider that answers in no known shape is named in the error', () => {
  const calls = portfolioCalls({ market, user, layout })
  const results = calls.map((_, i) => ({
    success: true,
    returnData: i === 4 ? ('0x1234' as Hex) : encodeAbiParameters([{ type: 'uint256' }], [5n]),
  }))
  const data = encodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', result: results })
  expect(() => decodePortfolioCall({ market, user, layout, blockNumber: 1n }, data)).toThrow(
    /UiPoolDataProviderV3 at 0x0+a3 answers getReservesData in no known shape \(v3.0 to v3.4\+; pool revision 5\)/,
  )
})

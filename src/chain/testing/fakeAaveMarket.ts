import {
  type Address,
  decodeFunctionData,
  encodeAbiParameters,
  encodeFunctionResult,
  getAddress,
  type Hex,
  zeroAddress,
} from 'viem'
import type { AaveMarket } from '../aaveMarket'
import { aaveOracleAbi } from '../abi/aaveOracle'
import { erc20Abi } from '../abi/erc20'
import { multicall3Abi } from '../abi/multicall3'
import { poolAbi } from '../abi/pool'
import { uiPoolDataProviderV3Abi, uiPoolDataProviderV31Abi } from '../abi/uiPoolDataProviderV3'
import {
  getEModesV32Abi,
  getEModesV36Abi,
  getEModesV37Abi,
  uiPoolDataProviderV32Abi,
  uiPoolDataProviderV33Abi,
  uiPoolDataProviderV34Abi,
} from '../abi/uiPoolDataProviderV32'
import type { Aggregate3Call } from '../portfolioCalls'
import type { UiShape } from '../uiPoolDataShapes'

/**
 * An Aave V3 market answering Multicall3.aggregate3 the way the chain would, with its
 * UiPoolDataProviderV3 speaking the shape of a chosen release: the answers are ABI-encoded with
 * that release's ABI (viem's encodeFunctionResult), so the reader's real decode path is tested.
 */

export const RAY = 10n ** 27n

export const FAKE_MARKET: AaveMarket = {
  pool: '0x00000000000000000000000000000000000000a1',
  poolAddressesProvider: '0x00000000000000000000000000000000000000a2',
  uiPoolDataProvider: '0x00000000000000000000000000000000000000a3',
  oracle: '0x00000000000000000000000000000000000000a4',
  multicall3: '0xcA11bde05977b3631167028862bE2a173976CA11',
}

export type FakeReserve = {
  asset: Address
  symbol: string
  decimals: number
  id: number
  ltv: bigint
  liquidationThreshold: bigint
  liquidationBonus: bigint
  /** Price in base currency (8 decimals). */
  price: bigint
  liquidationProtocolFee?: bigint
  /** v3.0–v3.1 per-reserve e-mode (category id, its LTV/LT/bonus/label/price source). */
  eMode?: {
    id: number
    ltv: number
    liquidationThreshold: number
    liquidationBonus: number
    label: string
    priceSource?: Address
  }
  virtualAccActive?: boolean
  virtualUnderlyingBalance?: bigint
  deficit?: bigint
  totalPrincipalStableDebt?: bigint
}

export type FakeUserReserve = {
  asset: Address
  scaledATokenBalance: bigint
  usageAsCollateralEnabledOnUser: boolean
  scaledVariableDebt: bigint
  principalStableDebt?: bigint
  stableBorrowRate?: bigint
  stableBorrowLastUpdateTimestamp?: bigint
}

export type FakeEMode = {
  id: number
  ltv: number
  liquidationThreshold: number
  liquidationBonus: number
  label: string
  collateralBitmap: bigint
  borrowableBitmap: bigint
  ltvzeroBitmap?: bigint
  isolated?: boolean
}

export type FakeMarketState = {
  poolRevision: number
  /** The shape the data provider answers in; getEModes reverts for '3.0' and '3.1'. */
  uiShape: UiShape
  /** getEModes' EModeCategory shape (v3.2 six fields, v3.6 + ltvzeroBitmap, v3.7 + isolated). */
  eModesShape?: '3.2' | '3.6' | '3.7'
  chainId: number
  blockTimestamp: bigint
  reserves: FakeReserve[]
  eModes: FakeEMode[]
  user: { eMode: number; reserves: FakeUserReserve[]; native: bigint; wallet: Record<Address, bigint> }
  /** AaveOracle prices of e-mode price sources (v3.0–v3.1). */
  sourcePrices?: Record<Address, bigint>
}

const everyAbi = [
  ...multicall3Abi,
  ...poolAbi,
  ...uiPoolDataProviderV3Abi,
  ...getEModesV32Abi,
  ...aaveOracleAbi,
  ...erc20Abi,
] as const

const uint = (x: bigint) => encodeAbiParameters([{ type: 'uint256' }], [x])

/** Every field any AggregatedReserveData shape has; each shape's ABI encodes the ones it declares. */
function aggregatedReserve(r: FakeReserve, timestamp: bigint) {
  const e = r.eMode
  return {
    underlyingAsset: r.asset,
    name: r.symbol,
    symbol: r.symbol,
    decimals: BigInt(r.decimals),
    baseLTVasCollateral: r.ltv,
    reserveLiquidationThreshold: r.liquidationThreshold,
    reserveLiquidationBonus: r.liquidationBonus,
    reserveFactor: 1000n,
    usageAsCollateralEnabled: r.ltv !== 0n,
    borrowingEnabled: true,
    stableBorrowRateEnabled: false,
    isActive: true,
    isFrozen: false,
    liquidityIndex: RAY,
    variableBorrowIndex: RAY,
    liquidityRate: 0n,
    variableBorrowRate: 0n,
    stableBorrowRate: 0n,
    lastUpdateTimestamp: Number(timestamp),
    aTokenAddress: getAddress(`0x${(r.id + 0x100).toString(16).padStart(40, '0')}`),
    stableDebtTokenAddress: getAddress(`0x${(r.id + 0x200).toString(16).padStart(40, '0')}`),
    variableDebtTokenAddress: getAddress(`0x${(r.id + 0x300).toString(16).padStart(40, '0')}`),
    interestRateStrategyAddress: zeroAddress,
    availableLiquidity: 10n ** BigInt(r.decimals + 6),
    totalPrincipalStableDebt: r.totalPrincipalStableDebt ?? 0n,
    averageStableRate: 0n,
    stableDebtLastUpdateTimestamp: 0n,
    totalScaledVariableDebt: 0n,
    priceInMarketReferenceCurrency: r.price,
    priceOracle: getAddress(`0x${(r.id + 0x400).toString(16).padStart(40, '0')}`),
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
    eModeCategoryId: e?.id ?? 0,
    borrowCap: 0n,
    supplyCap: 0n,
    eModeLtv: e?.ltv ?? 0,
    eModeLiquidationThreshold: e?.liquidationThreshold ?? 0,
    eModeLiquidationBonus: e?.liquidationBonus ?? 0,
    eModePriceSource: e?.priceSource ?? zeroAddress,
    eModeLabel: e?.label ?? '',
    borrowableInIsolation: false,
    virtualAccActive: r.virtualAccActive ?? true,
    virtualUnderlyingBalance: r.virtualUnderlyingBalance ?? 0n,
    deficit: r.deficit ?? 0n,
  }
}

const baseCurrency = {
  marketReferenceCurrencyUnit: 100_000_000n,
  marketReferenceCurrencyPriceInUsd: 100_000_000n,
  networkBaseTokenPriceInUsd: 3000_00000000n,
  networkBaseTokenPriceDecimals: 8,
}

function reservesData(state: FakeMarketState): Hex {
  const result = [state.reserves.map((r) => aggregatedReserve(r, state.blockTimestamp)), baseCurrency] as const
  const functionName = 'getReservesData'
  switch (state.uiShape) {
    case '3.0':
      return encodeFunctionResult({ abi: uiPoolDataProviderV3Abi, functionName, result })
    case '3.1':
      return encodeFunctionResult({ abi: uiPoolDataProviderV31Abi, functionName, result })
    case '3.2':
      return encodeFunctionResult({ abi: uiPoolDataProviderV32Abi, functionName, result })
    case '3.3':
      return encodeFunctionResult({ abi: uiPoolDataProviderV33Abi, functionName, result })
    case '3.4':
      return encodeFunctionResult({ abi: uiPoolDataProviderV34Abi, functionName, result })
  }
}

function userReservesData(state: FakeMarketState): Hex {
  const users = state.reserves.map((r) => {
    const u = state.user.reserves.find((x) => x.asset === r.asset)
    return {
      underlyingAsset: r.asset,
      scaledATokenBalance: u?.scaledATokenBalance ?? 0n,
      usageAsCollateralEnabledOnUser: u?.usageAsCollateralEnabledOnUser ?? false,
      stableBorrowRate: u?.stableBorrowRate ?? 0n,
      scaledVariableDebt: u?.scaledVariableDebt ?? 0n,
      principalStableDebt: u?.principalStableDebt ?? 0n,
      stableBorrowLastUpdateTimestamp: u?.stableBorrowLastUpdateTimestamp ?? 0n,
    }
  })
  const functionName = 'getUserReservesData'
  const result = [users, state.user.eMode] as const
  return state.uiShape === '3.0' || state.uiShape === '3.1'
    ? encodeFunctionResult({ abi: uiPoolDataProviderV3Abi, functionName, result })
    : encodeFunctionResult({ abi: uiPoolDataProviderV32Abi, functionName, result })
}

function eModesData(state: FakeMarketState): Hex | undefined {
  if (state.uiShape === '3.0' || state.uiShape === '3.1') return undefined
  const result = state.eModes.map(({ id, ...eMode }) => ({
    id,
    eMode: { ...eMode, ltvzeroBitmap: eMode.ltvzeroBitmap ?? 0n, isolated: eMode.isolated ?? false },
  }))
  const functionName = 'getEModes'
  switch (state.eModesShape ?? '3.2') {
    case '3.2':
      return encodeFunctionResult({ abi: getEModesV32Abi, functionName, result })
    case '3.6':
      return encodeFunctionResult({ abi: getEModesV36Abi, functionName, result })
    case '3.7':
      return encodeFunctionResult({ abi: getEModesV37Abi, functionName, result })
  }
}

function reserveData(r: FakeReserve, timestamp: bigint) {
  return {
    configuration: { data: (r.liquidationProtocolFee ?? 1000n) << 152n },
    liquidityIndex: RAY,
    currentLiquidityRate: 0n,
    variableBorrowIndex: RAY,
    currentVariableBorrowRate: 0n,
    currentStableBorrowRate: 0n,
    lastUpdateTimestamp: Number(timestamp),
    id: r.id,
    aTokenAddress: zeroAddress,
    stableDebtTokenAddress: zeroAddress,
    variableDebtTokenAddress: zeroAddress,
    interestRateStrategyAddress: zeroAddress,
    accruedToTreasury: 0n,
    unbacked: 0n,
    isolationModeTotalDebt: 0n,
  }
}

const failed = { success: false, returnData: '0x' as Hex }

/** One call of an aggregate3 batch answered from the market's state ({ success: false } where the chain would revert). */
function answerCall(state: FakeMarketState, call: Aggregate3Call): { success: boolean; returnData: Hex } {
  const { functionName, args } = decodeFunctionData({ abi: everyAbi, data: call.callData })
  const ok = (returnData: Hex) => ({ success: true, returnData })
  switch (functionName) {
    case 'getCurrentBlockTimestamp':
      return ok(uint(state.blockTimestamp))
    case 'getChainId':
      return ok(uint(BigInt(state.chainId)))
    case 'getEthBalance':
      return ok(uint(state.user.native))
    case 'POOL_REVISION':
      return ok(uint(BigInt(state.poolRevision)))
    case 'getUserEMode':
      return ok(uint(BigInt(state.user.eMode)))
    case 'getReservesList':
      return ok(encodeAbiParameters([{ type: 'address[]' }], [state.reserves.map((r) => r.asset)]))
    case 'getReserveData': {
      const r = state.reserves.find((x) => x.asset === args[0])
      return r
        ? ok(encodeFunctionResult({ abi: poolAbi, functionName, result: reserveData(r, state.blockTimestamp) }))
        : failed
    }
    case 'getReservesData':
      return ok(reservesData(state))
    case 'getUserReservesData':
      return ok(userReservesData(state))
    case 'getEModes': {
      const data = eModesData(state)
      return data ? ok(data) : failed
    }
    case 'getAssetPrice': {
      const price = state.sourcePrices?.[args[0]]
      return price === undefined ? failed : ok(uint(price))
    }
    case 'balanceOf': {
      const balance = state.user.wallet[call.target]
      return balance === undefined ? failed : ok(uint(balance))
    }
    default:
      throw new Error(`the fake market does not answer ${functionName}`)
  }
}

/** The aggregate3 answer to a batch, encoded as Multicall3 returns it. */
export function answerAggregate3(state: FakeMarketState, calls: readonly Aggregate3Call[]): Hex {
  return encodeFunctionResult({
    abi: multicall3Abi,
    functionName: 'aggregate3',
    result: calls.map((call) => answerCall(state, call)),
  })
}

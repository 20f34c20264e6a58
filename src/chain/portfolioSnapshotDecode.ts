import { type Address, type ContractFunctionReturnType, getAddress, isAddressEqual, zeroAddress } from 'viem'
import { revisionFromPool } from '../engine/revisionRules'
import type { EModeCategory, Hex, PortfolioSnapshot, ReserveSnapshot, UserReserveSnapshot } from '../engine/snapshot'
import type { AaveMarket } from './aaveMarket'
import type { poolAbi } from './abi/pool'
import type { uiPoolDataProviderV3Abi } from './abi/uiPoolDataProviderV3'

type UiReserves = ContractFunctionReturnType<typeof uiPoolDataProviderV3Abi, 'view', 'getReservesData'>
type UiUserReserves = ContractFunctionReturnType<typeof uiPoolDataProviderV3Abi, 'view', 'getUserReservesData'>[0]
type PoolReserveData = ContractFunctionReturnType<typeof poolAbi, 'view', 'getReserveData'>

/** Everything the portfolio multicall returned, decoded per call (see portfolioCalls.ts). */
export type PortfolioReads = {
  market: AaveMarket
  user: Address
  blockNumber: bigint
  blockTimestamp: bigint
  chainId: bigint
  poolRevision: bigint
  userEMode: bigint
  nativeBalance: bigint | undefined
  reserves: UiReserves[0]
  baseCurrency: UiReserves[1]
  userReserves: UiUserReserves
  /** Pool.getReserveData per asset, in the reserves' order. */
  reserveData: readonly PoolReserveData[]
  /** balanceOf(user) per asset, in the reserves' order; undefined where the token did not answer. */
  walletBalances: readonly (bigint | undefined)[]
  /** AaveOracle prices of the e-mode price sources, by lower-case source address. */
  eModePrices: ReadonlyMap<Address, bigint>
}

/** ReserveConfiguration (v3.0–v3.3 layout): bits 152–167 hold the liquidation protocol fee. */
const liquidationProtocolFee = (configuration: bigint) => (configuration >> 152n) & 0xffffn

const hex = (a: Address) => getAddress(a) as Hex

/** Maps the decoded reads onto PortfolioSnapshot's plain-data shape. Pure. */
export function snapshotFromReads(reads: PortfolioReads): PortfolioSnapshot {
  const revision = revisionFromPool(Number(reads.poolRevision))
  const reserves: ReserveSnapshot[] = reads.reserves.map((r, i) => {
    const pool = reads.reserveData[i]
    if (!pool) throw new Error(`no Pool.getReserveData for ${r.underlyingAsset}`)
    return {
      asset: hex(r.underlyingAsset),
      symbol: r.symbol,
      decimals: Number(r.decimals),
      ltv: r.baseLTVasCollateral,
      liquidationThreshold: r.reserveLiquidationThreshold,
      liquidationBonus: r.reserveLiquidationBonus,
      reserveFactor: r.reserveFactor,
      liquidationProtocolFee: liquidationProtocolFee(pool.configuration.data),
      isActive: r.isActive,
      isFrozen: r.isFrozen,
      isPaused: r.isPaused,
      borrowingEnabled: r.borrowingEnabled,
      usageAsCollateralEnabled: r.usageAsCollateralEnabled,
      supplyCap: r.supplyCap,
      borrowCap: r.borrowCap,
      debtCeiling: r.debtCeiling,
      isolationModeTotalDebt: r.isolationModeTotalDebt,
      borrowableInIsolation: r.borrowableInIsolation,
      eModeCategoryId: r.eModeCategoryId,
      liquidityIndex: r.liquidityIndex,
      variableBorrowIndex: r.variableBorrowIndex,
      liquidityRate: r.liquidityRate,
      variableBorrowRate: r.variableBorrowRate,
      lastUpdateTimestamp: r.lastUpdateTimestamp,
      availableLiquidity: r.availableLiquidity,
      totalScaledVariableDebt: r.totalScaledVariableDebt,
      totalPrincipalStableDebt: r.totalPrincipalStableDebt,
      priceBase: r.priceInMarketReferenceCurrency,
      priceSource: hex(r.priceOracle),
      id: pool.id,
      stableBorrowRateEnabled: r.stableBorrowRateEnabled,
      siloedBorrowing: r.isSiloedBorrowing,
      aToken: hex(r.aTokenAddress),
      variableDebtToken: hex(r.variableDebtTokenAddress),
      stableDebtToken: hex(r.stableDebtTokenAddress),
    }
  })

  // v3.0–v3.1: each reserve names its one category; the categories are the distinct ones named.
  const eModes = new Map<number, EModeCategory>()
  for (const [i, r] of reads.reserves.entries()) {
    if (r.eModeCategoryId === 0) continue
    const bit = 1n << BigInt(reserves[i]?.id ?? 0)
    const known = eModes.get(r.eModeCategoryId)
    if (known) {
      known.collateralBitmap = (known.collateralBitmap ?? 0n) | bit
      known.borrowableBitmap = known.collateralBitmap
      continue
    }
    const hasSource = !isAddressEqual(r.eModePriceSource, zeroAddress)
    const priceBase = hasSource ? reads.eModePrices.get(r.eModePriceSource.toLowerCase() as Address) : undefined
    eModes.set(r.eModeCategoryId, {
      id: r.eModeCategoryId,
      ltv: BigInt(r.eModeLtv),
      liquidationThreshold: BigInt(r.eModeLiquidationThreshold),
      liquidationBonus: BigInt(r.eModeLiquidationBonus),
      label: r.eModeLabel,
      priceSource: hex(r.eModePriceSource),
      ...(priceBase === undefined ? {} : { priceBase }),
      collateralBitmap: bit,
      borrowableBitmap: bit,
    })
  }

  const userReserves: UserReserveSnapshot[] = reads.userReserves
    .filter((u) => u.scaledATokenBalance !== 0n || u.scaledVariableDebt !== 0n || u.principalStableDebt !== 0n)
    .map((u) => ({
      asset: hex(u.underlyingAsset),
      scaledATokenBalance: u.scaledATokenBalance,
      usageAsCollateralEnabledOnUser: u.usageAsCollateralEnabledOnUser,
      scaledVariableDebt: u.scaledVariableDebt,
      principalStableDebt: u.principalStableDebt,
      stableBorrowRate: u.stableBorrowRate,
      stableBorrowLastUpdateTimestamp: Number(u.stableBorrowLastUpdateTimestamp),
    }))

  const walletBalances: Record<Hex, bigint> = {}
  for (const [i, r] of reserves.entries()) {
    const balance = reads.walletBalances[i]
    if (balance !== undefined) walletBalances[r.asset] = balance
  }

  return {
    chainId: Number(reads.chainId),
    blockNumber: reads.blockNumber,
    blockTimestamp: Number(reads.blockTimestamp),
    revision,
    market: {
      pool: hex(reads.market.pool),
      poolAddressesProvider: hex(reads.market.poolAddressesProvider),
      oracle: hex(reads.market.oracle),
    },
    baseCurrency: {
      unit: reads.baseCurrency.marketReferenceCurrencyUnit,
      priceUsd: reads.baseCurrency.marketReferenceCurrencyPriceInUsd,
    },
    reserves,
    eModes: [...eModes.values()].sort((a, b) => a.id - b.id),
    user: { address: hex(reads.user), eModeCategoryId: Number(reads.userEMode), reserves: userReserves },
    walletBalances,
    ...(reads.nativeBalance === undefined ? {} : { nativeBalance: reads.nativeBalance }),
    pools: {},
    priceHistory: {},
  }
}

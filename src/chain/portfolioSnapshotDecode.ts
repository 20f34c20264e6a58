import { type Address, type ContractFunctionReturnType, getAddress, isAddressEqual, zeroAddress } from 'viem'
import { revisionFromPool } from '../engine/revisionRules'
import type { EModeCategory, Hex, PortfolioSnapshot, ReserveSnapshot, UserReserveSnapshot } from '../engine/snapshot'
import type { AaveMarket } from './aaveMarket'
import type { poolAbi } from './abi/pool'
import type { UiBaseCurrency, UiEMode, UiReserve, UiUserReserve } from './uiPoolDataShapes'

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
  /** UiPoolDataProviderV3.getReservesData, whichever shape it answered in (uiPoolDataShapes.ts). */
  reserves: readonly UiReserve[]
  baseCurrency: UiBaseCurrency
  userReserves: readonly UiUserReserve[]
  /** UiPoolDataProviderV3.getEModes (pool revision ≥ 5, v3.2+); undefined before, where each reserve names its category. */
  eModes: readonly UiEMode[] | undefined
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

/**
 * Maps the decoded reads onto PortfolioSnapshot's plain-data shape, whichever UiPoolDataProviderV3
 * shape they came in: fields a shape lacks take their later-revision meaning (no stable debt: 0;
 * e-mode membership from the categories' bitmaps). Pure.
 */
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
      eModeCategoryId: r.eModeCategoryId ?? 0,
      liquidityIndex: r.liquidityIndex,
      variableBorrowIndex: r.variableBorrowIndex,
      liquidityRate: r.liquidityRate,
      variableBorrowRate: r.variableBorrowRate,
      lastUpdateTimestamp: r.lastUpdateTimestamp,
      availableLiquidity: r.availableLiquidity,
      totalScaledVariableDebt: r.totalScaledVariableDebt,
      totalPrincipalStableDebt: r.totalPrincipalStableDebt ?? 0n,
      priceBase: r.priceInMarketReferenceCurrency,
      priceSource: hex(r.priceOracle),
      id: pool.id,
      stableBorrowRateEnabled: r.stableBorrowRateEnabled ?? false,
      siloedBorrowing: r.isSiloedBorrowing,
      aToken: hex(r.aTokenAddress),
      variableDebtToken: hex(r.variableDebtTokenAddress),
      ...(r.stableDebtTokenAddress === undefined ? {} : { stableDebtToken: hex(r.stableDebtTokenAddress) }),
      // v3.1–v3.3 flag virtual accounting per reserve; from v3.4 every reserve has it.
      ...(r.virtualUnderlyingBalance === undefined || r.virtualAccActive === false
        ? {}
        : { virtualUnderlyingBalance: r.virtualUnderlyingBalance }),
      ...(r.deficit === undefined ? {} : { deficit: r.deficit }),
    }
  })

  const eModes = reads.eModes ? eModesFromList(reads.eModes) : eModesFromReserves(reads, reserves)

  const userReserves: UserReserveSnapshot[] = reads.userReserves
    .filter((u) => u.scaledATokenBalance !== 0n || u.scaledVariableDebt !== 0n || (u.principalStableDebt ?? 0n) !== 0n)
    .map((u) => ({
      asset: hex(u.underlyingAsset),
      scaledATokenBalance: u.scaledATokenBalance,
      usageAsCollateralEnabledOnUser: u.usageAsCollateralEnabledOnUser,
      scaledVariableDebt: u.scaledVariableDebt,
      principalStableDebt: u.principalStableDebt ?? 0n,
      stableBorrowRate: u.stableBorrowRate ?? 0n,
      stableBorrowLastUpdateTimestamp: Number(u.stableBorrowLastUpdateTimestamp ?? 0n),
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
    eModes,
    user: { address: hex(reads.user), eModeCategoryId: Number(reads.userEMode), reserves: userReserves },
    walletBalances,
    ...(reads.nativeBalance === undefined ? {} : { nativeBalance: reads.nativeBalance }),
    pools: {},
    priceHistory: {},
  }
}

/** v3.0–v3.1: each reserve names its one category; the categories are the distinct ones named. */
function eModesFromReserves(reads: PortfolioReads, reserves: readonly ReserveSnapshot[]): EModeCategory[] {
  const eModes = new Map<number, EModeCategory>()
  for (const [i, r] of reads.reserves.entries()) {
    const id = r.eModeCategoryId ?? 0
    if (id === 0) continue
    const bit = 1n << BigInt(reserves[i]?.id ?? 0)
    const known = eModes.get(id)
    if (known) {
      known.collateralBitmap = (known.collateralBitmap ?? 0n) | bit
      known.borrowableBitmap = known.collateralBitmap
      continue
    }
    const source = r.eModePriceSource ?? zeroAddress
    const hasSource = !isAddressEqual(source, zeroAddress)
    const priceBase = hasSource ? reads.eModePrices.get(source.toLowerCase() as Address) : undefined
    eModes.set(id, {
      id,
      ltv: BigInt(r.eModeLtv ?? 0),
      liquidationThreshold: BigInt(r.eModeLiquidationThreshold ?? 0),
      liquidationBonus: BigInt(r.eModeLiquidationBonus ?? 0),
      label: r.eModeLabel ?? '',
      priceSource: hex(source),
      ...(priceBase === undefined ? {} : { priceBase }),
      collateralBitmap: bit,
      borrowableBitmap: bit,
    })
  }
  return [...eModes.values()].sort((a, b) => a.id - b.id)
}

/** v3.2+: UiPoolDataProviderV3.getEModes lists the categories with their bitmaps over reserve ids. */
function eModesFromList(list: readonly UiEMode[]): EModeCategory[] {
  return list
    .map(({ id, eMode }) => ({
      id,
      ltv: BigInt(eMode.ltv),
      liquidationThreshold: BigInt(eMode.liquidationThreshold),
      liquidationBonus: BigInt(eMode.liquidationBonus),
      label: eMode.label,
      collateralBitmap: eMode.collateralBitmap,
      borrowableBitmap: eMode.borrowableBitmap,
      ...(eMode.ltvzeroBitmap === undefined ? {} : { ltvZeroBitmap: eMode.ltvzeroBitmap }),
      ...(eMode.isolated === undefined ? {} : { isolated: eMode.isolated }),
    }))
    .sort((a, b) => a.id - b.id)
}

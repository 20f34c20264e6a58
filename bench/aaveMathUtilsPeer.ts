// The peer for the account-data row: @aave/math-utils, what Aave's own web app computes a user's
// totals and health factor with (formatReserves + formatUserSummary), fed the same reserves and
// user as the engine, in the strings UiPoolDataProvider answers are humanized to.
import { formatReserves, formatUserSummary } from '@aave/math-utils'
import type { PortfolioSnapshot } from '../src/engine/snapshot'

type PeerInputs = {
  reserves: Parameters<typeof formatReserves>[0]['reserves']
  eModes: NonNullable<Parameters<typeof formatReserves>[0]['eModes']>
  userReserves: Parameters<typeof formatUserSummary>[0]['userReserves']
  currentTimestamp: number
  userEmodeCategoryId: number
}

/** Converts a snapshot once (not timed: the web app receives these strings from its data provider). */
export function peerInputs(snapshot: PortfolioSnapshot): PeerInputs {
  const reserves = snapshot.reserves.map((r) => ({
    originalId: r.id,
    id: `${r.asset}-${snapshot.market.poolAddressesProvider}`,
    symbol: r.symbol,
    name: r.symbol,
    decimals: r.decimals,
    underlyingAsset: r.asset.toLowerCase(),
    usageAsCollateralEnabled: r.usageAsCollateralEnabled,
    reserveFactor: r.reserveFactor.toString(),
    baseLTVasCollateral: r.ltv.toString(),
    liquidityIndex: r.liquidityIndex.toString(),
    reserveLiquidationThreshold: r.liquidationThreshold.toString(),
    reserveLiquidationBonus: r.liquidationBonus.toString(),
    variableBorrowIndex: r.variableBorrowIndex.toString(),
    variableBorrowRate: r.variableBorrowRate.toString(),
    availableLiquidity: r.availableLiquidity.toString(),
    liquidityRate: r.liquidityRate.toString(),
    totalScaledVariableDebt: r.totalScaledVariableDebt.toString(),
    lastUpdateTimestamp: r.lastUpdateTimestamp,
    borrowCap: r.borrowCap.toString(),
    supplyCap: r.supplyCap.toString(),
    debtCeiling: r.debtCeiling.toString(),
    debtCeilingDecimals: 2,
    isolationModeTotalDebt: r.isolationModeTotalDebt.toString(),
    virtualUnderlyingBalance: r.availableLiquidity.toString(),
    deficit: '0',
    priceInMarketReferenceCurrency: r.priceBase.toString(),
  }))
  const eModes = snapshot.eModes.map((e) => ({
    id: e.id,
    eMode: {
      ltv: e.ltv.toString(),
      liquidationThreshold: e.liquidationThreshold.toString(),
      liquidationBonus: e.liquidationBonus.toString(),
      collateralBitmap: (e.collateralBitmap ?? 0n).toString(),
      borrowableBitmap: (e.borrowableBitmap ?? 0n).toString(),
      ltvzeroBitmap: '0',
      isolated: false,
      label: e.label,
    },
  }))
  const userReserves = snapshot.user.reserves.map((u) => ({
    underlyingAsset: u.asset.toLowerCase(),
    scaledATokenBalance: u.scaledATokenBalance.toString(),
    usageAsCollateralEnabledOnUser: u.usageAsCollateralEnabledOnUser,
    scaledVariableDebt: u.scaledVariableDebt.toString(),
  }))
  return {
    reserves,
    eModes,
    userReserves,
    currentTimestamp: snapshot.blockTimestamp,
    userEmodeCategoryId: snapshot.user.eModeCategoryId,
  }
}

/** One call of what the web app runs per refresh: formatReserves, then formatUserSummary on its output. */
export function peerAccountSummary(inputs: PeerInputs) {
  const common = { marketReferencePriceInUsd: '100000000', marketReferenceCurrencyDecimals: 8 }
  const formattedReserves = formatReserves({
    reserves: inputs.reserves,
    eModes: inputs.eModes,
    currentTimestamp: inputs.currentTimestamp,
    ...common,
  })
  return formatUserSummary({
    userReserves: inputs.userReserves,
    formattedReserves,
    currentTimestamp: inputs.currentTimestamp,
    userEmodeCategoryId: inputs.userEmodeCategoryId,
    ...common,
  })
}

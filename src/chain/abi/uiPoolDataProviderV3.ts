/**
 * UiPoolDataProviderV3 in the shapes of Aave V3.0 and V3.1, whose AggregatedReserveData still
 * carries stable debt and each reserve's single e-mode category, and whose UserReserveData has
 * seven fields. The later shapes (v3.2+, e-modes from `getEModes`) are in uiPoolDataProviderV32.ts.
 *
 * Sources:
 * - v3.0: @aave/periphery-v3 2.5.2, contracts/misc/interfaces/IUiPoolDataProviderV3.sol (the
 *   contract the devnet deploys; proven to the wei there).
 * - v3.1: aave-dao/aave-v3-origin v3.1.0, src/periphery/contracts/misc/interfaces/
 *   IUiPoolDataProviderV3.sol (as quoted in the v3.1 upgrade diffs): the v3.0 struct with
 *   `bool virtualAccActive; uint128 virtualUnderlyingBalance;` appended; UserReserveData unchanged.
 */

import type { AbiParameter } from 'viem'

/** AggregatedReserveData, v3.0 (@aave/periphery-v3 2.5.2), in declaration order. */
const reserveV30 = [
  { type: 'address', name: 'underlyingAsset' },
  { type: 'string', name: 'name' },
  { type: 'string', name: 'symbol' },
  { type: 'uint256', name: 'decimals' },
  { type: 'uint256', name: 'baseLTVasCollateral' },
  { type: 'uint256', name: 'reserveLiquidationThreshold' },
  { type: 'uint256', name: 'reserveLiquidationBonus' },
  { type: 'uint256', name: 'reserveFactor' },
  { type: 'bool', name: 'usageAsCollateralEnabled' },
  { type: 'bool', name: 'borrowingEnabled' },
  { type: 'bool', name: 'stableBorrowRateEnabled' },
  { type: 'bool', name: 'isActive' },
  { type: 'bool', name: 'isFrozen' },
  { type: 'uint128', name: 'liquidityIndex' },
  { type: 'uint128', name: 'variableBorrowIndex' },
  { type: 'uint128', name: 'liquidityRate' },
  { type: 'uint128', name: 'variableBorrowRate' },
  { type: 'uint128', name: 'stableBorrowRate' },
  { type: 'uint40', name: 'lastUpdateTimestamp' },
  { type: 'address', name: 'aTokenAddress' },
  { type: 'address', name: 'stableDebtTokenAddress' },
  { type: 'address', name: 'variableDebtTokenAddress' },
  { type: 'address', name: 'interestRateStrategyAddress' },
  { type: 'uint256', name: 'availableLiquidity' },
  { type: 'uint256', name: 'totalPrincipalStableDebt' },
  { type: 'uint256', name: 'averageStableRate' },
  { type: 'uint256', name: 'stableDebtLastUpdateTimestamp' },
  { type: 'uint256', name: 'totalScaledVariableDebt' },
  { type: 'uint256', name: 'priceInMarketReferenceCurrency' },
  { type: 'address', name: 'priceOracle' },
  { type: 'uint256', name: 'variableRateSlope1' },
  { type: 'uint256', name: 'variableRateSlope2' },
  { type: 'uint256', name: 'stableRateSlope1' },
  { type: 'uint256', name: 'stableRateSlope2' },
  { type: 'uint256', name: 'baseStableBorrowRate' },
  { type: 'uint256', name: 'baseVariableBorrowRate' },
  { type: 'uint256', name: 'optimalUsageRatio' },
  { type: 'bool', name: 'isPaused' },
  { type: 'bool', name: 'isSiloedBorrowing' },
  { type: 'uint128', name: 'accruedToTreasury' },
  { type: 'uint128', name: 'unbacked' },
  { type: 'uint128', name: 'isolationModeTotalDebt' },
  { type: 'bool', name: 'flashLoanEnabled' },
  { type: 'uint256', name: 'debtCeiling' },
  { type: 'uint256', name: 'debtCeilingDecimals' },
  { type: 'uint8', name: 'eModeCategoryId' },
  { type: 'uint256', name: 'borrowCap' },
  { type: 'uint256', name: 'supplyCap' },
  { type: 'uint16', name: 'eModeLtv' },
  { type: 'uint16', name: 'eModeLiquidationThreshold' },
  { type: 'uint16', name: 'eModeLiquidationBonus' },
  { type: 'address', name: 'eModePriceSource' },
  { type: 'string', name: 'eModeLabel' },
  { type: 'bool', name: 'borrowableInIsolation' },
] as const

/** AggregatedReserveData, v3.1: v3.0 plus virtual accounting. */
const reserveV31 = [
  ...reserveV30,
  { type: 'bool', name: 'virtualAccActive' },
  { type: 'uint128', name: 'virtualUnderlyingBalance' },
] as const

/** BaseCurrencyInfo: the same in every revision. */
export const baseCurrencyInfo = {
  type: 'tuple',
  name: '',
  components: [
    { type: 'uint256', name: 'marketReferenceCurrencyUnit' },
    { type: 'int256', name: 'marketReferenceCurrencyPriceInUsd' },
    { type: 'int256', name: 'networkBaseTokenPriceInUsd' },
    { type: 'uint8', name: 'networkBaseTokenPriceDecimals' },
  ],
} as const

/** UserReserveData, v3.0–v3.1 (seven fields, stable debt included). */
const userReserveV30 = [
  { type: 'address', name: 'underlyingAsset' },
  { type: 'uint256', name: 'scaledATokenBalance' },
  { type: 'bool', name: 'usageAsCollateralEnabledOnUser' },
  { type: 'uint256', name: 'stableBorrowRate' },
  { type: 'uint256', name: 'scaledVariableDebt' },
  { type: 'uint256', name: 'principalStableDebt' },
  { type: 'uint256', name: 'stableBorrowLastUpdateTimestamp' },
] as const

const provider = { type: 'address', name: 'provider' } as const

function legacyAbi<const R extends readonly AbiParameter[]>(reserve: R) {
  return [
    {
      type: 'function',
      name: 'getReservesData',
      stateMutability: 'view',
      inputs: [provider],
      outputs: [{ type: 'tuple[]', name: '', components: reserve }, baseCurrencyInfo],
    },
    {
      type: 'function',
      name: 'getReservesList',
      stateMutability: 'view',
      inputs: [provider],
      outputs: [{ type: 'address[]', name: '' }],
    },
    {
      type: 'function',
      name: 'getUserReservesData',
      stateMutability: 'view',
      inputs: [provider, { type: 'address', name: 'user' }],
      outputs: [
        { type: 'tuple[]', name: '', components: userReserveV30 },
        { type: 'uint8', name: '' },
      ],
    },
  ] as const
}

/** v3.0 (@aave/periphery-v3 2.5.2, the devnet's). Its call encodings serve every revision: the inputs never changed. */
export const uiPoolDataProviderV3Abi = legacyAbi(reserveV30)

/** v3.1 (aave-v3-origin v3.1.0). */
export const uiPoolDataProviderV31Abi = legacyAbi(reserveV31)

import type { AbiParameter } from 'viem'
import { baseCurrencyInfo } from './uiPoolDataProviderV3'

/**
 * UiPoolDataProviderV3 as aave-dao/aave-v3-origin deploys it from v3.2 on: no stable debt, no
 * per-reserve e-mode fields, a four-field UserReserveData, and `getEModes(provider)` listing the
 * categories with their collateral / borrowable bitmaps. Input encodings are those of v3.0.
 *
 * Sources (interface IUiPoolDataProviderV3.sol and DataTypes.EModeCategory, read, not copied):
 * - v3.2: aave-v3-origin v3.2.0, as generated in aave/aave-utilities packages/contract-helpers/
 *   src/v3-UiPoolDataProvider-contract/typechain/IUiPoolDataProviderV3__factory.ts (41 fields,
 *   `unbacked`, `virtualAccActive` and `virtualUnderlyingBalance` kept).
 * - v3.3: v3.2 plus `uint128 deficit` (aave-v3-origin diffs/LINEA_MANTLE and GNOSIS_SONIC
 *   UI_POOL_DATA_PROVIDER_DIFF.md: "// v3.3 uint128 deficit;").
 * - v3.4+: aave-v3-origin src/contracts/helpers/interfaces/IUiPoolDataProviderV3.sol on main
 *   (v3.4 removed `unbacked`, docs/3.4 "Removal of unbacked", and `virtualAccActive`: every
 *   reserve has virtual accounting): 40 fields. v3.7 keeps the shape (isolation fields hardcoded).
 * - e-modes: DataTypes.EModeCategory {ltv, liquidationThreshold, liquidationBonus,
 *   collateralBitmap, label, borrowableBitmap} from v3.2; `ltvzeroBitmap` appended in v3.6
 *   (docs/3.6 "getEModes … include the ltvzeroBitmap field"); `bool isolated` after
 *   collateralBitmap in v3.7 (docs/3.7/isolated-emode.md, "Storage modification").
 */

const headV32 = [
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
  { type: 'bool', name: 'isActive' },
  { type: 'bool', name: 'isFrozen' },
  { type: 'uint128', name: 'liquidityIndex' },
  { type: 'uint128', name: 'variableBorrowIndex' },
  { type: 'uint128', name: 'liquidityRate' },
  { type: 'uint128', name: 'variableBorrowRate' },
  { type: 'uint40', name: 'lastUpdateTimestamp' },
  { type: 'address', name: 'aTokenAddress' },
  { type: 'address', name: 'variableDebtTokenAddress' },
  { type: 'address', name: 'interestRateStrategyAddress' },
  { type: 'uint256', name: 'availableLiquidity' },
  { type: 'uint256', name: 'totalScaledVariableDebt' },
  { type: 'uint256', name: 'priceInMarketReferenceCurrency' },
  { type: 'address', name: 'priceOracle' },
  { type: 'uint256', name: 'variableRateSlope1' },
  { type: 'uint256', name: 'variableRateSlope2' },
  { type: 'uint256', name: 'baseVariableBorrowRate' },
  { type: 'uint256', name: 'optimalUsageRatio' },
  { type: 'bool', name: 'isPaused' },
  { type: 'bool', name: 'isSiloedBorrowing' },
  { type: 'uint128', name: 'accruedToTreasury' },
] as const

const capsV32 = [
  { type: 'uint128', name: 'isolationModeTotalDebt' },
  { type: 'bool', name: 'flashLoanEnabled' },
  { type: 'uint256', name: 'debtCeiling' },
  { type: 'uint256', name: 'debtCeilingDecimals' },
  { type: 'uint256', name: 'borrowCap' },
  { type: 'uint256', name: 'supplyCap' },
  { type: 'bool', name: 'borrowableInIsolation' },
] as const

const virtualBalance = { type: 'uint128', name: 'virtualUnderlyingBalance' } as const
const deficit = { type: 'uint128', name: 'deficit' } as const

/** AggregatedReserveData v3.2 (41 fields). */
const reserveV32 = [
  ...headV32,
  { type: 'uint128', name: 'unbacked' },
  ...capsV32,
  { type: 'bool', name: 'virtualAccActive' },
  virtualBalance,
] as const

/** v3.3 (42 fields): v3.2 plus the reserve's deficit (bad debt not yet covered). */
const reserveV33 = [...reserveV32, deficit] as const

/** v3.4+ (40 fields): no `unbacked`, no `virtualAccActive`. */
const reserveV34 = [...headV32, ...capsV32, virtualBalance, deficit] as const

const userReserveV32 = [
  { type: 'address', name: 'underlyingAsset' },
  { type: 'uint256', name: 'scaledATokenBalance' },
  { type: 'bool', name: 'usageAsCollateralEnabledOnUser' },
  { type: 'uint256', name: 'scaledVariableDebt' },
] as const

const provider = { type: 'address', name: 'provider' } as const

function originAbi<const R extends readonly AbiParameter[]>(reserve: R) {
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
      name: 'getUserReservesData',
      stateMutability: 'view',
      inputs: [provider, { type: 'address', name: 'user' }],
      outputs: [
        { type: 'tuple[]', name: '', components: userReserveV32 },
        { type: 'uint8', name: '' },
      ],
    },
  ] as const
}

export const uiPoolDataProviderV32Abi = originAbi(reserveV32)
export const uiPoolDataProviderV33Abi = originAbi(reserveV33)
export const uiPoolDataProviderV34Abi = originAbi(reserveV34)

const eModeHead = [
  { type: 'uint16', name: 'ltv' },
  { type: 'uint16', name: 'liquidationThreshold' },
  { type: 'uint16', name: 'liquidationBonus' },
  { type: 'uint128', name: 'collateralBitmap' },
] as const
const label = { type: 'string', name: 'label' } as const
const borrowable = { type: 'uint128', name: 'borrowableBitmap' } as const
const ltvzero = { type: 'uint128', name: 'ltvzeroBitmap' } as const

function getEModesAbi<const C extends readonly AbiParameter[]>(category: C) {
  return [
    {
      type: 'function',
      name: 'getEModes',
      stateMutability: 'view',
      inputs: [provider],
      outputs: [
        {
          type: 'tuple[]',
          name: '',
          components: [
            { type: 'uint8', name: 'id' },
            { type: 'tuple', name: 'eMode', components: category },
          ],
        },
      ],
    },
  ] as const
}

/** getEModes, v3.2–v3.5: DataTypes.EModeCategory with six fields. Its encoding serves every revision. */
export const getEModesV32Abi = getEModesAbi([...eModeHead, label, borrowable])
/** v3.6: `ltvzeroBitmap` appended. */
export const getEModesV36Abi = getEModesAbi([...eModeHead, label, borrowable, ltvzero])
/** v3.7: `isolated` between collateralBitmap and label. */
export const getEModesV37Abi = getEModesAbi([
  ...eModeHead,
  { type: 'bool', name: 'isolated' },
  label,
  borrowable,
  ltvzero,
])

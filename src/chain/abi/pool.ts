/**
 * The slice of Aave V3's IPool the app reads (v3.0.2 and later revisions agree on these; from v3.1
 * `getReserveData` returns `ReserveDataLegacy`, which keeps this layout, and from v3.2
 * `getEModeCategoryData` is deprecated, its `priceSource` always 0x0).
 * Add functions as features need them; keep the literal `as const` so viem infers argument and
 * return types.
 */
export const poolAbi = [
  {
    type: 'function',
    name: 'getUserAccountData',
    stateMutability: 'view',
    inputs: [{ name: 'user', type: 'address' }],
    outputs: [
      { name: 'totalCollateralBase', type: 'uint256' },
      { name: 'totalDebtBase', type: 'uint256' },
      { name: 'availableBorrowsBase', type: 'uint256' },
      { name: 'currentLiquidationThreshold', type: 'uint256' },
      { name: 'ltv', type: 'uint256' },
      { name: 'healthFactor', type: 'uint256' },
    ],
  },
  {
    type: 'function',
    name: 'getReservesList',
    stateMutability: 'view',
    inputs: [],
    outputs: [{ type: 'address[]', name: '' }],
  },
  {
    type: 'function',
    name: 'getReserveData',
    stateMutability: 'view',
    inputs: [{ type: 'address', name: 'asset' }],
    outputs: [
      {
        type: 'tuple',
        name: '',
        components: [
          { type: 'tuple', name: 'configuration', components: [{ type: 'uint256', name: 'data' }] },
          { type: 'uint128', name: 'liquidityIndex' },
          { type: 'uint128', name: 'currentLiquidityRate' },
          { type: 'uint128', name: 'variableBorrowIndex' },
          { type: 'uint128', name: 'currentVariableBorrowRate' },
          { type: 'uint128', name: 'currentStableBorrowRate' },
          { type: 'uint40', name: 'lastUpdateTimestamp' },
          { type: 'uint16', name: 'id' },
          { type: 'address', name: 'aTokenAddress' },
          { type: 'address', name: 'stableDebtTokenAddress' },
          { type: 'address', name: 'variableDebtTokenAddress' },
          { type: 'address', name: 'interestRateStrategyAddress' },
          { type: 'uint128', name: 'accruedToTreasury' },
          { type: 'uint128', name: 'unbacked' },
          { type: 'uint128', name: 'isolationModeTotalDebt' },
        ],
      },
    ],
  },
  {
    type: 'function',
    name: 'POOL_REVISION',
    stateMutability: 'view',
    inputs: [],
    outputs: [{ type: 'uint256', name: '' }],
  },
  {
    type: 'function',
    name: 'getUserEMode',
    stateMutability: 'view',
    inputs: [{ type: 'address', name: 'user' }],
    outputs: [{ type: 'uint256', name: '' }],
  },
  {
    type: 'function',
    name: 'getEModeCategoryData',
    stateMutability: 'view',
    inputs: [{ type: 'uint8', name: 'id' }],
    outputs: [
      {
        type: 'tuple',
        name: '',
        components: [
          { type: 'uint16', name: 'ltv' },
          { type: 'uint16', name: 'liquidationThreshold' },
          { type: 'uint16', name: 'liquidationBonus' },
          { type: 'address', name: 'priceSource' },
          { type: 'string', name: 'label' },
        ],
      },
    ],
  },
] as const

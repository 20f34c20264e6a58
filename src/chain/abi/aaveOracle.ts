/** AaveOracle (IPriceOracleGetter): prices in the market's base currency (USD with 8 decimals on V3 markets). */
export const aaveOracleAbi = [
  {
    type: 'function',
    name: 'getAssetPrice',
    stateMutability: 'view',
    inputs: [{ name: 'asset', type: 'address' }],
    outputs: [{ name: '', type: 'uint256' }],
  },
] as const

/**
 * PortfolioSnapshot: everything the engine needs about one account at one block, as
 * plain data (bigint for on-chain quantities). chain/ builds it from one multicall;
 * the engine never reads the chain. Field names follow Aave's own structs
 * (UiPoolDataProviderV3.AggregatedReserveData / UserReserveData) where they exist.
 */

export type Hex = `0x${string}`

/** Aave V3 protocol revision, as `POOL_REVISION()` and the data provider's shape tell it. */
export type AaveRevision = {
  /** Pool.POOL_REVISION(): 1–3 for v3.0.x, 4 for v3.1, 5 for v3.2, 6 for v3.3, 7 for v3.4, 8 v3.5, 9 v3.6, 10 v3.7. */
  poolRevision: number
  /** The rule family that follows from it ('3.3' = 3.3 or later); see revisionRules.ts. */
  version: '3.0' | '3.1' | '3.2' | '3.3'
}

export type ReserveSnapshot = {
  asset: Hex
  symbol: string
  decimals: number
  /** Basis points (PercentageMath: 10000 = 100 %). */
  ltv: bigint
  liquidationThreshold: bigint
  /** > 10000: 10500 = a 5 % bonus to the liquidator. */
  liquidationBonus: bigint
  reserveFactor: bigint
  liquidationProtocolFee: bigint
  isActive: boolean
  isFrozen: boolean
  isPaused: boolean
  borrowingEnabled: boolean
  usageAsCollateralEnabled: boolean
  /** Whole tokens; 0 = no cap. */
  supplyCap: bigint
  borrowCap: bigint
  /** Isolation mode: debt ceiling with 2 decimals (ReserveConfiguration.DEBT_CEILING_DECIMALS); 0 = not isolated. */
  debtCeiling: bigint
  isolationModeTotalDebt: bigint
  borrowableInIsolation: boolean
  /** v3.0–v3.1: the asset's single e-mode category (0 = none). v3.2+: see EModeCategory bitmaps. */
  eModeCategoryId: number
  /** Ray-denominated indexes and rates, and when they were last updated (seconds). */
  liquidityIndex: bigint
  variableBorrowIndex: bigint
  liquidityRate: bigint
  variableBorrowRate: bigint
  lastUpdateTimestamp: number
  /** Reserve-level totals, in the asset's smallest unit. */
  availableLiquidity: bigint
  totalScaledVariableDebt: bigint
  totalPrincipalStableDebt: bigint
  /** The oracle price in the market's base currency (USD with 8 decimals on Aave V3 markets). */
  priceBase: bigint
  /** Chainlink-style source of the price, when known (stale-feed checks, history). */
  priceSource?: Hex
  /**
   * The reserve's id (`Pool.getReserveData(asset).id`): its bit in the user configuration and the
   * order GenericLogic walks. Equals the index in `Pool.getReservesList()` unless a reserve was dropped.
   */
  id: number
  /** Stable-rate borrowing allowed (v3.0–v3.1; always false from v3.2). */
  stableBorrowRateEnabled?: boolean
  /** Siloed borrowing: a user borrowing this asset may borrow nothing else. */
  siloedBorrowing?: boolean
  /** The reserve's tokens, when read from the chain. */
  aToken?: Hex
  variableDebtToken?: Hex
  stableDebtToken?: Hex
  /**
   * v3.1+ virtual accounting: the underlying the pool accounts for (what it can lend and pay out;
   * tokens sent to the aToken directly are not in it). Absent before v3.1 or where inactive.
   */
  virtualUnderlyingBalance?: bigint
  /** v3.3+: the reserve's bad debt not yet covered (Pool.getReserveDeficit). Absent before v3.3. */
  deficit?: bigint
}

export type EModeCategory = {
  id: number
  ltv: bigint
  liquidationThreshold: bigint
  liquidationBonus: bigint
  label: string
  /** v3.0–v3.1: an optional price source for every asset of the category (0x0 = none). */
  priceSource?: Hex
  /** Its price in base currency when priceSource is set (v3.0–v3.1). */
  priceBase?: bigint
  /** v3.2+: bitmaps over reserve ids of the assets that count as collateral / may be borrowed in it. */
  collateralBitmap?: bigint
  borrowableBitmap?: bigint
  /** v3.6+: assets that are collateral in the category with LTV 0 (ltv0 rules inside the e-mode). */
  ltvZeroBitmap?: bigint
  /** v3.7+: an isolated category gives every collateral outside its bitmap LTV 0. */
  isolated?: boolean
}

export type UserReserveSnapshot = {
  asset: Hex
  scaledATokenBalance: bigint
  usageAsCollateralEnabledOnUser: boolean
  scaledVariableDebt: bigint
  /** v3.0–v3.1 only (stable debt was removed later); 0 elsewhere. */
  principalStableDebt: bigint
  stableBorrowRate: bigint
  stableBorrowLastUpdateTimestamp: number
}

export type UniswapPoolSnapshot = {
  address: Hex
  token0: Hex
  token1: Hex
  fee: number
  tickSpacing: number
  sqrtPriceX96: bigint
  tick: number
  liquidity: bigint
  /** Initialized ticks around the price with their liquidityNet, for exact swap simulation. */
  ticks: { index: number; liquidityNet: bigint }[]
}

/** A Uniswap V3 position (NonfungiblePositionManager NFT) owned by the account, with the pool state its amounts and fees need. */
export type UniswapLpPositionSnapshot = {
  tokenId: bigint
  positionManager: Hex
  pool: Hex
  token0: Hex
  token1: Hex
  fee: number
  tickLower: number
  tickUpper: number
  liquidity: bigint
  feeGrowthInside0LastX128: bigint
  feeGrowthInside1LastX128: bigint
  tokensOwed0: bigint
  tokensOwed1: bigint
  sqrtPriceX96: bigint
  tick: number
  feeGrowthGlobal0X128: bigint
  feeGrowthGlobal1X128: bigint
  lower: { feeGrowthOutside0X128: bigint; feeGrowthOutside1X128: bigint }
  upper: { feeGrowthOutside0X128: bigint; feeGrowthOutside1X128: bigint }
}

/** Pool.getUserAccountData's six numbers (base currency amounts, bps, HF as WAD; MAX_UINT256 without debt). */
export type ChainAccountData = {
  totalCollateralBase: bigint
  totalDebtBase: bigint
  availableBorrowsBase: bigint
  currentLiquidationThreshold: bigint
  ltv: bigint
  healthFactor: bigint
}

/** One past oracle round (statistics use these; `number` seconds). */
export type PriceRound = { roundId: bigint; answer: bigint; updatedAt: number }

export type PortfolioSnapshot = {
  chainId: number
  blockNumber: bigint
  /** The block's timestamp (seconds): interest accrues to it, exactly as an eth_call at this block does. */
  blockTimestamp: number
  revision: AaveRevision
  market: { pool: Hex; poolAddressesProvider: Hex; oracle: Hex }
  /** Base currency unit (10^8 for USD markets) and its USD price with 8 decimals. */
  baseCurrency: { unit: bigint; priceUsd: bigint }
  reserves: ReserveSnapshot[]
  eModes: EModeCategory[]
  user: {
    address: Hex
    eModeCategoryId: number
    reserves: UserReserveSnapshot[]
  }
  /** The user's wallet balance of each reserve's underlying, by asset. */
  walletBalances: Record<Hex, bigint>
  /** The user's native-token balance (gas), when read. */
  nativeBalance?: bigint
  /** DEX pools the proposals may swap through, by the volatile asset they price. */
  pools: Record<Hex, UniswapPoolSnapshot>
  /** Oracle history by asset, oldest first (Risk engine II). */
  priceHistory: Record<Hex, PriceRound[]>
  /**
   * Pool.getUserAccountData read in the same call, at the same block (absent: not read, or the
   * snapshot was derived from another by applying actions). The engine never uses it: it is the
   * chain's own figure, shown as the headline and held against the engine's (equal to the wei).
   */
  chainAccountData?: ChainAccountData
  /** Uniswap V3 positions the account owns (absent: not read). */
  lpPositions?: UniswapLpPositionSnapshot[]
}

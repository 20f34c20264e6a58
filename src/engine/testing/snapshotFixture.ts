import { parseUnits } from 'viem'
import { revisionFromPool } from '../revisionRules'
import type { EModeCategory, Hex, PortfolioSnapshot, ReserveSnapshot, UserReserveSnapshot } from '../snapshot'
import { RAY } from '../wadRayMath'

/**
 * Synthetic PortfolioSnapshots for unit tests: the devnet's seven reserves (same risk parameters
 * as devnet/reserves.mjs), indexes at 1 ray and updated at the block time unless told otherwise,
 * so a balance given in tokens is exactly the balance the engine sees.
 *
 *   const s = snapshotFixture({
 *     positions: { WETH: { supplied: 10 }, USDC: { borrowed: 14_000 } },
 *     prices: { WETH: 2000 },
 *   })
 *
 * Amounts: a `number` or decimal `string` is whole tokens (parsed with the reserve's decimals);
 * a `bigint` is the smallest unit. Prices: a `number`/`string` is USD (8-decimal base currency);
 * a `bigint` is already in base units.
 */

export type FixtureSymbol = 'WETH' | 'WBTC' | 'LINK' | 'CRV' | 'USDC' | 'DAI' | 'USDT'
export type FixtureAmount = bigint | number | string

export type FixturePosition = {
  /** aToken balance (underlying). */
  supplied?: FixtureAmount
  /** Variable debt (underlying). */
  borrowed?: FixtureAmount
  /** Stable debt (underlying, v3.0–v3.1 only); accrues at `stableBorrowRate` from `stableSince`. */
  stableBorrowed?: FixtureAmount
  stableBorrowRate?: bigint
  stableSince?: number
  /** The user's collateral flag; defaults to true when supplied > 0. */
  collateral?: boolean
}

export type FixtureOptions = {
  /** Which reserves the market lists, in id order (default: all seven). */
  reserves?: readonly FixtureSymbol[]
  /** Per-reserve parameter overrides (ltv, liquidationThreshold, indexes, rates, flags…). */
  reserveOverrides?: Partial<Record<FixtureSymbol, Partial<ReserveSnapshot>>>
  positions?: Partial<Record<FixtureSymbol, FixturePosition>>
  prices?: Partial<Record<FixtureSymbol, FixtureAmount>>
  /** The user's e-mode category (0 = off). The market has category 1 (stablecoins: USDC, DAI, USDT). */
  eMode?: number
  /** Override or extend the market's e-mode categories (replaces the default list). */
  eModes?: EModeCategory[]
  /** Pool.POOL_REVISION() (default 1: v3.0.x, as on the devnet). */
  poolRevision?: number
  blockNumber?: bigint
  blockTimestamp?: number
  walletBalances?: Partial<Record<FixtureSymbol, FixtureAmount>>
  user?: Hex
}

type ReserveSpec = {
  decimals: number
  price: string
  ltv: bigint
  lt: bigint
  bonus: bigint
  reserveFactor: bigint
  eMode?: number
  debtCeiling?: bigint
  borrowableInIsolation?: boolean
}

/** Same parameters as devnet/reserves.mjs (debt ceiling with 2 decimals, as ReserveConfiguration stores it). */
export const FIXTURE_RESERVES: Record<FixtureSymbol, ReserveSpec> = {
  WETH: { decimals: 18, price: '3000', ltv: 8000n, lt: 8250n, bonus: 10500n, reserveFactor: 1500n },
  WBTC: { decimals: 8, price: '90000', ltv: 7300n, lt: 7800n, bonus: 10500n, reserveFactor: 2000n },
  LINK: { decimals: 18, price: '15', ltv: 5300n, lt: 6800n, bonus: 10700n, reserveFactor: 2000n },
  CRV: {
    decimals: 18,
    price: '0.5',
    ltv: 3500n,
    lt: 4100n,
    bonus: 10830n,
    reserveFactor: 3500n,
    debtCeiling: 500_000_000n,
  },
  USDC: {
    decimals: 6,
    price: '1',
    ltv: 7700n,
    lt: 8000n,
    bonus: 10450n,
    reserveFactor: 1000n,
    eMode: 1,
    borrowableInIsolation: true,
  },
  DAI: {
    decimals: 18,
    price: '1',
    ltv: 6300n,
    lt: 7700n,
    bonus: 10500n,
    reserveFactor: 1000n,
    eMode: 1,
    borrowableInIsolation: true,
  },
  USDT: {
    decimals: 6,
    price: '1',
    ltv: 7400n,
    lt: 7600n,
    bonus: 10450n,
    reserveFactor: 1000n,
    eMode: 1,
    borrowableInIsolation: true,
  },
}

export const FIXTURE_SYMBOLS = Object.keys(FIXTURE_RESERVES) as FixtureSymbol[]
export const BASE_UNIT = 10n ** 8n
const DEFAULT_TIMESTAMP = 1_750_000_000

/** A stable, readable fake address per symbol (0x…01 for the first reserve, …). */
export function fixtureAddress(symbol: FixtureSymbol): Hex {
  const index = FIXTURE_SYMBOLS.indexOf(symbol) + 1
  return `0x${index.toString(16).padStart(40, 'a')}` as Hex
}

export const FIXTURE_USER: Hex = '0x00000000000000000000000000000000000000a1'

/** Whole-token amount → smallest unit (bigint passes through). */
export function fixtureAmount(symbol: FixtureSymbol, amount: FixtureAmount): bigint {
  return typeof amount === 'bigint' ? amount : parseUnits(String(amount), FIXTURE_RESERVES[symbol].decimals)
}

/** USD → base units with 8 decimals (bigint passes through). */
export function fixturePrice(price: FixtureAmount): bigint {
  return typeof price === 'bigint' ? price : parseUnits(String(price), 8)
}

/** The default stablecoin e-mode category (ids as in the devnet: USDC, DAI, USDT). */
export function stablecoinEMode(reserves: readonly ReserveSnapshot[]): EModeCategory {
  const stables = reserves.filter((r) => r.eModeCategoryId === 1)
  const bitmap = stables.reduce((acc, r) => acc | (1n << BigInt(r.id)), 0n)
  return {
    id: 1,
    ltv: 9300n,
    liquidationThreshold: 9500n,
    liquidationBonus: 10100n,
    label: 'Stablecoins',
    priceSource: '0x0000000000000000000000000000000000000000',
    collateralBitmap: bitmap,
    borrowableBitmap: bitmap,
  }
}

/** A reserve with the fixture's parameters and neutral state (indexes 1 ray, no interest). */
export function fixtureReserve(
  symbol: FixtureSymbol,
  id: number,
  overrides: Partial<ReserveSnapshot> = {},
): ReserveSnapshot {
  const spec = FIXTURE_RESERVES[symbol]
  return {
    asset: fixtureAddress(symbol),
    symbol,
    decimals: spec.decimals,
    ltv: spec.ltv,
    liquidationThreshold: spec.lt,
    liquidationBonus: spec.bonus,
    reserveFactor: spec.reserveFactor,
    liquidationProtocolFee: 1000n,
    isActive: true,
    isFrozen: false,
    isPaused: false,
    borrowingEnabled: true,
    usageAsCollateralEnabled: spec.lt !== 0n,
    supplyCap: 0n,
    borrowCap: 0n,
    debtCeiling: spec.debtCeiling ?? 0n,
    isolationModeTotalDebt: 0n,
    borrowableInIsolation: spec.borrowableInIsolation ?? false,
    eModeCategoryId: spec.eMode ?? 0,
    liquidityIndex: RAY,
    variableBorrowIndex: RAY,
    liquidityRate: 0n,
    variableBorrowRate: 0n,
    lastUpdateTimestamp: DEFAULT_TIMESTAMP,
    availableLiquidity: parseUnits('1000000000', spec.decimals),
    totalScaledVariableDebt: 0n,
    totalPrincipalStableDebt: 0n,
    priceBase: fixturePrice(spec.price),
    id,
    ...overrides,
  }
}

/** Builds a snapshot; see the module comment for units. Deterministic and cheap (use it inside property tests). */
export function snapshotFixture(options: FixtureOptions = {}): PortfolioSnapshot {
  const symbols = options.reserves ?? FIXTURE_SYMBOLS
  const blockTimestamp = options.blockTimestamp ?? DEFAULT_TIMESTAMP
  const reserves = symbols.map((symbol, id) => {
    const price = options.prices?.[symbol]
    return fixtureReserve(symbol, id, {
      lastUpdateTimestamp: blockTimestamp,
      ...(price === undefined ? {} : { priceBase: fixturePrice(price) }),
      ...options.reserveOverrides?.[symbol],
    })
  })
  const userReserves: UserReserveSnapshot[] = []
  for (const symbol of symbols) {
    const p = options.positions?.[symbol]
    if (!p) continue
    const reserve = reserves.find((r) => r.symbol === symbol) as ReserveSnapshot
    const supplied = fixtureAmount(symbol, p.supplied ?? 0n)
    const borrowed = fixtureAmount(symbol, p.borrowed ?? 0n)
    const stable = fixtureAmount(symbol, p.stableBorrowed ?? 0n)
    // Scaled balances: amount / index (ray division, as the tokens store them).
    userReserves.push({
      asset: reserve.asset,
      scaledATokenBalance: (supplied * RAY) / reserve.liquidityIndex,
      usageAsCollateralEnabledOnUser: p.collateral ?? supplied > 0n,
      scaledVariableDebt: (borrowed * RAY) / reserve.variableBorrowIndex,
      principalStableDebt: stable,
      stableBorrowRate: p.stableBorrowRate ?? 0n,
      stableBorrowLastUpdateTimestamp: p.stableSince ?? blockTimestamp,
    })
  }
  const walletBalances: Record<Hex, bigint> = {}
  for (const symbol of symbols)
    walletBalances[fixtureAddress(symbol)] = fixtureAmount(symbol, options.walletBalances?.[symbol] ?? 0n)
  return {
    chainId: 31337,
    blockNumber: options.blockNumber ?? 1_000n,
    blockTimestamp,
    revision: revisionFromPool(options.poolRevision ?? 1),
    market: {
      pool: '0x00000000000000000000000000000000000000b1',
      poolAddressesProvider: '0x00000000000000000000000000000000000000b2',
      oracle: '0x00000000000000000000000000000000000000b3',
    },
    baseCurrency: { unit: BASE_UNIT, priceUsd: BASE_UNIT },
    reserves,
    eModes: options.eModes ?? [stablecoinEMode(reserves)],
    user: { address: options.user ?? FIXTURE_USER, eModeCategoryId: options.eMode ?? 0, reserves: userReserves },
    walletBalances,
    pools: {},
    priceHistory: {},
  }
}

/** The reserve of `symbol` in a snapshot (throws when the market does not list it). */
export function reserveOf(snapshot: PortfolioSnapshot, symbol: FixtureSymbol): ReserveSnapshot {
  const r = snapshot.reserves.find((x) => x.symbol === symbol)
  if (!r) throw new Error(`fixture snapshot lists no ${symbol}`)
  return r
}

/** A copy of the snapshot with some oracle prices changed (USD numbers/strings or base-unit bigints). */
export function withPrices(
  snapshot: PortfolioSnapshot,
  prices: Partial<Record<FixtureSymbol, FixtureAmount>>,
): PortfolioSnapshot {
  return {
    ...snapshot,
    reserves: snapshot.reserves.map((r) => {
      const price = prices[r.symbol as FixtureSymbol]
      return price === undefined ? r : { ...r, priceBase: fixturePrice(price) }
    }),
  }
}

// A realistic 10-reserve account for the engine bench: the devnet's seven reserves with their real
// risk parameters (src/engine/testing/snapshotFixture.ts mirrors devnet/reserves.mjs) plus three
// more modelled on mainnet listings, with interest accrued since the reserves' last update, so the
// account math does the same work it does on a live market.
import { parseUnits } from 'viem'
import type { Hex, PortfolioSnapshot, ReserveSnapshot } from '../src/engine/snapshot'
import {
  type FixtureSymbol,
  fixtureAddress,
  fixtureReserve,
  snapshotFixture,
} from '../src/engine/testing/snapshotFixture'
import { withPools } from '../src/engine/testing/uniswapPoolFixture'
import { RAY } from '../src/engine/wadRayMath'

const BLOCK_TIME = 1_750_000_000
const LAST_UPDATE = BLOCK_TIME - 3_600
const ray = (x: string) => parseUnits(x, 27)
const usd = (x: string) => parseUnits(x, 8)

type Extra = { symbol: string; like: FixtureSymbol; address: Hex; overrides: Partial<ReserveSnapshot> }
const extras: Extra[] = [
  {
    symbol: 'wstETH',
    like: 'WETH',
    address: '0x00000000000000000000000000000000000000e1',
    overrides: { ltv: 7100n, liquidationThreshold: 7600n, liquidationBonus: 10600n, priceBase: usd('3520') },
  },
  {
    symbol: 'AAVE',
    like: 'LINK',
    address: '0x00000000000000000000000000000000000000e2',
    overrides: { ltv: 6600n, liquidationThreshold: 7300n, liquidationBonus: 10750n, priceBase: usd('251.4') },
  },
  {
    symbol: 'LUSD',
    like: 'DAI',
    address: '0x00000000000000000000000000000000000000e3',
    overrides: { ltv: 0n, liquidationThreshold: 0n, usageAsCollateralEnabled: false, priceBase: usd('0.9987') },
  },
]

/** Supplied (collateral unless said) and borrowed amounts in whole tokens. */
const book: Record<string, { supplied?: string; borrowed?: string; collateral?: boolean; wallet?: string }> = {
  WETH: { supplied: '20', wallet: '1.5' },
  WBTC: { supplied: '0.5' },
  LINK: { supplied: '1000' },
  CRV: { supplied: '10000', collateral: false },
  USDC: { borrowed: '60000', wallet: '4000' },
  DAI: { borrowed: '15000', wallet: '2500' },
  USDT: { borrowed: '20000' },
  wstETH: { supplied: '5' },
  AAVE: { supplied: '100' },
  LUSD: { borrowed: '10000' },
}

/** Every reserve a little into its interest period: indexes above 1 ray, rates on, last update an hour ago. */
function accruing(r: ReserveSnapshot, i: number): ReserveSnapshot {
  return {
    ...r,
    liquidityIndex: RAY + ray('0.0123') * BigInt(i + 1),
    variableBorrowIndex: RAY + ray('0.0345') * BigInt(i + 1),
    liquidityRate: ray('0.021'),
    variableBorrowRate: ray('0.047'),
    lastUpdateTimestamp: LAST_UPDATE,
  }
}

/** Where the bench's proposals swap (any address: the engine only encodes calls to it). */
export const BENCH_SWAP_ROUTER: Hex = '0x00000000000000000000000000000000000000f1'
export const BENCH_WETH: Hex = fixtureAddress('WETH')

/**
 * The bench's 10-reserve account (HF ≈ 1.2: below the default 1.5 target, so proposals have work
 * to do), with a Uniswap V3 pool against USDC for each volatile collateral ($5M a side, full range).
 */
export function tenReserveSnapshot(): PortfolioSnapshot {
  const base = snapshotFixture({ blockTimestamp: BLOCK_TIME, prices: { WETH: 3000, WBTC: 90_000 } })
  const reserves = [
    ...base.reserves,
    ...extras.map((e, k) => ({
      ...fixtureReserve(e.like, base.reserves.length + k, e.overrides),
      asset: e.address,
      symbol: e.symbol,
    })),
  ].map(accruing)
  const walletBalances: Record<Hex, bigint> = {}
  const userReserves = reserves.flatMap((r) => {
    const entry = book[r.symbol]
    walletBalances[r.asset] = entry?.wallet ? parseUnits(entry.wallet, r.decimals) : 0n
    if (!entry || (!entry.supplied && !entry.borrowed)) return []
    const supplied = parseUnits(entry.supplied ?? '0', r.decimals)
    const borrowed = parseUnits(entry.borrowed ?? '0', r.decimals)
    return [
      {
        asset: r.asset,
        // Scaled balances as the tokens store them: amount / index at the last update.
        scaledATokenBalance: (supplied * RAY) / r.liquidityIndex,
        usageAsCollateralEnabledOnUser: supplied > 0n && (entry.collateral ?? true),
        scaledVariableDebt: (borrowed * RAY) / r.variableBorrowIndex,
        principalStableDebt: 0n,
        stableBorrowRate: 0n,
        stableBorrowLastUpdateTimestamp: 0,
      },
    ]
  })
  const snapshot = { ...base, reserves, user: { ...base.user, reserves: userReserves }, walletBalances }
  return withPools(snapshot, 'USDC', ['WETH', 'WBTC', 'LINK', 'wstETH', 'AAVE'], usd('5000000'))
}

import { type Address, keccak256, parseUnits, toHex } from 'viem'

/**
 * Seeded plans for random Aave accounts on the devnet market (WETH, WBTC, LINK, CRV isolated,
 * USDC/DAI/USDT in the stablecoin e-mode): what to supply, which collateral flags to switch off,
 * what share of the borrowing power to borrow in which assets and modes, and what to leave in the
 * wallet. Pure and reproducible; seedRandomAccounts.ts carries the plans out on a devnet.
 */

export type DevnetSymbol = 'WETH' | 'WBTC' | 'LINK' | 'CRV' | 'USDC' | 'DAI' | 'USDT'
export type AccountKind = 'plain' | 'emode' | 'isolated'

export type AccountPlan = {
  address: Address
  kind: AccountKind
  /** Supplied on the account's behalf first (the first supply of each enables it as collateral, except CRV). */
  supplies: { symbol: DevnetSymbol; amount: bigint }[]
  /** Supplied after isolation mode is on: they never become collateral automatically. */
  laterSupplies: { symbol: DevnetSymbol; amount: bigint }[]
  /** Collateral flags switched off before borrowing. */
  collateralOff: DevnetSymbol[]
  /** Debts as shares of the borrowing power after the supplies (their sum stays below 1). */
  borrows: { symbol: DevnetSymbol; share: number; stable: boolean }[]
  /** Tokens left in the wallet. */
  wallet: { symbol: DevnetSymbol; amount: bigint }[]
}

export const DECIMALS: Record<DevnetSymbol, number> = {
  WETH: 18,
  WBTC: 8,
  LINK: 18,
  CRV: 18,
  USDC: 6,
  DAI: 18,
  USDT: 6,
}
const VOLATILE: DevnetSymbol[] = ['WETH', 'WBTC', 'LINK']
export const STABLES: DevnetSymbol[] = ['USDC', 'DAI', 'USDT']
const BORROWABLE: DevnetSymbol[] = ['WETH', 'WBTC', 'LINK', 'CRV', 'USDC', 'DAI', 'USDT']
/** Assets the test market allows stable-rate borrowing on (seedRandomAccounts enables it). */
export const STABLE_RATE_ASSETS: DevnetSymbol[] = ['WETH', 'USDC', 'DAI']

/** mulberry32: small, fast, reproducible. */
export function seededRandom(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1))
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T
  const subset = <T>(xs: readonly T[], lo: number, hi: number): T[] => {
    const shuffled = [...xs].sort(() => next() - 0.5)
    return shuffled.slice(0, Math.min(xs.length, int(lo, hi)))
  }
  return { next, int, pick, subset }
}

/** An amount worth about `usd` (log-uniform between the bounds) at `price`, in the token's smallest unit. */
function amountWorth(
  random: ReturnType<typeof seededRandom>,
  symbol: DevnetSymbol,
  price: number,
  lo: number,
  hi: number,
) {
  const usd = Math.exp(Math.log(lo) + random.next() * (Math.log(hi) - Math.log(lo)))
  const tokens = usd / price
  return parseUnits(tokens.toFixed(Math.min(DECIMALS[symbol], 12)), DECIMALS[symbol])
}

/** Splits `total` into `n` random positive shares. */
function shares(random: ReturnType<typeof seededRandom>, n: number, total: number) {
  const w = Array.from({ length: n }, () => 0.2 + random.next())
  const sum = w.reduce((a, b) => a + b, 0)
  return w.map((x) => (x / sum) * total)
}

/**
 * `count` account plans from `seed`, priced at `prices` (USD per whole token). Addresses are
 * derived from the seed, so they are fresh on a fresh devnet and stable across runs.
 */
export function planRandomAccounts(seed: number, count: number, prices: Record<DevnetSymbol, number>): AccountPlan[] {
  const random = seededRandom(seed)
  return Array.from({ length: count }, (_, i) => {
    const address = `0x${keccak256(toHex(`marginguard:${seed}:${i}`)).slice(26)}` as Address
    const roll = random.next()
    const kind: AccountKind = roll < 0.55 ? 'plain' : roll < 0.85 ? 'emode' : 'isolated'
    const supply = (symbol: DevnetSymbol, lo = 300, hi = 80_000) => ({
      symbol,
      amount: amountWorth(random, symbol, prices[symbol], lo, hi),
    })
    const plan: AccountPlan = {
      address,
      kind,
      supplies: [],
      laterSupplies: [],
      collateralOff: [],
      borrows: [],
      wallet: [],
    }
    if (kind === 'isolated') {
      plan.supplies.push(supply('CRV', 500, 40_000))
      plan.laterSupplies = random.subset([...VOLATILE, ...STABLES], 0, 2).map((s) => supply(s, 100, 20_000))
    } else {
      plan.supplies = random.subset([...VOLATILE, ...STABLES], 1, 4).map((s) => supply(s))
      if (plan.supplies.length >= 2 && random.next() < 0.3) plan.collateralOff.push(random.pick(plan.supplies).symbol)
    }
    // Borrowable: any asset outside e-mode and isolation; the stablecoins in either.
    const universe = kind === 'plain' ? BORROWABLE : STABLES
    const debts = random.next() < 0.08 ? [] : random.subset(universe, 1, kind === 'isolated' ? 2 : 3)
    const total = kind === 'isolated' ? 0.2 + 0.6 * random.next() : 0.3 + 0.67 * random.next()
    const split = shares(random, debts.length, total)
    const collateralOn = new Set(plan.supplies.map((s) => s.symbol).filter((s) => !plan.collateralOff.includes(s)))
    plan.borrows = debts.map((symbol, j) => ({
      symbol,
      share: split[j] as number,
      // ValidationLogic.validateBorrow (stable): not against the same asset used as collateral.
      stable: STABLE_RATE_ASSETS.includes(symbol) && !collateralOn.has(symbol) && random.next() < 0.35,
    }))
    if (random.next() < 0.4) plan.wallet = random.subset(BORROWABLE, 1, 3).map((s) => supply(s, 10, 5_000))
    return plan
  })
}

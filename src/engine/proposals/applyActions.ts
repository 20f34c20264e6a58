import { normalizedDebt, normalizedIncome, stableDebtBalance } from '../positions'
import type { Hex, PortfolioSnapshot, ReserveSnapshot, UniswapPoolSnapshot, UserReserveSnapshot } from '../snapshot'
import { MAX_UINT256, rayDiv, rayMul } from '../wadRayMath'
import { minOf } from './bigintOrder'
import { reserveOf, supplyEnablesCollateral } from './collateralRules'

/**
 * What a proposal does to the account, replayed on a snapshot exactly as the Pool does it, so
 * computeAccountData on the result is the health factor the chain will report after the calls
 * are mined at `timestamp` (all in one block, or in blocks sharing that timestamp).
 */
export type AccountAction =
  | { type: 'supply'; asset: Hex; amount: bigint }
  /** MAX_UINT256 withdraws the whole balance. */
  | { type: 'withdraw'; asset: Hex; amount: bigint }
  /** MAX_UINT256 repays the whole debt of that rate mode (only the borrower may). */
  | { type: 'repay'; asset: Hex; amount: bigint; interestRateMode: 1 | 2 }
  | { type: 'setCollateral'; asset: Hex; enabled: boolean }
  /** A swap already quoted on `poolKey`'s pool: wallet balances move, the pool's price moves. */
  | {
      type: 'swap'
      poolKey: Hex
      pool: UniswapPoolSnapshot
      tokenIn: Hex
      tokenOut: Hex
      amountIn: bigint
      amountOut: bigint
    }

/**
 * ReserveLogic.updateState at `timestamp` for every reserve: liquidityIndex ← normalized income,
 * variableBorrowIndex ← normalized debt, lastUpdateTimestamp ← timestamp. (_updateIndexes skips
 * the borrow index of a reserve without variable debt; then no account's HF depends on it.)
 * Rates stay: HF at `timestamp` is exact, later ones drift.
 */
export function accrueTo(snapshot: PortfolioSnapshot, timestamp: number): PortfolioSnapshot {
  if (timestamp < snapshot.blockTimestamp)
    throw new RangeError(`cannot accrue back in time (${timestamp} < ${snapshot.blockTimestamp})`)
  if (timestamp === snapshot.blockTimestamp && accruedTo(snapshot.reserves, timestamp)) return snapshot
  return {
    ...snapshot,
    blockTimestamp: timestamp,
    reserves: snapshot.reserves.map((r) => ({
      ...r,
      liquidityIndex: normalizedIncome(r, timestamp),
      variableBorrowIndex: normalizedDebt(r, timestamp),
      lastUpdateTimestamp: timestamp,
    })),
  }
}

/** Every reserve already updated at `timestamp` (a loop: this check runs on every replay). */
function accruedTo(reserves: readonly ReserveSnapshot[], timestamp: number): boolean {
  for (const r of reserves) if (r.lastUpdateTimestamp !== timestamp) return false
  return true
}

const emptyUserReserve = (asset: Hex): UserReserveSnapshot => ({
  asset,
  scaledATokenBalance: 0n,
  usageAsCollateralEnabledOnUser: false,
  scaledVariableDebt: 0n,
  principalStableDebt: 0n,
  stableBorrowRate: 0n,
  stableBorrowLastUpdateTimestamp: 0,
})

/**
 * The account after `actions`, mined at `timestamp`. Mirrors the token math of v3.0.2:
 * supply mints rayDiv(amount, index) scaled aTokens (and turns the collateral bit on for a first
 * supply when validateAutomaticUseAsCollateral allows), withdraw burns rayDiv(amount, index)
 * (clearing the bit when it takes everything), a variable repay burns rayDiv(min(amount, debt),
 * borrowIndex), a stable repay leaves principal = balance − amount. Throws on what the Pool
 * would revert (more than the balance, an unknown reserve).
 */
export function applyActions(
  snapshot: PortfolioSnapshot,
  actions: readonly AccountAction[],
  timestamp: number,
): PortfolioSnapshot {
  const s = accrueTo(snapshot, timestamp)
  const edit = new Replay(s)

  for (const a of actions) {
    switch (a.type) {
      case 'supply': {
        const r = edit.reserve(a.asset)
        const enables = supplyEnablesCollateral(edit.current(), r)
        const u = edit.user(a.asset)
        const firstSupply = u.scaledATokenBalance === 0n
        u.scaledATokenBalance += rayDiv(a.amount, r.liquidityIndex)
        if (firstSupply && enables) u.usageAsCollateralEnabledOnUser = true
        edit.moveWallet(a.asset, -a.amount)
        break
      }
      case 'withdraw': {
        const r = edit.reserve(a.asset)
        const u = edit.user(a.asset)
        const balance = rayMul(u.scaledATokenBalance, r.liquidityIndex)
        const amount = a.amount === MAX_UINT256 ? balance : a.amount
        if (amount > balance) throw new RangeError(`withdraw of ${amount} exceeds the balance ${balance}`)
        if (amount === balance) u.usageAsCollateralEnabledOnUser = false
        u.scaledATokenBalance -= rayDiv(amount, r.liquidityIndex)
        edit.moveWallet(a.asset, amount)
        break
      }
      case 'repay': {
        const r = edit.reserve(a.asset)
        const u = edit.user(a.asset)
        if (a.interestRateMode === 2) {
          const debt = rayMul(u.scaledVariableDebt, r.variableBorrowIndex)
          const payback = minOf(a.amount, debt)
          u.scaledVariableDebt -= rayDiv(payback, r.variableBorrowIndex)
          edit.moveWallet(a.asset, -payback)
        } else {
          const debt = stableDebtBalance(u, timestamp)
          const payback = minOf(a.amount, debt)
          u.principalStableDebt = debt - payback
          u.stableBorrowLastUpdateTimestamp = debt === payback ? 0 : timestamp
          edit.moveWallet(a.asset, -payback)
        }
        break
      }
      case 'setCollateral':
        edit.user(a.asset).usageAsCollateralEnabledOnUser = a.enabled
        break
      case 'swap':
        edit.moveWallet(a.tokenIn, -a.amountIn)
        edit.moveWallet(a.tokenOut, a.amountOut)
        edit.setPool(a.poolKey, a.pool)
        break
    }
  }
  return edit.result()
}

/**
 * applyActions' state. Copy-on-write: a probe replays one or two actions, so only the user
 * reserves, wallet and pools an action touches are copied; untouched user reserves keep their
 * identity, which lets userPositions' memo skip re-accruing them. Methods, not closures: this runs
 * a hundred times per proposal set, and a closure per call costs more than the arithmetic
 * (~300 ns each where a transpiler keeps function names, as tsx does).
 */
class Replay {
  private userReserves: UserReserveSnapshot[] | undefined
  private readonly copied = new Set<UserReserveSnapshot>()
  private wallet: Record<Hex, bigint> | undefined
  private pools: Record<Hex, UniswapPoolSnapshot> | undefined
  private readonly s: PortfolioSnapshot

  constructor(s: PortfolioSnapshot) {
    this.s = s
  }

  reserve(asset: Hex): ReserveSnapshot {
    const r = reserveOf(this.s, asset)
    if (!r) throw new Error(`no reserve for ${asset}`)
    return r
  }

  /** The user reserve of `asset`, copied once before its first change (appended when new). */
  user(asset: Hex): UserReserveSnapshot {
    this.userReserves ??= [...this.s.user.reserves]
    const list = this.userReserves
    const k = indexOfAsset(list, asset)
    if (k < 0) {
      const u = emptyUserReserve(this.reserve(asset).asset)
      this.copied.add(u)
      list.push(u)
      return u
    }
    const found = list[k] as UserReserveSnapshot
    if (this.copied.has(found)) return found
    const u: UserReserveSnapshot = { ...found }
    this.copied.add(u)
    list[k] = u
    return u
  }

  moveWallet(asset: Hex, delta: bigint) {
    this.wallet ??= { ...this.s.walletBalances }
    const key = walletKey(this.wallet, asset)
    const next = (this.wallet[key] ?? 0n) + delta
    if (next < 0n) throw new RangeError(`wallet holds too little ${asset} (short by ${-next})`)
    this.wallet[key] = next
  }

  setPool(key: Hex, pool: UniswapPoolSnapshot) {
    this.pools ??= { ...this.s.pools }
    this.pools[key] = pool
  }

  /** The account as the actions so far left it. */
  current(): PortfolioSnapshot {
    const s = this.s
    return this.userReserves === undefined ? s : { ...s, user: { ...s.user, reserves: [...this.userReserves] } }
  }

  /** The account after every action; what no action touched is shared with the input (never mutated). */
  result(): PortfolioSnapshot {
    const s = this.s
    const u = s.user
    // Fields listed, not spread: `{ ...s, overrides }` takes V8's slow path on these objects (profile).
    // SNAPSHOT_FIELDS below fails to compile when PortfolioSnapshot gains a field this misses.
    const out: PortfolioSnapshot = {
      chainId: s.chainId,
      blockNumber: s.blockNumber,
      blockTimestamp: s.blockTimestamp,
      revision: s.revision,
      market: s.market,
      baseCurrency: s.baseCurrency,
      reserves: s.reserves,
      eModes: s.eModes,
      user:
        this.userReserves === undefined
          ? u
          : { address: u.address, eModeCategoryId: u.eModeCategoryId, reserves: this.userReserves },
      walletBalances: this.wallet ?? s.walletBalances,
      pools: this.pools ?? s.pools,
      priceHistory: s.priceHistory,
    }
    if (s.nativeBalance !== undefined) out.nativeBalance = s.nativeBalance
    if (s.lpPositions !== undefined) out.lpPositions = s.lpPositions
    return out
  }
}

/** Index of `asset`'s user reserve: the same string first, then case-insensitively. */
function indexOfAsset(list: readonly UserReserveSnapshot[], asset: Hex): number {
  for (let k = 0; k < list.length; k++) if ((list[k] as UserReserveSnapshot).asset === asset) return k
  const lower = asset.toLowerCase()
  for (let k = 0; k < list.length; k++) if ((list[k] as UserReserveSnapshot).asset.toLowerCase() === lower) return k
  return -1
}

/** The wallet's key for `asset` (its own spelling when present, else a case-insensitive match, else `asset`). */
function walletKey(held: Record<Hex, bigint>, asset: Hex): Hex {
  if (asset in held) return asset
  const lower = asset.toLowerCase()
  for (const k of Object.keys(held)) if (k.toLowerCase() === lower) return k as Hex
  return asset
}

/** Every field Replay.result copies: adding one to PortfolioSnapshot (or its user) without copying it fails here. */
const SNAPSHOT_FIELDS: Record<keyof PortfolioSnapshot | `user.${keyof PortfolioSnapshot['user']}`, true> = {
  chainId: true,
  blockNumber: true,
  blockTimestamp: true,
  revision: true,
  market: true,
  baseCurrency: true,
  reserves: true,
  eModes: true,
  user: true,
  walletBalances: true,
  pools: true,
  priceHistory: true,
  nativeBalance: true,
  lpPositions: true,
  // Dropped on purpose: the chain's account data describes the positions before the actions.
  chainAccountData: true,
  'user.address': true,
  'user.eModeCategoryId': true,
  'user.reserves': true,
}
void SNAPSHOT_FIELDS

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
  if (timestamp === snapshot.blockTimestamp && snapshot.reserves.every((r) => r.lastUpdateTimestamp === timestamp))
    return snapshot
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
  const users = new Map(s.user.reserves.map((u) => [u.asset.toLowerCase(), { ...u }]))
  const wallet: Record<Hex, bigint> = { ...s.walletBalances }
  const pools = { ...s.pools }
  const walletKey = (asset: Hex) =>
    (Object.keys(wallet).find((k) => k.toLowerCase() === asset.toLowerCase()) as Hex | undefined) ?? asset
  const moveWallet = (asset: Hex, delta: bigint) => {
    const key = walletKey(asset)
    const next = (wallet[key] ?? 0n) + delta
    if (next < 0n) throw new RangeError(`wallet holds too little ${asset} (short by ${-next})`)
    wallet[key] = next
  }
  const current = (): PortfolioSnapshot => ({ ...s, user: { ...s.user, reserves: [...users.values()] } })
  const reserve = (asset: Hex): ReserveSnapshot => {
    const r = reserveOf(s, asset)
    if (!r) throw new Error(`no reserve for ${asset}`)
    return r
  }
  const user = (asset: Hex) => {
    const key = asset.toLowerCase()
    let u = users.get(key)
    if (!u) {
      u = emptyUserReserve(reserve(asset).asset)
      users.set(key, u)
    }
    return u
  }

  for (const a of actions) {
    switch (a.type) {
      case 'supply': {
        const r = reserve(a.asset)
        const enables = supplyEnablesCollateral(current(), r)
        const u = user(a.asset)
        const firstSupply = u.scaledATokenBalance === 0n
        u.scaledATokenBalance += rayDiv(a.amount, r.liquidityIndex)
        if (firstSupply && enables) u.usageAsCollateralEnabledOnUser = true
        moveWallet(a.asset, -a.amount)
        break
      }
      case 'withdraw': {
        const r = reserve(a.asset)
        const u = user(a.asset)
        const balance = rayMul(u.scaledATokenBalance, r.liquidityIndex)
        const amount = a.amount === MAX_UINT256 ? balance : a.amount
        if (amount > balance) throw new RangeError(`withdraw of ${amount} exceeds the balance ${balance}`)
        if (amount === balance) u.usageAsCollateralEnabledOnUser = false
        u.scaledATokenBalance -= rayDiv(amount, r.liquidityIndex)
        moveWallet(a.asset, amount)
        break
      }
      case 'repay': {
        const r = reserve(a.asset)
        const u = user(a.asset)
        if (a.interestRateMode === 2) {
          const debt = rayMul(u.scaledVariableDebt, r.variableBorrowIndex)
          const payback = minOf(a.amount, debt)
          u.scaledVariableDebt -= rayDiv(payback, r.variableBorrowIndex)
          moveWallet(a.asset, -payback)
        } else {
          const debt = stableDebtBalance(u, timestamp)
          const payback = minOf(a.amount, debt)
          u.principalStableDebt = debt - payback
          u.stableBorrowLastUpdateTimestamp = debt === payback ? 0 : timestamp
          moveWallet(a.asset, -payback)
        }
        break
      }
      case 'setCollateral':
        user(a.asset).usageAsCollateralEnabledOnUser = a.enabled
        break
      case 'swap':
        moveWallet(a.tokenIn, -a.amountIn)
        moveWallet(a.tokenOut, a.amountOut)
        pools[a.poolKey] = a.pool
        break
    }
  }
  return { ...current(), walletBalances: wallet, pools }
}

import type { Address, Client } from 'viem'
import { readContract } from 'viem/actions'
import { poolAbi } from './abi/pool'

/** `Pool.getUserAccountData`: amounts in the market's base currency (USD, 8 decimals), HF as a WAD. */
export type AccountData = {
  totalCollateralBase: bigint
  totalDebtBase: bigint
  availableBorrowsBase: bigint
  /** Weighted average liquidation threshold, basis points. */
  currentLiquidationThreshold: bigint
  /** Weighted average loan-to-value, basis points. */
  ltv: bigint
  /** WAD (1e18 = 1.0); type(uint256).max when the account has no debt. */
  healthFactor: bigint
}

/** Reads an account's Aave V3 totals and health factor at a given block. */
export async function readAccountData(
  client: Client,
  { pool, user, blockNumber }: { pool: Address; user: Address; blockNumber: bigint },
): Promise<AccountData> {
  const [totalCollateralBase, totalDebtBase, availableBorrowsBase, currentLiquidationThreshold, ltv, healthFactor] =
    await readContract(client, {
      address: pool,
      abi: poolAbi,
      functionName: 'getUserAccountData',
      args: [user],
      blockNumber,
    })
  return { totalCollateralBase, totalDebtBase, availableBorrowsBase, currentLiquidationThreshold, ltv, healthFactor }
}

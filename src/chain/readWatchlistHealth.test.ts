import {
  type Address,
  decodeFunctionData,
  encodeAbiParameters,
  encodeFunctionResult,
  getAddress,
  type Hex,
  maxUint256,
} from 'viem'
import { describe, expect, test } from 'vitest'
import { multicall3Abi } from './abi/multicall3'
import { poolAbi } from './abi/pool'
import type { Aggregate3Result } from './portfolioCalls'
import { decodeWatchlistHealthResults, watchlistHealthCallCount, watchlistHealthCalls } from './readWatchlistHealth'

// The watchlist's calls and their decoding without a chain: one aggregate3 entry per account after
// the block timestamp, and one account's failure confined to that account.

const market = {
  pool: '0x00000000000000000000000000000000000000a1',
  multicall3: '0xcA11bde05977b3631167028862bE2a173976CA11',
} as const satisfies { pool: Address; multicall3: Address }
const users: Address[] = [
  '0x00000000000000000000000000000000000000b1',
  '0x00000000000000000000000000000000000000b2',
  '0x00000000000000000000000000000000000000b1',
]
const blockNumber = 1234n

const accountData = (healthFactor: bigint): Hex =>
  encodeFunctionResult({
    abi: poolAbi,
    functionName: 'getUserAccountData',
    result: [100_000n * 10n ** 8n, 60_000n * 10n ** 8n, 15_000n * 10n ** 8n, 8250n, 8000n, healthFactor],
  })
const ok = (returnData: Hex): Aggregate3Result => ({ success: true, returnData })
const timestamp = ok(encodeAbiParameters([{ type: 'uint256' }], [1_750_000_000n]))

describe('watchlist health calls', () => {
  test('the block timestamp first, then getUserAccountData of each user in order, each allowed to fail', () => {
    const calls = watchlistHealthCalls({ market, users })
    expect(calls).toHaveLength(watchlistHealthCallCount(users))
    expect(calls[0]?.target).toBe(market.multicall3)
    expect(decodeFunctionData({ abi: multicall3Abi, data: calls[0]?.callData as Hex }).functionName).toBe(
      'getCurrentBlockTimestamp',
    )
    expect(calls.every((c) => c.allowFailure)).toBe(true)
    calls.slice(1).forEach((c, i) => {
      expect(c.target).toBe(market.pool)
      const decoded = decodeFunctionData({ abi: poolAbi, data: c.callData })
      expect(decoded.functionName).toBe('getUserAccountData')
      expect(decoded.args).toEqual([getAddress(users[i] as Address)])
    })
  })

  test('an empty watchlist still reads the block timestamp (one entry)', () => {
    expect(watchlistHealthCalls({ market, users: [] })).toHaveLength(1)
    const read = decodeWatchlistHealthResults({ market, users: [], blockNumber }, [timestamp])
    expect(read).toEqual({ blockNumber, blockTimestamp: 1_750_000_000n, accounts: [] })
  })
})

describe('decoding watchlist health', () => {
  test('each account gets its six numbers; a failed or empty answer is an error for that account alone', () => {
    const read = decodeWatchlistHealthResults({ market, users, blockNumber }, [
      timestamp,
      ok(accountData(1_400_000_000_000_000_000n)),
      { success: false, returnData: '0x' },
      ok('0x'),
    ])
    expect(read.blockTimestamp).toBe(1_750_000_000n)
    expect(read.accounts[0]).toEqual({
      user: users[0],
      data: {
        totalCollateralBase: 100_000n * 10n ** 8n,
        totalDebtBase: 60_000n * 10n ** 8n,
        availableBorrowsBase: 15_000n * 10n ** 8n,
        currentLiquidationThreshold: 8250n,
        ltv: 8000n,
        healthFactor: 1_400_000_000_000_000_000n,
      },
    })
    expect(read.accounts[1]).toMatchObject({ user: users[1], error: expect.stringContaining('reverted') })
    expect(read.accounts[1]).not.toHaveProperty('data')
    expect(read.accounts[2]).toMatchObject({ user: users[2], error: expect.stringContaining(`block ${blockNumber}`) })
  })

  test('an account without debt keeps type(uint256).max as its health factor', () => {
    const read = decodeWatchlistHealthResults({ market, users: users.slice(0, 1), blockNumber }, [
      timestamp,
      ok(accountData(maxUint256)),
    ])
    expect(read.accounts[0]).toMatchObject({ data: { healthFactor: maxUint256 } })
  })

  test('a truncated answer is an error for that account, not a throw', () => {
    const read = decodeWatchlistHealthResults({ market, users: users.slice(0, 1), blockNumber }, [
      timestamp,
      ok(accountData(1n).slice(0, 66) as Hex),
    ])
    expect(read.accounts[0]).toMatchObject({ error: expect.stringContaining('undecodable') })
  })

  test('a failed timestamp or a result count of another call throws', () => {
    expect(() =>
      decodeWatchlistHealthResults({ market, users: [], blockNumber }, [{ success: false, returnData: '0x' }]),
    ).toThrow(/getCurrentBlockTimestamp/)
    expect(() => decodeWatchlistHealthResults({ market, users, blockNumber }, [timestamp])).toThrow(
      /1 results for a watchlist of 3/,
    )
  })
})

import { type Address, parseAbi } from 'viem'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import type { DevnetRole } from '../src/chain/devnetManifest'
import { artifact } from './artifacts.mjs'
import { feedAbi, readPrice, setPrice } from './prices.mjs'
import { startTestDevnet } from './testing.mjs'

let devnet: Awaited<ReturnType<typeof startTestDevnet>>
let snapshot: string
beforeAll(async () => {
  devnet = await startTestDevnet()
})
afterAll(() => devnet?.stop())
beforeEach(async () => {
  snapshot = await devnet.snapshot()
})
afterEach(() => devnet.revert(snapshot))

const WAD = 10n ** 18n
const poolAbi = () => artifact('Pool').abi
const accountData = async (role: DevnetRole) => {
  const [collateral, debt, available, lt, ltv, hf] = (await devnet.clients.publicClient.readContract({
    address: devnet.manifest.aave.pool as Address,
    abi: poolAbi(),
    functionName: 'getUserAccountData',
    args: [devnet.manifest.accounts[role].address],
  })) as readonly [bigint, bigint, bigint, bigint, bigint, bigint]
  return { collateral, debt, available, lt, ltv, hf }
}
const asNumber = (wad: bigint) => Number(wad) / 1e18

describe('the deployed Aave V3 market', () => {
  test('UiPoolDataProviderV3 lists every reserve with its configured risk parameters', async () => {
    const [reserves, base] = (await devnet.clients.publicClient.readContract({
      address: devnet.manifest.aave.uiPoolDataProvider as Address,
      abi: artifact('UiPoolDataProviderV3').abi,
      functionName: 'getReservesData',
      args: [devnet.manifest.aave.poolAddressesProvider],
    })) as [Array<Record<string, unknown>>, Record<string, bigint>]
    const bySymbol = Object.fromEntries(reserves.map((r) => [r.symbol as string, r]))
    expect(Object.keys(bySymbol).sort()).toEqual(['CRV', 'DAI', 'LINK', 'USDC', 'USDT', 'WBTC', 'WETH'])
    expect(bySymbol.WETH).toMatchObject({
      baseLTVasCollateral: 8000n,
      reserveLiquidationThreshold: 8250n,
      reserveLiquidationBonus: 10500n,
    })
    expect(bySymbol.CRV?.debtCeiling).toBe(500_000_000n)
    expect(bySymbol.USDC).toMatchObject({
      eModeCategoryId: 1,
      eModeLiquidationThreshold: 9500,
      borrowableInIsolation: true,
    })
    expect(base?.marketReferenceCurrencyUnit).toBe(10n ** 8n)
  })

  test('the demo accounts sit where the demo needs them', async () => {
    const trader = await accountData('trader')
    expect(asNumber(trader.hf)).toBeGreaterThan(1.35)
    expect(asNumber(trader.hf)).toBeLessThan(1.45)
    const near = await accountData('nearLiquidation')
    expect(asNumber(near.hf)).toBeGreaterThan(1.02)
    expect(asNumber(near.hf)).toBeLessThan(1.08)
    const emodeCategory = await devnet.clients.publicClient.readContract({
      address: devnet.manifest.aave.pool as Address,
      abi: poolAbi(),
      functionName: 'getUserEMode',
      args: [devnet.manifest.accounts.emode.address],
    })
    expect(emodeCategory).toBe(1n)
    // In isolation mode the account's collateral is CRV alone and its debt counts toward the ceiling.
    const isolated = await accountData('isolated')
    expect(isolated.debt).toBeGreaterThan(0n)
    expect(isolated.hf).toBeGreaterThan(WAD)
    const lpPositions = await devnet.clients.publicClient.readContract({
      address: devnet.manifest.uniswap.positionManager as Address,
      abi: parseAbi(['function balanceOf(address) view returns (uint256)']),
      functionName: 'balanceOf',
      args: [devnet.manifest.accounts.lp.address],
    })
    expect(lpPositions).toBe(1n)
    expect((await accountData('lp')).debt).toBeGreaterThan(0n)
  })

  test('a lower WETH price lowers the trader health factor and a liquidator can act below 1', async () => {
    const before = await accountData('nearLiquidation')
    await setPrice(devnet.clients, devnet.manifest, 'WETH', 2500)
    const after = await accountData('nearLiquidation')
    expect(after.hf).toBeLessThan(before.hf)
    expect(after.hf).toBeLessThan(WAD)
  })
})

describe('Chainlink-style feeds', () => {
  test('a feed walks its round history backwards with getRoundData, with phase-encoded round ids', async () => {
    const weth = devnet.manifest.assets.find((a) => a.symbol === 'WETH')
    const feed = { address: weth?.feed as Address, abi: feedAbi() }
    const read = (functionName: string, args: unknown[] = []) =>
      devnet.clients.publicClient.readContract({ ...feed, functionName, args }) as Promise<
        readonly [bigint, bigint, bigint, bigint, bigint]
      >
    const [latestId, answer, , updatedAt] = await read('latestRoundData')
    expect(latestId >> 64n).toBe(1n)
    expect(answer).toBe(3000n * 10n ** 8n)
    let id = latestId
    let previousTime = updatedAt
    for (let i = 0; i < 100; i++) {
      id -= 1n
      const [roundId, roundAnswer, , roundTime, answeredIn] = await read('getRoundData', [id])
      expect(roundId).toBe(id)
      expect(answeredIn).toBe(id)
      expect(roundAnswer).toBeGreaterThan(0n)
      expect(roundTime).toBeLessThanOrEqual(previousTime)
      previousTime = roundTime
    }
    await expect(read('getRoundData', [1n << 64n])).rejects.toThrow()
    expect(await devnet.clients.publicClient.readContract({ ...feed, functionName: 'decimals' })).toBe(8)
    expect(await devnet.clients.publicClient.readContract({ ...feed, functionName: 'description' })).toBe('WETH / USD')
  })

  test('only the owner can push a round', async () => {
    const weth = devnet.manifest.assets.find((a) => a.symbol === 'WETH')
    await expect(
      devnet.clients.write(devnet.manifest.accounts.trader.address, {
        address: weth?.feed as Address,
        abi: feedAbi(),
        functionName: 'updateAnswer',
        args: [1n],
      }),
    ).rejects.toThrow()
    await setPrice(devnet.clients, devnet.manifest, 'WETH', '2999.5')
    expect(await readPrice(devnet.clients, devnet.manifest, 'WETH')).toBe(2999.5)
  })
})

describe('Uniswap V3', () => {
  test('QuoterV2 prices one WETH near the oracle price, less the 0.3 % fee', async () => {
    const weth = devnet.manifest.assets.find((a) => a.symbol === 'WETH')
    const usdc = devnet.manifest.assets.find((a) => a.symbol === 'USDC')
    const { result } = await devnet.clients.publicClient.simulateContract({
      address: devnet.manifest.uniswap.quoterV2 as Address,
      abi: artifact('QuoterV2').abi,
      functionName: 'quoteExactInputSingle',
      args: [
        {
          tokenIn: weth?.address,
          tokenOut: usdc?.address,
          amountIn: WAD,
          fee: devnet.manifest.uniswap.feeTier,
          sqrtPriceLimitX96: 0n,
        },
      ],
    })
    const out = Number((result as readonly bigint[])[0]) / 1e6
    expect(out).toBeGreaterThan(3000 * 0.995)
    expect(out).toBeLessThan(3000 * 0.998)
  })
})

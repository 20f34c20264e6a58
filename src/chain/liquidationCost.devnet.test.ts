import {
  type Address,
  isAddressEqual,
  maxUint256,
  numberToHex,
  type PublicClient,
  parseAbi,
  parseEventLogs,
} from 'viem'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { feedAbi, setPrice } from '../../devnet/prices.mjs'
import { startTestDevnet } from '../../devnet/testing.mjs'
import { type LiquidationCost, type LiquidationOutcome, liquidationCost } from '../engine/liquidationCost'
import type { PortfolioSnapshot } from '../engine/snapshot'
import { WAD } from '../engine/wadRayMath'
import { type AaveMarket, marketFromDevnetManifest } from './aaveMarket'
import type { DevnetRole } from './devnetManifest'
import { readPortfolioSnapshot } from './readPortfolioSnapshot'

// Issue 4, point 4: the engine's cost of being liquidated against real liquidationCall transactions on
// the devnet (Aave v3.0.2). The engine reads the account at block N and predicts the liquidation for the
// block the liquidator's transaction lands in (its timestamp is fixed with evm_setNextBlockTimestamp and
// given to the engine, so interest accrues identically); the LiquidationCall event and the balances must
// show the same debt repaid, collateral seized and protocol fee, to the wei.

const abi = parseAbi([
  'function liquidationCall(address collateralAsset, address debtAsset, address user, uint256 debtToCover, bool receiveAToken)',
  'event LiquidationCall(address indexed collateralAsset, address indexed debtAsset, address indexed user, uint256 debtToCover, uint256 liquidatedCollateralAmount, address liquidator, bool receiveAToken)',
  'function approve(address spender, uint256 amount) returns (bool)',
  'function balanceOf(address account) view returns (uint256)',
  'function RESERVE_TREASURY_ADDRESS() view returns (address)',
])

let devnet: Awaited<ReturnType<typeof startTestDevnet>>
let client: PublicClient
let market: AaveMarket
let snapshotId: string
beforeAll(async () => {
  devnet = await startTestDevnet()
  client = devnet.clients.publicClient as PublicClient
  market = marketFromDevnetManifest(devnet.manifest)
})
afterAll(() => devnet?.stop())
beforeEach(async () => {
  snapshotId = await devnet.snapshot()
})
afterEach(() => devnet.revert(snapshotId))

const rpc = (method: string, params: unknown[] = []) =>
  client.request({ method, params } as unknown as Parameters<PublicClient['request']>[0])
const assetOf = (asset: Address) => {
  const a = devnet.manifest.assets.find((x) => isAddressEqual(x.address, asset))
  if (!a) throw new Error(`not a devnet asset: ${asset}`)
  return a
}
const balanceOf = (token: Address, who: Address) =>
  client.readContract({ address: token, abi, functionName: 'balanceOf', args: [who] })

/** The account at the latest block, with its clock moved to the block the liquidation will be mined in. */
async function readAtLiquidationTime(
  role: DevnetRole,
): Promise<{ snapshot: PortfolioSnapshot; liquidationTime: number }> {
  const block = await client.getBlock()
  const user = devnet.manifest.accounts[role].address
  const snapshot = await readPortfolioSnapshot(client, { market, user, blockNumber: block.number })
  // Far enough ahead that the approval (mined first, at the node's clock) lands before it.
  const liquidationTime = Number(block.timestamp) + 1_000
  return { snapshot: { ...snapshot, blockTimestamp: liquidationTime }, liquidationTime }
}

/** Carries out `o` with the liquidator (exact approval, max debtToCover) and compares with the engine's numbers. */
async function liquidateAndCompare(user: Address, o: LiquidationOutcome, liquidationTime: number) {
  const liquidator = devnet.manifest.accounts.liquidator.address
  const collateral = assetOf(o.collateralAsset)
  const treasury = await client.readContract({
    address: collateral.aToken,
    abi,
    functionName: 'RESERVE_TREASURY_ADDRESS',
  })
  // An exact approval: if the engine under-predicted the debt repaid, the Pool's transferFrom would revert.
  await devnet.clients.write(liquidator, {
    address: o.debtAsset,
    abi,
    functionName: 'approve',
    args: [market.pool, o.debtRepaid],
  })
  const before = {
    seized: await balanceOf(o.collateralAsset, liquidator),
    fee: await balanceOf(collateral.aToken, treasury),
    user: await balanceOf(collateral.aToken, user),
  }
  await rpc('evm_setNextBlockTimestamp', [numberToHex(liquidationTime)])
  const receipt = await devnet.clients.write(liquidator, {
    address: market.pool,
    abi,
    functionName: 'liquidationCall',
    args: [o.collateralAsset, o.debtAsset, user, maxUint256, false],
  })
  expect(Number((await client.getBlock({ blockNumber: receipt.blockNumber })).timestamp)).toBe(liquidationTime)
  const [event] = parseEventLogs({ abi, logs: receipt.logs, eventName: 'LiquidationCall' })
  expect({ debtToCover: event?.args.debtToCover, seized: event?.args.liquidatedCollateralAmount }).toEqual({
    debtToCover: o.debtRepaid,
    seized: o.collateralSeized,
  })
  expect((await balanceOf(o.collateralAsset, liquidator)) - before.seized).toBe(o.collateralSeized)
  expect((await balanceOf(collateral.aToken, treasury)) - before.fee).toBe(o.protocolFee)
  expect(before.user - (await balanceOf(collateral.aToken, user))).toBe(o.collateralSeized + o.protocolFee)
}

function outcomes(c: LiquidationCost): LiquidationOutcome[] {
  if (c.scenario === null) throw new Error(`no liquidation scenario: ${c.reason}`)
  return c.outcomes
}

describe('the cost of being liquidated equals a real liquidationCall to the wei', () => {
  test('HF between 0.95 and 1: the 50 % close factor', async () => {
    await setPrice(devnet.clients, devnet.manifest, 'WETH', 2790)
    const { snapshot, liquidationTime } = await readAtLiquidationTime('nearLiquidation')
    const c = liquidationCost(snapshot)
    expect(c.scenario).toBe('now')
    if (c.scenario === null) return
    expect(c.healthFactor).toBeLessThan(WAD)
    expect(c.healthFactor).toBeGreaterThan((95n * WAD) / 100n)
    const [only] = outcomes(c)
    expect(only).toMatchObject({ debtSymbol: 'USDC', collateralSymbol: 'WETH', closeFactor: 5_000n })
    await liquidateAndCompare(snapshot.user.address, only as LiquidationOutcome, liquidationTime)
  })

  test('HF below 0.95: the whole debt (100 % close factor)', async () => {
    await setPrice(devnet.clients, devnet.manifest, 'WETH', 2600)
    const { snapshot, liquidationTime } = await readAtLiquidationTime('nearLiquidation')
    const c = liquidationCost(snapshot)
    if (c.scenario === null) throw new Error(c.reason)
    expect(c.healthFactor).toBeLessThan((95n * WAD) / 100n)
    const [only] = outcomes(c)
    expect(only?.closeFactor).toBe(10_000n)
    expect(only?.debtRepaid).toBe(only?.maxLiquidatableDebt)
    await liquidateAndCompare(snapshot.user.address, only as LiquidationOutcome, liquidationTime)
  })

  test('three collaterals, two debts: every pair, including one whose collateral runs out', async () => {
    for (const [symbol, price] of [
      ['WETH', 2150],
      ['WBTC', 65_000],
      ['LINK', 9.8],
    ] as const)
      await setPrice(devnet.clients, devnet.manifest, symbol, price)
    const { snapshot, liquidationTime } = await readAtLiquidationTime('trader')
    const c = liquidationCost(snapshot)
    if (c.scenario === null) throw new Error(c.reason)
    const all = outcomes(c)
    expect(all.map((o) => `${o.debtSymbol}/${o.collateralSymbol}`).sort()).toEqual([
      'DAI/LINK',
      'DAI/WBTC',
      'DAI/WETH',
      'USDC/LINK',
      'USDC/WBTC',
      'USDC/WETH',
    ])
    // USDC/LINK: half the 50,000 USDC debt needs more LINK than the 2,000 held, so the debt repaid shrinks.
    const capped = all.find((o) => o.debtSymbol === 'USDC' && o.collateralSymbol === 'LINK')
    expect(capped?.debtRepaid).toBeLessThan(capped?.maxLiquidatableDebt ?? 0n)
    // The liquidator's pick: no pair pays more.
    const best = c.best as LiquidationOutcome
    expect(all.every((o) => o.liquidatorProfitBase <= best.liquidatorProfitBase)).toBe(true)
    for (const o of all) {
      const id = await devnet.snapshot()
      await liquidateAndCompare(snapshot.user.address, o, liquidationTime)
      await devnet.revert(id)
    }
  })

  test('the default scenario (one step past the correlated liquidation point) is what a liquidator then takes', async () => {
    const { snapshot, liquidationTime } = await readAtLiquidationTime('nearLiquidation')
    expect(snapshot.blockTimestamp).toBe(liquidationTime)
    const c = liquidationCost(snapshot)
    if (c.scenario === null) throw new Error(c.reason)
    expect(c.scenario).toBe('correlated')
    expect(c.healthFactor).toBeLessThan(WAD)
    // Move the feeds to the scenario's prices, then liquidate: the engine predicted it before the move.
    for (const { asset, priceBase } of c.prices)
      await devnet.clients.write(devnet.manifest.accounts.deployer.address, {
        address: assetOf(asset).feed,
        abi: feedAbi(),
        functionName: 'updateAnswer',
        args: [priceBase],
      })
    const [only] = outcomes(c)
    expect(only?.closeFactor).toBe(5_000n)
    await liquidateAndCompare(snapshot.user.address, only as LiquidationOutcome, liquidationTime)
  })
})

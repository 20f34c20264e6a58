import {
  type Address,
  decodeAbiParameters,
  decodeFunctionResult,
  encodeFunctionData,
  type Hex,
  isAddressEqual,
  zeroAddress,
} from 'viem'
import type { PortfolioSnapshot } from '../engine/snapshot'
import type { AaveMarket } from './aaveMarket'
import { aaveOracleAbi } from './abi/aaveOracle'
import { erc20Abi } from './abi/erc20'
import { multicall3Abi } from './abi/multicall3'
import { poolAbi } from './abi/pool'
import { uiPoolDataProviderV3Abi } from './abi/uiPoolDataProviderV3'
import { snapshotFromReads } from './portfolioSnapshotDecode'

/**
 * The one Multicall3.aggregate3 call that reads everything a PortfolioSnapshot holds for one
 * account at one block, and its decoding. Pure: no client here (readPortfolioSnapshot sends it).
 *
 * Per-asset calls (reserve ids, wallet balances) and the e-mode price sources need the reserve
 * list before the call is built; that list is the market's `MarketLayout`, cached by the reader.
 * The call re-reads the list through UiPoolDataProviderV3 every block, so a stale layout is
 * detected in the same call (decode answers `{ stale }` and the reader asks again).
 */

/** What must be known before the call can be built: it changes only when governance lists a reserve or sets an e-mode oracle. */
export type MarketLayout = {
  /** Pool.getReservesList() order (UiPoolDataProviderV3 returns reserves in this order). */
  assets: readonly Address[]
  /** v3.0–v3.1 e-mode price sources in use (priced through the AaveOracle in the same call). */
  eModePriceSources: readonly Address[]
}

export type Aggregate3Call = { target: Address; allowFailure: boolean; callData: Hex }

export type PortfolioCallParams = { market: AaveMarket; user: Address; layout: MarketLayout }

/** Fixed calls first, then per asset getReserveData and balanceOf, then e-mode source prices. */
const HEAD = [
  'blockTimestamp',
  'chainId',
  'poolRevision',
  'userEMode',
  'reservesData',
  'userReservesData',
  'nativeBalance',
] as const
type HeadName = (typeof HEAD)[number]
const UINT256 = [{ type: 'uint256' }] as const

export function portfolioCalls({ market, user, layout }: PortfolioCallParams): Aggregate3Call[] {
  const call = (target: Address, callData: Hex): Aggregate3Call => ({ target, allowFailure: true, callData })
  const head: Record<HeadName, Aggregate3Call> = {
    blockTimestamp: call(
      market.multicall3,
      encodeFunctionData({ abi: multicall3Abi, functionName: 'getCurrentBlockTimestamp' }),
    ),
    chainId: call(market.multicall3, encodeFunctionData({ abi: multicall3Abi, functionName: 'getChainId' })),
    poolRevision: call(market.pool, encodeFunctionData({ abi: poolAbi, functionName: 'POOL_REVISION' })),
    userEMode: call(market.pool, encodeFunctionData({ abi: poolAbi, functionName: 'getUserEMode', args: [user] })),
    reservesData: call(
      market.uiPoolDataProvider,
      encodeFunctionData({
        abi: uiPoolDataProviderV3Abi,
        functionName: 'getReservesData',
        args: [market.poolAddressesProvider],
      }),
    ),
    userReservesData: call(
      market.uiPoolDataProvider,
      encodeFunctionData({
        abi: uiPoolDataProviderV3Abi,
        functionName: 'getUserReservesData',
        args: [market.poolAddressesProvider, user],
      }),
    ),
    nativeBalance: call(
      market.multicall3,
      encodeFunctionData({ abi: multicall3Abi, functionName: 'getEthBalance', args: [user] }),
    ),
  }
  return [
    ...HEAD.map((name) => head[name]),
    ...layout.assets.map((asset) =>
      call(market.pool, encodeFunctionData({ abi: poolAbi, functionName: 'getReserveData', args: [asset] })),
    ),
    ...layout.assets.map((asset) =>
      call(asset, encodeFunctionData({ abi: erc20Abi, functionName: 'balanceOf', args: [user] })),
    ),
    ...layout.eModePriceSources.map((source) =>
      call(market.oracle, encodeFunctionData({ abi: aaveOracleAbi, functionName: 'getAssetPrice', args: [source] })),
    ),
  ]
}

/** The calldata of Multicall3.aggregate3 over `portfolioCalls`. */
export function encodePortfolioCall(params: PortfolioCallParams): Hex {
  return encodeFunctionData({ abi: multicall3Abi, functionName: 'aggregate3', args: [portfolioCalls(params)] })
}

export type DecodedPortfolio = { snapshot: PortfolioSnapshot } | { stale: MarketLayout }

/**
 * Decodes the eth_call result of `encodePortfolioCall` into a PortfolioSnapshot — or, when the
 * market's reserve list or e-mode price sources no longer match the layout the call was built
 * from, into the layout to build it from instead.
 */
export function decodePortfolioCall(
  params: PortfolioCallParams & { blockNumber: bigint },
  result: Hex,
): DecodedPortfolio {
  const { market, user, layout, blockNumber } = params
  const results = decodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', data: result })
  const n = layout.assets.length
  if (results.length !== HEAD.length + 2 * n + layout.eModePriceSources.length)
    throw new Error(`aggregate3 returned ${results.length} results for a call of a different size`)
  const required = (index: number, what: string): Hex => {
    const r = results[index]
    if (!r?.success)
      throw new Error(
        `${what} reverted at block ${blockNumber} (is ${market.pool} an Aave V3 market with these contracts?)`,
      )
    return r.returnData
  }
  const at = (name: HeadName) => HEAD.indexOf(name)

  const uint = (name: HeadName, what: string) => decodeAbiParameters(UINT256, required(at(name), what))[0]
  const poolRevision = uint('poolRevision', 'Pool.POOL_REVISION')
  const reservesData = required(at('reservesData'), 'UiPoolDataProviderV3.getReservesData')
  const [reserves, baseCurrency] = (() => {
    try {
      return decodeFunctionResult({ abi: uiPoolDataProviderV3Abi, functionName: 'getReservesData', data: reservesData })
    } catch (error) {
      // aave-v3-origin's data provider (deployed with v3.2+ pools) returns a different struct.
      throw new Error(
        `UiPoolDataProviderV3 at ${market.uiPoolDataProvider} does not answer in the v3.0 shape (pool revision ${poolRevision}): ${(error as Error).message.split('\n')[0]}`,
      )
    }
  })()
  // The layout is stale when a reserve was listed or dropped, or an e-mode oracle was set.
  const assets = reserves.map((r) => r.underlyingAsset)
  const sources = [...new Set(reserves.map((r) => r.eModePriceSource).filter((s) => !isAddressEqual(s, zeroAddress)))]
  const sameList = (a: readonly Address[], b: readonly Address[]) =>
    a.length === b.length && a.every((x, i) => isAddressEqual(x, b[i] as Address))
  if (!sameList(assets, layout.assets) || !sameList(sources, layout.eModePriceSources))
    return { stale: { assets, eModePriceSources: sources } }

  const [userReserves] = decodeFunctionResult({
    abi: uiPoolDataProviderV3Abi,
    functionName: 'getUserReservesData',
    data: required(at('userReservesData'), 'UiPoolDataProviderV3.getUserReservesData'),
  })
  const reserveData = layout.assets.map((asset, i) =>
    decodeFunctionResult({
      abi: poolAbi,
      functionName: 'getReserveData',
      data: required(HEAD.length + i, `Pool.getReserveData(${asset})`),
    }),
  )
  const walletBalances = layout.assets.map((_, i) => {
    const r = results[HEAD.length + n + i]
    // A token whose balanceOf reverts (or returns nothing) has no known wallet balance.
    if (!r?.success || r.returnData.length < 66) return undefined
    return decodeFunctionResult({ abi: erc20Abi, functionName: 'balanceOf', data: r.returnData })
  })
  const sourcePrices = layout.eModePriceSources.map((_, i) =>
    decodeFunctionResult({
      abi: aaveOracleAbi,
      functionName: 'getAssetPrice',
      data: required(HEAD.length + 2 * n + i, 'AaveOracle.getAssetPrice(e-mode price source)'),
    }),
  )
  const snapshot = snapshotFromReads({
    market,
    user,
    blockNumber,
    blockTimestamp: uint('blockTimestamp', 'Multicall3.getCurrentBlockTimestamp'),
    chainId: uint('chainId', 'Multicall3.getChainId'),
    poolRevision,
    userEMode: uint('userEMode', 'Pool.getUserEMode'),
    nativeBalance: results[at('nativeBalance')]?.success
      ? uint('nativeBalance', 'Multicall3.getEthBalance')
      : undefined,
    reserves,
    baseCurrency,
    userReserves,
    reserveData,
    walletBalances,
    eModePrices: new Map(
      layout.eModePriceSources.map((s, i) => [s.toLowerCase() as Address, sourcePrices[i] as bigint]),
    ),
  })
  return { snapshot }
}

import {
  type Address,
  decodeAbiParameters,
  decodeFunctionResult,
  encodeFunctionData,
  type Hex,
  isAddressEqual,
  zeroAddress,
} from 'viem'
import { POOL_REVISION } from '../engine/revisionRules'
import type { PortfolioSnapshot } from '../engine/snapshot'
import type { AaveMarket } from './aaveMarket'
import { aaveOracleAbi } from './abi/aaveOracle'
import { erc20Abi } from './abi/erc20'
import { multicall3Abi } from './abi/multicall3'
import { poolAbi } from './abi/pool'
import { uiPoolDataProviderV3Abi } from './abi/uiPoolDataProviderV3'
import { getEModesV32Abi } from './abi/uiPoolDataProviderV32'
import { decodeAggregate3Result } from './aggregate3'
import { snapshotFromReads } from './portfolioSnapshotDecode'
import {
  decodeEModes,
  decodeReserves,
  decodeUserReserves,
  hasReserveEModes,
  reservesShapeOf,
  shapeForRevision,
} from './uiPoolDataShapes'

/**
 * The one Multicall3.aggregate3 call that reads everything a PortfolioSnapshot holds for one
 * account at one block, and its decoding. Pure: no client here (readPortfolioSnapshot sends it).
 *
 * Per-asset calls (reserve ids, wallet balances) and the e-mode price sources need the reserve
 * list before the call is built; that list is the market's `MarketLayout`, cached by the reader.
 * The call re-reads the list through UiPoolDataProviderV3 every block, so a stale layout is
 * detected in the same call (decode answers `{ stale }` and the reader asks again). The pool
 * revision is part of the layout too: from v3.2 the call adds UiPoolDataProviderV3.getEModes.
 */

/** What must be known before the call can be built: it changes only when governance lists a reserve, sets an e-mode oracle or upgrades the pool. */
export type MarketLayout = {
  /** Pool.getReservesList() order (UiPoolDataProviderV3 returns reserves in this order). */
  assets: readonly Address[]
  /** v3.0–v3.1 e-mode price sources in use (priced through the AaveOracle in the same call). */
  eModePriceSources: readonly Address[]
  /**
   * Pool.POOL_REVISION(): from v3.2 (revision 5) e-mode categories come from
   * UiPoolDataProviderV3.getEModes, an extra call in the batch; before, from each reserve.
   */
  poolRevision: number
}

export type Aggregate3Call = { target: Address; allowFailure: boolean; callData: Hex }
export type Aggregate3Result = { success: boolean; returnData: Hex }

export type PortfolioCallParams = { market: AaveMarket; user: Address; layout: MarketLayout }

/** Fixed calls first (getEModes last, from v3.2), then per asset getReserveData and balanceOf, then e-mode source prices. */
const HEAD = [
  'blockTimestamp',
  'chainId',
  'poolRevision',
  'userEMode',
  'reservesData',
  'userReservesData',
  'nativeBalance',
  'eModes',
] as const
type HeadName = (typeof HEAD)[number]
const UINT256 = [{ type: 'uint256' }] as const

/** Pools before v3.2 name each reserve's e-mode category (and its price source); later ones are read with getEModes. */
const listsEModes = (poolRevision: number) => poolRevision >= POOL_REVISION.v3_2
const headOf = (layout: MarketLayout): readonly HeadName[] =>
  listsEModes(layout.poolRevision) ? HEAD : HEAD.filter((name) => name !== 'eModes')

export function portfolioCalls({ market, user, layout }: PortfolioCallParams): Aggregate3Call[] {
  const call = (target: Address, callData: Hex): Aggregate3Call => ({ target, allowFailure: true, callData })
  const provider = market.poolAddressesProvider
  // Inputs never changed across revisions: the v3.0 ABI encodes every shape's calls.
  const ui = (callData: Hex) => call(market.uiPoolDataProvider, callData)
  const head: Record<HeadName, Aggregate3Call> = {
    blockTimestamp: call(
      market.multicall3,
      encodeFunctionData({ abi: multicall3Abi, functionName: 'getCurrentBlockTimestamp' }),
    ),
    chainId: call(market.multicall3, encodeFunctionData({ abi: multicall3Abi, functionName: 'getChainId' })),
    poolRevision: call(market.pool, encodeFunctionData({ abi: poolAbi, functionName: 'POOL_REVISION' })),
    userEMode: call(market.pool, encodeFunctionData({ abi: poolAbi, functionName: 'getUserEMode', args: [user] })),
    reservesData: ui(
      encodeFunctionData({ abi: uiPoolDataProviderV3Abi, functionName: 'getReservesData', args: [provider] }),
    ),
    userReservesData: ui(
      encodeFunctionData({ abi: uiPoolDataProviderV3Abi, functionName: 'getUserReservesData', args: [provider, user] }),
    ),
    nativeBalance: call(
      market.multicall3,
      encodeFunctionData({ abi: multicall3Abi, functionName: 'getEthBalance', args: [user] }),
    ),
    eModes: ui(encodeFunctionData({ abi: getEModesV32Abi, functionName: 'getEModes', args: [provider] })),
  }
  return [
    ...headOf(layout).map((name) => head[name]),
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

const sameList = (a: readonly Address[], b: readonly Address[]) =>
  a.length === b.length && a.every((x, i) => isAddressEqual(x, b[i] as Address))

/**
 * Decodes the eth_call result of `encodePortfolioCall` into a PortfolioSnapshot — or, when the
 * market's reserve list, e-mode price sources or pool revision no longer match the layout the
 * call was built from, into the layout to build it from instead. The data provider's answer is
 * decoded in the shape it has (uiPoolDataShapes.ts), whatever the pool revision.
 */
export function decodePortfolioCall(
  params: PortfolioCallParams & { blockNumber: bigint },
  result: Hex,
): DecodedPortfolio {
  return decodePortfolioResults(params, decodeAggregate3Result(result))
}

/** How many results `portfolioCalls` produces for a layout (to slice them out of a larger aggregate3). */
export function portfolioCallCount(layout: MarketLayout): number {
  return headOf(layout).length + 2 * layout.assets.length + layout.eModePriceSources.length
}

/** decodePortfolioCall on the already-decoded results of `portfolioCalls` (its slice of a larger aggregate3). */
export function decodePortfolioResults(
  params: PortfolioCallParams & { blockNumber: bigint },
  results: readonly Aggregate3Result[],
): DecodedPortfolio {
  const { market, user, layout, blockNumber } = params
  const head = headOf(layout)
  const n = layout.assets.length
  if (results.length !== portfolioCallCount(layout))
    throw new Error(`aggregate3 returned ${results.length} results for a call of a different size`)
  const answer = (index: number) => {
    const r = results[index]
    return r?.success ? r.returnData : undefined
  }
  const required = (index: number, what: string): Hex => {
    const data = answer(index)
    if (data === undefined)
      throw new Error(
        `${what} reverted at block ${blockNumber} (is ${market.pool} an Aave V3 market with these contracts?)`,
      )
    return data
  }
  const at = (name: HeadName) => head.indexOf(name)
  const uint = (name: HeadName, what: string) => decodeAbiParameters(UINT256, required(at(name), what))[0]
  const poolRevision = Number(uint('poolRevision', 'Pool.POOL_REVISION'))
  const ui = `UiPoolDataProviderV3 at ${market.uiPoolDataProvider}`

  const reservesData = required(at('reservesData'), 'UiPoolDataProviderV3.getReservesData')
  const shape = reservesShapeOf(reservesData, shapeForRevision(poolRevision))
  if (!shape)
    throw new Error(`${ui} answers getReservesData in no known shape (v3.0 to v3.4+; pool revision ${poolRevision})`)
  const { reserves, baseCurrency } = (() => {
    try {
      return decodeReserves(shape, reservesData)
    } catch (error) {
      throw new Error(
        `${ui} does not answer in the v${shape} shape (pool revision ${poolRevision}): ${(error as Error).message.split('\n')[0]}`,
      )
    }
  })()

  // The layout is stale when a reserve was listed or dropped, an e-mode oracle was set, or the pool upgraded.
  const fresh: MarketLayout = {
    assets: reserves.map((r) => r.underlyingAsset),
    eModePriceSources: listsEModes(poolRevision)
      ? []
      : [
          ...new Set(
            reserves.map((r) => r.eModePriceSource ?? zeroAddress).filter((s) => !isAddressEqual(s, zeroAddress)),
          ),
        ],
    poolRevision,
  }
  if (
    fresh.poolRevision !== layout.poolRevision ||
    !sameList(fresh.assets, layout.assets) ||
    !sameList(fresh.eModePriceSources, layout.eModePriceSources)
  )
    return { stale: fresh }

  if (!listsEModes(poolRevision) && !hasReserveEModes(shape))
    throw new Error(
      `${ui} answers in the v${shape} shape, which lists no e-mode per reserve, but the pool is revision ${poolRevision}`,
    )
  const eModes = listsEModes(poolRevision) ? decodeEModesAnswer(answer(at('eModes')), ui, poolRevision) : undefined
  const userReservesData = required(at('userReservesData'), 'UiPoolDataProviderV3.getUserReservesData')
  const userReserves = (() => {
    try {
      return decodeUserReserves(shape, userReservesData)
    } catch (error) {
      throw new Error(`${ui}: ${(error as Error).message.split('\n')[0]}`)
    }
  })()
  const reserveData = layout.assets.map((asset, i) =>
    decodeFunctionResult({
      abi: poolAbi,
      functionName: 'getReserveData',
      data: required(head.length + i, `Pool.getReserveData(${asset})`),
    }),
  )
  const walletBalances = layout.assets.map((_, i) => {
    const data = answer(head.length + n + i)
    // A token whose balanceOf reverts (or returns nothing) has no known wallet balance.
    if (data === undefined || data.length < 66) return undefined
    return decodeFunctionResult({ abi: erc20Abi, functionName: 'balanceOf', data })
  })
  const sourcePrices = layout.eModePriceSources.map((_, i) =>
    decodeFunctionResult({
      abi: aaveOracleAbi,
      functionName: 'getAssetPrice',
      data: required(head.length + 2 * n + i, 'AaveOracle.getAssetPrice(e-mode price source)'),
    }),
  )
  const nativeBalance = answer(at('nativeBalance'))
  const snapshot = snapshotFromReads({
    market,
    user,
    blockNumber,
    blockTimestamp: uint('blockTimestamp', 'Multicall3.getCurrentBlockTimestamp'),
    chainId: uint('chainId', 'Multicall3.getChainId'),
    poolRevision: BigInt(poolRevision),
    userEMode: uint('userEMode', 'Pool.getUserEMode'),
    nativeBalance: nativeBalance === undefined ? undefined : decodeAbiParameters(UINT256, nativeBalance)[0],
    reserves,
    baseCurrency,
    userReserves,
    eModes,
    reserveData,
    walletBalances,
    eModePrices: new Map(
      layout.eModePriceSources.map((s, i) => [s.toLowerCase() as Address, sourcePrices[i] as bigint]),
    ),
  })
  return { snapshot }
}

/** getEModes must answer from v3.2 on: an older data provider on an upgraded pool cannot tell the categories. */
function decodeEModesAnswer(data: Hex | undefined, ui: string, poolRevision: number) {
  if (data === undefined)
    throw new Error(
      `${ui} has no getEModes (it predates v3.2) but the pool is revision ${poolRevision}: use the market's current UiPoolDataProviderV3`,
    )
  try {
    return decodeEModes(data)
  } catch (error) {
    throw new Error(`${ui}.getEModes: ${(error as Error).message.split('\n')[0]}`)
  }
}

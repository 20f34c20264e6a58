import { type Address, decodeFunctionResult, type Hex } from 'viem'
import { POOL_REVISION } from '../engine/revisionRules'
import { uiPoolDataProviderV3Abi, uiPoolDataProviderV31Abi } from './abi/uiPoolDataProviderV3'
import {
  getEModesV32Abi,
  getEModesV36Abi,
  getEModesV37Abi,
  uiPoolDataProviderV32Abi,
  uiPoolDataProviderV33Abi,
  uiPoolDataProviderV34Abi,
} from './abi/uiPoolDataProviderV32'

/**
 * Which UiPoolDataProviderV3 answered, told from the answer itself. The data provider is a
 * periphery contract redeployed with each release (and not always with the pool), so its shape
 * is read from the bytes: in an ABI-encoded struct with dynamic fields, the offset stored in the
 * first dynamic field's head slot is the size of the struct's head, i.e. 32 × its field count
 * (54 in v3.0, 56 in v3.1, 41 in v3.2, 42 in v3.3, 40 from v3.4), so one word names the shape.
 * Every shape decodes into the same normalized types below.
 */

/** The release whose UiPoolDataProviderV3 shape an answer has ('3.4' = 3.4 or later). */
export type UiShape = '3.0' | '3.1' | '3.2' | '3.3' | '3.4'

/** An AggregatedReserveData of any shape: fields every shape has, the others where it has them. */
export type UiReserve = {
  underlyingAsset: Address
  name: string
  symbol: string
  decimals: bigint
  baseLTVasCollateral: bigint
  reserveLiquidationThreshold: bigint
  reserveLiquidationBonus: bigint
  reserveFactor: bigint
  usageAsCollateralEnabled: boolean
  borrowingEnabled: boolean
  isActive: boolean
  isFrozen: boolean
  isPaused: boolean
  liquidityIndex: bigint
  variableBorrowIndex: bigint
  liquidityRate: bigint
  variableBorrowRate: bigint
  lastUpdateTimestamp: number
  aTokenAddress: Address
  variableDebtTokenAddress: Address
  availableLiquidity: bigint
  totalScaledVariableDebt: bigint
  priceInMarketReferenceCurrency: bigint
  priceOracle: Address
  isSiloedBorrowing: boolean
  isolationModeTotalDebt: bigint
  debtCeiling: bigint
  borrowCap: bigint
  supplyCap: bigint
  borrowableInIsolation: boolean
  /** v3.0–v3.1: stable debt and the reserve's single e-mode category. */
  stableBorrowRateEnabled?: boolean
  stableDebtTokenAddress?: Address
  totalPrincipalStableDebt?: bigint
  eModeCategoryId?: number
  eModeLtv?: number
  eModeLiquidationThreshold?: number
  eModeLiquidationBonus?: number
  eModePriceSource?: Address
  eModeLabel?: string
  /** v3.1–v3.3 (from v3.4 every reserve has virtual accounting). */
  virtualAccActive?: boolean
  /** v3.1+ */
  virtualUnderlyingBalance?: bigint
  /** v3.3+ */
  deficit?: bigint
}

export type UiBaseCurrency = {
  marketReferenceCurrencyUnit: bigint
  marketReferenceCurrencyPriceInUsd: bigint
  networkBaseTokenPriceInUsd: bigint
  networkBaseTokenPriceDecimals: number
}

/** A UserReserveData of any shape (v3.2+ has no stable debt: those fields are absent). */
export type UiUserReserve = {
  underlyingAsset: Address
  scaledATokenBalance: bigint
  usageAsCollateralEnabledOnUser: boolean
  scaledVariableDebt: bigint
  stableBorrowRate?: bigint
  principalStableDebt?: bigint
  stableBorrowLastUpdateTimestamp?: bigint
}

/** One entry of getEModes (v3.2+): the bitmaps are over reserve ids. */
export type UiEMode = {
  id: number
  eMode: {
    ltv: number
    liquidationThreshold: number
    liquidationBonus: number
    collateralBitmap: bigint
    label: string
    borrowableBitmap: bigint
    /** v3.6+ */
    ltvzeroBitmap?: bigint
    /** v3.7+ */
    isolated?: boolean
  }
}

type Shape = { fields: number; firstDynamic: number }

/** Head size and first dynamic field of AggregatedReserveData per shape (`name` is field 1 in all). */
const RESERVES: Record<UiShape, Shape> = {
  '3.0': { fields: 54, firstDynamic: 1 },
  '3.1': { fields: 56, firstDynamic: 1 },
  '3.2': { fields: 41, firstDynamic: 1 },
  '3.3': { fields: 42, firstDynamic: 1 },
  '3.4': { fields: 40, firstDynamic: 1 },
}

/** UserReserveData is static: its size alone tells the shape. */
const USER_FIELDS = { legacy: 7, origin: 4 } as const

/** DataTypes.EModeCategory as getEModes returns it: `label` is the first dynamic field. */
const EMODES = {
  '3.2': { fields: 6, firstDynamic: 4 },
  '3.6': { fields: 7, firstDynamic: 4 },
  '3.7': { fields: 8, firstDynamic: 5 },
} as const satisfies Record<string, Shape>
type EModesShape = keyof typeof EMODES

/** The 32-byte word at a byte offset, or undefined past the end. */
function word(data: Hex, byteOffset: bigint): bigint | undefined {
  const start = 2 + Number(byteOffset) * 2
  if (byteOffset < 0n || start + 64 > data.length) return undefined
  return BigInt(`0x${data.slice(start, start + 64)}`)
}

/** The byte offset of the first element of the dynamic array whose offset is stored at `at`, or undefined when empty. */
function firstElement(data: Hex, at: bigint): bigint | undefined {
  const array = word(data, at)
  if (array === undefined) return undefined
  const length = word(data, array)
  if (!length) return undefined
  const offset = word(data, array + 32n)
  return offset === undefined ? undefined : array + 32n + offset
}

const matches = (data: Hex, struct: bigint, { fields, firstDynamic }: Shape) =>
  word(data, struct + 32n * BigInt(firstDynamic)) === 32n * BigInt(fields)

/**
 * The shape of a getReservesData answer: `expected` when the market lists no reserve (any shape
 * decodes an empty list), undefined when no known shape fits.
 */
export function reservesShapeOf(data: Hex, expected: UiShape): UiShape | undefined {
  // (AggregatedReserveData[], BaseCurrencyInfo): the array's offset is the first word.
  const first = firstElement(data, 0n)
  if (first === undefined) return word(data, 0n) === undefined ? undefined : expected
  if (matches(data, first, RESERVES[expected])) return expected
  return (Object.keys(RESERVES) as UiShape[]).find((shape) => matches(data, first, RESERVES[shape]))
}

/** Whether a shape still lists each reserve's e-mode category (v3.0–v3.1) rather than answering getEModes. */
export const hasReserveEModes = (shape: UiShape) => shape === '3.0' || shape === '3.1'

export function decodeReserves(
  shape: UiShape,
  data: Hex,
): { reserves: readonly UiReserve[]; baseCurrency: UiBaseCurrency } {
  const functionName = 'getReservesData'
  const [reserves, baseCurrency] =
    shape === '3.0'
      ? decodeFunctionResult({ abi: uiPoolDataProviderV3Abi, functionName, data })
      : shape === '3.1'
        ? decodeFunctionResult({ abi: uiPoolDataProviderV31Abi, functionName, data })
        : shape === '3.2'
          ? decodeFunctionResult({ abi: uiPoolDataProviderV32Abi, functionName, data })
          : shape === '3.3'
            ? decodeFunctionResult({ abi: uiPoolDataProviderV33Abi, functionName, data })
            : decodeFunctionResult({ abi: uiPoolDataProviderV34Abi, functionName, data })
  return { reserves, baseCurrency }
}

/** getUserReservesData in the shape that goes with the reserves' (seven fields up to v3.1, four after). */
export function decodeUserReserves(shape: UiShape, data: Hex): readonly UiUserReserve[] {
  const legacy = hasReserveEModes(shape)
  // (UserReserveData[], uint8): offset, e-mode id, then the array's length and its static elements.
  const length = word(data, 64n)
  const fields = legacy ? USER_FIELDS.legacy : USER_FIELDS.origin
  if (length && BigInt((data.length - 2) / 2 - 96) !== length * 32n * BigInt(fields))
    throw new Error(`getUserReservesData does not answer with ${fields}-field UserReserveData (v${shape} shape)`)
  const functionName = 'getUserReservesData'
  const [userReserves] = legacy
    ? decodeFunctionResult({ abi: uiPoolDataProviderV3Abi, functionName, data })
    : decodeFunctionResult({ abi: uiPoolDataProviderV32Abi, functionName, data })
  return userReserves
}

/** getEModes (v3.2+) in whichever category shape it answers (v3.2, v3.6 or v3.7). */
export function decodeEModes(data: Hex): readonly UiEMode[] {
  // (Emode[]): each Emode is (uint8 id, EModeCategory eMode) with eMode's offset in its second word.
  const first = firstElement(data, 0n)
  const category = first === undefined ? undefined : word(data, first + 32n)
  const at = first !== undefined && category !== undefined ? first + category : undefined
  const shape =
    at === undefined ? '3.2' : (Object.keys(EMODES) as EModesShape[]).find((s) => matches(data, at, EMODES[s]))
  const functionName = 'getEModes'
  switch (shape) {
    case '3.2':
      return decodeFunctionResult({ abi: getEModesV32Abi, functionName, data })
    case '3.6':
      return decodeFunctionResult({ abi: getEModesV36Abi, functionName, data })
    case '3.7':
      return decodeFunctionResult({ abi: getEModesV37Abi, functionName, data })
    default:
      throw new Error('getEModes answers in no known EModeCategory shape (v3.2, v3.6, v3.7)')
  }
}

/** The shape a pool revision's own data provider answers in (the answer's shape wins when they differ). */
export function shapeForRevision(poolRevision: number): UiShape {
  if (poolRevision >= POOL_REVISION.v3_4) return '3.4'
  if (poolRevision >= POOL_REVISION.v3_3) return '3.3'
  if (poolRevision >= POOL_REVISION.v3_2) return '3.2'
  if (poolRevision >= POOL_REVISION.v3_1) return '3.1'
  return '3.0'
}

import { decodeFunctionResult, encodeFunctionResult } from 'viem'
import { describe, expect, test } from 'vitest'
import { multicall3Abi } from './abi/multicall3'
import { getEModesV32Abi } from './abi/uiPoolDataProviderV32'
import { portfolioCalls } from './portfolioCalls'
import { answerAggregate3, FAKE_MARKET, type FakeMarketState } from './testing/fakeAaveMarket'
import { decodeEModes, reservesShapeOf, shapeForRevision, type UiShape } from './uiPoolDataShapes'

const SHAPES: UiShape[] = ['3.0', '3.1', '3.2', '3.3', '3.4']

const state = (uiShape: UiShape, eModesShape?: FakeMarketState['eModesShape']): FakeMarketState => ({
  poolRevision: 1,
  uiShape,
  ...(eModesShape ? { eModesShape } : {}),
  chainId: 1,
  blockTimestamp: 1n,
  reserves: [
    {
      asset: '0x2222222222222222222222222222222222222222',
      symbol: 'A',
      decimals: 18,
      id: 0,
      ltv: 1n,
      liquidationThreshold: 2n,
      liquidationBonus: 10001n,
      price: 1n,
    },
    {
      asset: '0x3333333333333333333333333333333333333333',
      symbol: 'B',
      decimals: 6,
      id: 1,
      ltv: 1n,
      liquidationThreshold: 2n,
      liquidationBonus: 10001n,
      price: 1n,
    },
  ],
  eModes: [
    {
      id: 3,
      ltv: 1,
      liquidationThreshold: 2,
      liquidationBonus: 10001,
      label: 'x',
      collateralBitmap: 3n,
      borrowableBitmap: 1n,
    },
  ],
  user: { eMode: 0, reserves: [], native: 0n, wallet: {} },
})

/** What the data provider answered to getReservesData / getEModes in a portfolio call for `s`. */
function answers(s: FakeMarketState) {
  const layout = { assets: s.reserves.map((r) => r.asset), eModePriceSources: [], poolRevision: 5 }
  const calls = portfolioCalls({ market: FAKE_MARKET, user: FAKE_MARKET.pool, layout })
  const results = decodeFunctionResult({
    abi: multicall3Abi,
    functionName: 'aggregate3',
    data: answerAggregate3(s, calls),
  })
  return { reserves: results[4]?.returnData ?? '0x', eModes: results[7] }
}

describe('the data provider’s shape is read from its answer', () => {
  test.each(SHAPES)('getReservesData in the v%s shape is told whatever the revision expects', (shape) => {
    const data = answers(state(shape)).reserves
    for (const expected of SHAPES) expect(reservesShapeOf(data, expected)).toBe(shape)
  })

  test('an empty reserve list takes the expected shape; bytes of no shape are refused', () => {
    const empty = encodeFunctionResult({
      abi: getEModesV32Abi,
      functionName: 'getEModes',
      result: [],
    })
    expect(decodeEModes(empty)).toEqual([])
    expect(reservesShapeOf(answers({ ...state('3.3'), reserves: [] }).reserves, '3.1')).toBe('3.1')
    expect(reservesShapeOf('0x1234', '3.0')).toBeUndefined()
  })

  test.each(['3.2', '3.6', '3.7'] as const)('getEModes with v%s categories decodes with their fields', (shape) => {
    const eModes = answers(state('3.4', shape)).eModes
    expect(eModes?.success).toBe(true)
    const [category] = decodeEModes(eModes?.returnData ?? '0x')
    expect(category).toMatchObject({ id: 3, eMode: { label: 'x', collateralBitmap: 3n, borrowableBitmap: 1n } })
    expect(category?.eMode.ltvzeroBitmap).toBe(shape === '3.2' ? undefined : 0n)
    expect(category?.eMode.isolated).toBe(shape === '3.7' ? false : undefined)
  })

  test('pool revisions map to the shape their own release deploys', () => {
    expect([1, 3, 4, 5, 6, 7, 9, 11].map(shapeForRevision)).toEqual([
      '3.0',
      '3.0',
      '3.1',
      '3.2',
      '3.3',
      '3.4',
      '3.4',
      '3.4',
    ])
  })
})

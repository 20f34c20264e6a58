import { describe, expect, test } from 'vitest'
import { proposalCalls } from '../chain/tx/proposalCalls'
import { evaluate } from '../engine/evaluate'
import { snapshotFixture } from '../engine/testing/snapshotFixture'
import { reportJson } from './reportJson'

const report = evaluate(
  snapshotFixture({
    positions: { WETH: { supplied: 10 }, USDC: { borrowed: 14_000 } },
    prices: { WETH: 2000 },
    walletBalances: { USDC: 10_000 },
  }),
  {},
  { now: 1_750_000_000, seed: 1 },
)

describe('reportJson', () => {
  test('has the fields issue 4 names, every bigint as a decimal string', () => {
    const json = reportJson(report, (p) => proposalCalls(p, report.chainId))
    expect(json).toMatchObject({
      block: '1000',
      account: report.account,
      healthFactorWad: report.accountData.healthFactorWad.toString(),
      totalCollateralBase: '2000000000000',
      totalDebtBase: '1400000000000',
      availableBorrowsBase: report.accountData.availableBorrowsBase.toString(),
    })
    expect(json.assets.map((a) => [a.symbol, a.priceBase])).toEqual([
      ['WETH', '200000000000'],
      ['USDC', '100000000'],
    ])
    const weth = json.assets[0]
    expect(weth?.liquidationPriceBase).toMatch(/^\d+$/)
  })

  test('proposals carry their calls (exact approval first), predicted HF and cost', () => {
    const json = reportJson(report, (p) => proposalCalls(p, report.chainId))
    const repay = json.proposals.find((p) => p.kind === 'repay')
    expect(repay?.predictedHealthFactorWad).toMatch(/^\d+$/)
    expect(BigInt(repay?.predictedHealthFactorWad ?? 0)).toBeGreaterThanOrEqual(report.settings.targetHealthFactorWad)
    expect(repay?.costUsd).toMatch(/^\d+(\.\d+)?$/)
    expect(repay?.calls.map((c) => c.data.slice(0, 10))).toEqual(['0x095ea7b3', '0x573ade81']) // approve, repay
    expect(repay?.calls.every((c) => c.value === '0')).toBe(true)
  })

  test('survives JSON.stringify (no bigint, no typed array left in it)', () => {
    const text = JSON.stringify(reportJson(report, (p) => proposalCalls(p, report.chainId)))
    expect(JSON.parse(text).healthFactorWad).toBe(report.accountData.healthFactorWad.toString())
  })
})

import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { computeAccountData } from '../accountData'
import type { Hex, PortfolioSnapshot } from '../snapshot'
import { accountArbitrary } from '../testing/accountArbitrary'
import { reserveOf } from '../testing/snapshotFixture'
import { withPools } from '../testing/uniswapPoolFixture'
import { MAX_UINT256 } from '../wadRayMath'
import { applyActions } from './applyActions'
import { walletBalanceOf } from './collateralRules'
import { proposeProtections, snapshotAfterProposal } from './proposeProtections'
import {
  nearLiquidationFixture,
  SWAP_ROUTER,
  defaultProposalSettings as settings,
  traderFixture,
} from './testing/demoAccounts'

const context = { swapRouter: SWAP_ROUTER }

/** Random accounts with random wallet balances and the devnet's pools (each volatile asset against USDC). */
const accountWithWallet: fc.Arbitrary<PortfolioSnapshot> = accountArbitrary.chain((s) =>
  fc
    .array(fc.double({ min: 0, max: 60_000, noNaN: true }), {
      minLength: s.reserves.length,
      maxLength: s.reserves.length,
    })
    .map((usd) => {
      const walletBalances: Record<Hex, bigint> = {}
      s.reserves.forEach((r, i) => {
        const dollars = (usd[i] ?? 0) < 5_000 ? 0 : (usd[i] ?? 0)
        walletBalances[r.asset] =
          (BigInt(Math.round(dollars * 100)) * 10n ** BigInt(r.decimals) * 10n ** 6n) / r.priceBase
      })
      return withPools({ ...s, walletBalances }, 'USDC', ['WETH', 'WBTC', 'LINK', 'CRV'], 20_000_000n * 10n ** 8n)
    }),
)

describe('proposeProtections', () => {
  test('trader: the smallest actions that reach HF 1.5 come first, then the rest by how far they get', () => {
    const s = traderFixture()
    const ps = proposeProtections(s, settings, context)
    const reaching = ps.filter((p) => p.reachesTarget)
    expect(ps[0]?.kind).toBe('repay')
    expect(ps[0]?.id).toBe(`repay:${reserveOf(s, 'USDC').asset}`)
    expect(reaching.map((p) => p.kind)).toEqual(['repay', 'deleverage', 'deleverage', 'deleverage'])
    for (let i = 1; i < reaching.length; i++)
      expect(reaching[i]?.sizeBase).toBeGreaterThanOrEqual(reaching[i - 1]?.sizeBase as bigint)
    const rest = ps.slice(reaching.length)
    for (let i = 1; i < rest.length; i++)
      expect(rest[i]?.predicted.healthFactorWad).toBeLessThanOrEqual(rest[i - 1]?.predicted.healthFactorWad as bigint)
    expect(rest.every((p) => p.reason)).toBe(true)
    expect(ps.some((p) => p.kind === 'rotation')).toBe(true)
    expect(ps.some((p) => p.kind === 'addCollateral')).toBe(true)
  })

  test('an account at its targets, or without debt, gets no proposals', () => {
    expect(proposeProtections(traderFixture({ prices: { WETH: 6_000 } }), settings, context)).toEqual([])
    expect(
      proposeProtections(nearLiquidationFixture({ positions: { WETH: { supplied: 1 } } }), settings, context),
    ).toEqual([])
  })

  test('without a swap router there are no swaps', () => {
    const ps = proposeProtections(nearLiquidationFixture(), settings)
    expect(ps.map((p) => p.kind).sort()).toEqual(['addCollateral', 'repay'])
  })

  test('property: every proposal reaches the target or says why not, and its predicted HF is the replayed one', () => {
    fc.assert(
      fc.property(accountWithWallet, (s) => {
        for (const p of proposeProtections(s, settings, context)) {
          if (p.kind !== 'rotation')
            expect(p.reachesTarget).toBe(p.predicted.healthFactorWad >= settings.targetHealthFactorWad)
          if (!p.reachesTarget) expect(p.reason?.length ?? 0).toBeGreaterThan(10)
          expect(computeAccountData(snapshotAfterProposal(s, p)).healthFactor).toBe(p.predicted.healthFactorWad)
        }
      }),
      { numRuns: 60 },
    )
  })

  test('property: amounts never exceed wallet balances, and withdraws never exceed the balance at the block', () => {
    fc.assert(
      fc.property(accountWithWallet, (s) => {
        const supplied = new Map(computeAccountData(s).positions.map((x) => [x.reserve.asset, x.supplied]))
        for (const p of proposeProtections(s, settings, context)) {
          for (const a of p.amounts)
            if ((p.kind === 'repay' || p.kind === 'addCollateral') && a.role !== 'withdraw')
              expect(a.amount).toBeLessThanOrEqual(walletBalanceOf(s, a.asset))
          // Replaying the actions throws if any step takes more than the wallet holds at that point.
          const after = snapshotAfterProposal(s, p)
          for (const r of s.reserves) expect(walletBalanceOf(after, r.asset)).toBeGreaterThanOrEqual(0n)
          for (const step of p.steps) {
            if (step.type === 'withdraw') expect(step.amount).toBeLessThanOrEqual(supplied.get(step.asset) ?? 0n)
            if (step.type === 'approve' && step.amount !== 0n && p.kind !== 'deleverage' && p.kind !== 'rotation')
              expect(step.amount).toBeLessThanOrEqual(walletBalanceOf(s, step.token))
            if (step.type === 'repay' && p.kind === 'repay' && step.amount !== MAX_UINT256)
              expect(step.amount).toBeLessThanOrEqual(walletBalanceOf(s, step.asset))
          }
        }
      }),
      { numRuns: 60 },
    )
  })

  test('property: a repay never lowers HF', () => {
    fc.assert(
      fc.property(accountWithWallet, fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), (s, pick, fraction) => {
        const debts = computeAccountData(s).positions.filter((x) => x.borrowed > 0n && x.user.scaledVariableDebt > 0n)
        const debt = debts[pick % debts.length]
        if (!debt) return
        const amount = (debt.borrowed * BigInt(Math.round(fraction * 1e6))) / 1_000_000n
        if (amount === 0n) return
        const before = computeAccountData(s).healthFactor
        const after = applyActions(
          { ...s, walletBalances: { ...s.walletBalances, [debt.reserve.asset]: amount } },
          [{ type: 'repay', asset: debt.reserve.asset, amount, interestRateMode: 2 }],
          s.blockTimestamp,
        )
        expect(computeAccountData(after).healthFactor).toBeGreaterThanOrEqual(before)
      }),
      { numRuns: 300 },
    )
  })
})

import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { computeAccountData } from './accountData'
import { evaluate } from './evaluate'
import { accountArbitrary } from './testing/accountArbitrary'
import { MAX_UINT256, WAD } from './wadRayMath'

const options = { now: 1_750_000_000, seed: 3 }

describe('evaluate on random accounts', () => {
  test('the report agrees with itself: account data, status, rows, the unshocked stress point, proposals', () => {
    fc.assert(
      fc.property(accountArbitrary, (snapshot) => {
        const report = evaluate(snapshot, {}, options)
        const hf = report.accountData.healthFactorWad
        expect(hf).toBe(computeAccountData(snapshot).healthFactor)
        expect(report.status === 'liquidatable').toBe(hf < WAD)
        expect(report.status === 'no-debt').toBe(hf === MAX_UINT256)
        expect(report.assets.map((a) => a.address)).toEqual(
          computeAccountData(snapshot).positions.map((p) => p.reserve.asset),
        )
        // The grid's middle point is "no shock": every curve there is today's HF.
        const middle = (report.stress.shocks.length - 1) / 2
        for (const curve of report.stress.curves) {
          const point = curve.healthFactor[middle] as number
          if (hf === MAX_UINT256) expect(point).toBe(Number.POSITIVE_INFINITY)
          else expect(point).toBeCloseTo(Number(hf) / 1e18, 6)
        }
        // Proposals exist only below the target and each either reaches it or says why not.
        for (const p of report.proposals)
          if (p.reachesTarget)
            expect(p.predicted.healthFactorWad).toBeGreaterThanOrEqual(report.settings.targetHealthFactorWad)
          else expect(p.reason).toBeTruthy()
        expect(report.proposals.length).toBeLessThanOrEqual(report.settings.maxProposals)
      }),
      { numRuns: 150, seed: 42 },
    )
  })

  test('the report is a pure function of its input and seed', () => {
    fc.assert(
      fc.property(accountArbitrary, (snapshot) => {
        expect(evaluate(snapshot, {}, options)).toEqual(evaluate(snapshot, {}, options))
      }),
      { numRuns: 30, seed: 7 },
    )
  })
})

import { getAddress } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, test } from 'vitest'
import { decodeSnapshot, encodeSnapshot } from './snapshotCodec'
import { fromReport, type RiskSnapshot } from './snapshotModel'
import { snapshotContentHash, typedDataFor, verifySnapshotSignature } from './snapshotSignature'
import { PROFILE, sixReserveReport } from './snapshotTesting'

// Anvil's first two well-known test keys: never funded anywhere that matters.
const owner = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
const stranger = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d')

const report = { ...sixReserveReport(), account: owner.address }
const full = fromReport(report, PROFILE, { privacy: 'full', marketName: 'Aave V3 Ethereum' })
const redacted = fromReport(report, PROFILE, { privacy: 'ratios', marketName: 'Aave V3 Ethereum' })
const sign = (s: RiskSnapshot, by = owner) => by.signTypedData(typedDataFor(s))

/** One change per part of the snapshot: each must break the signature. */
const tamperings: [string, (s: RiskSnapshot) => RiskSnapshot][] = [
  ['the block', (s) => ({ ...s, block: { ...s.block, number: s.block.number + 1n } })],
  ['the chain', (s) => ({ ...s, chainId: 1 })],
  [
    'the health factor',
    (s) => ({ ...s, headline: { ...s.headline, healthFactorWad: s.headline.healthFactorWad + 1n } }),
  ],
  [
    'a position',
    (s) => ({ ...s, positions: s.positions.map((p, i) => (i === 0 ? { ...p, supplied: p.supplied * 2n } : p)) }),
  ],
  [
    'a stress point',
    (s) => ({
      ...s,
      stress: {
        ...s.stress,
        curves: s.stress.curves.map((c) => ({
          ...c,
          healthFactor: [(c.healthFactor[0] as number) + 0.001, ...c.healthFactor.slice(1)],
        })),
      },
    }),
  ],
  ['the profile', (s) => ({ ...s, profile: { ...s.profile, warningHealthFactor: 1.1 } })],
  ['the market name', (s) => ({ ...s, market: { ...s.market, name: 'Other' } })],
  ['a Greek', (s) => ({ ...s, greeks: { ...s.greeks, netVolatileDeltaUsd: s.greeks.netVolatileDeltaUsd + 1 } })],
]

describe('snapshot signatures', () => {
  test('the typed data names the chain, the block and the account, over the content hash', () => {
    const t = typedDataFor(full)
    expect(t.domain).toEqual({ name: 'MarginGuard snapshot', version: '1', chainId: full.chainId })
    expect(t.message).toEqual({
      contentHash: snapshotContentHash(full),
      chainId: BigInt(full.chainId),
      blockNumber: full.block.number,
      account: getAddress(owner.address),
    })
  })

  test('a full snapshot signed by its account verifies as signed by the account, after a trip through a link', async () => {
    const signature = await sign(full)
    const decoded = await decodeSnapshot(await encodeSnapshot(full))
    if (!decoded.ok) throw new Error(decoded.message)
    expect(await verifySnapshotSignature(decoded.snapshot, signature)).toEqual({
      status: 'signed',
      signer: owner.address,
      byAccount: true,
    })
  })

  test.each(tamperings)('changing %s makes a signed full snapshot invalid', async (_name, tamper) => {
    const signature = await sign(full)
    const result = await verifySnapshotSignature(tamper(full), signature)
    expect(result).toMatchObject({ status: 'invalid', reason: 'not-the-account' })
  })

  test.each(tamperings)('changing %s changes the signer of a signed redacted snapshot', async (_name, tamper) => {
    const signature = await sign(redacted)
    expect(await verifySnapshotSignature(redacted, signature)).toEqual({
      status: 'signed',
      signer: owner.address,
      byAccount: false,
    })
    const result = await verifySnapshotSignature(tamper(redacted), signature)
    expect(result.status === 'signed' && result.signer).not.toBe(owner.address)
  })

  test("someone else's signature on a full snapshot is not the account's", async () => {
    expect(await verifySnapshotSignature(full, await sign(full, stranger))).toMatchObject({
      status: 'invalid',
      reason: 'not-the-account',
    })
  })

  test('no signature is unsigned; a malformed one is invalid, never signed', async () => {
    expect(await verifySnapshotSignature(full, null)).toEqual({ status: 'unsigned' })
    expect(await verifySnapshotSignature(full, '')).toEqual({ status: 'unsigned' })
    for (const bad of ['0x1234', `0x${'zz'.repeat(65)}`, `0x${'00'.repeat(65)}`, `0x${'ff'.repeat(65)}`, 'hello'])
      expect(await verifySnapshotSignature(full, bad)).toMatchObject({ status: 'invalid' })
  })
})

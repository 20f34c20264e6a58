import { describe, expect, test } from 'vitest'
import {
  canonicalJson,
  type DecodeResult,
  decodeSnapshot,
  encodeSnapshot,
  fromBase64url,
  MAX_DECOMPRESSED_BYTES,
  MAX_ENCODED_CHARS,
  packBytes,
  packText,
  toBase64url,
} from './snapshotCodec'
import { buildSnapshotLink } from './snapshotLink'
import { fromReport, PRIVACY_LEVELS } from './snapshotModel'
import { PROFILE, sixReserveReport, smallReport } from './snapshotTesting'

const report = sixReserveReport()
const snapshotAt = (privacy: (typeof PRIVACY_LEVELS)[number]) =>
  fromReport(report, PROFILE, { privacy, marketName: 'Aave V3 Ethereum' })
const wire = () => JSON.parse(canonicalJson(snapshotAt('full'))) as Record<string, unknown>
const reasonOf = (r: DecodeResult) => (r.ok ? 'ok' : r.reason)

describe('encodeSnapshot / decodeSnapshot', () => {
  test.each(PRIVACY_LEVELS)('a %s snapshot comes back equal', async (privacy) => {
    const s = snapshotAt(privacy)
    const decoded = await decodeSnapshot(await encodeSnapshot(s))
    expect(decoded).toEqual({ ok: true, snapshot: s, version: 1 })
  })

  test('a typical 6-reserve account makes a link under 2,000 characters at the ratios level', async () => {
    const sizes = Object.fromEntries(
      await Promise.all(PRIVACY_LEVELS.map(async (p) => [p, (await encodeSnapshot(snapshotAt(p))).length] as const)),
    )
    const link = buildSnapshotLink('https://marginguard.example/', await encodeSnapshot(snapshotAt('ratios')))
    console.info('6-reserve payload sizes (characters):', sizes, 'ratios link:', link.length)
    expect(report.assets).toHaveLength(6)
    expect(link.length).toBeLessThan(2_000)
    expect(sizes.full).toBeLessThan(2_000)
  })

  test('the payload is base64url only (safe in a fragment without escaping)', async () => {
    expect(await encodeSnapshot(snapshotAt('full'))).toMatch(/^[A-Za-z0-9_-]+$/)
  })
})

describe('hostile input', () => {
  test('an overlong text is refused before it is decoded', async () => {
    // Not base64url at all: a size check that ran after decoding would say not-base64url.
    expect(reasonOf(await decodeSnapshot('!'.repeat(MAX_ENCODED_CHARS + 1)))).toBe('too-large')
    expect(reasonOf(await decodeSnapshot('!'.repeat(MAX_ENCODED_CHARS)))).toBe('not-base64url')
  })

  test('a compressed bomb stops inflating at the cap', async () => {
    const bomb = await packBytes(new Uint8Array(32 * MAX_DECOMPRESSED_BYTES).fill(0x20))
    expect(bomb.length).toBeLessThan(MAX_ENCODED_CHARS)
    expect(reasonOf(await decodeSnapshot(bomb))).toBe('too-large')
    // Just under the cap, the same spaces inflate fine and fail as JSON instead.
    expect(reasonOf(await decodeSnapshot(await packBytes(new Uint8Array(MAX_DECOMPRESSED_BYTES).fill(0x20))))).toBe(
      'not-json',
    )
  })

  test.each([
    ['not text', 42, 'not-base64url'],
    ['padding', 'abcd==', 'not-base64url'],
    ['an impossible length', 'abcde', 'not-base64url'],
    ['a non-ASCII character', 'abcé', 'not-base64url'],
    ['the empty text', '', 'not-compressed'],
    ['bytes that are not deflate', toBase64url(new Uint8Array([0xff, 0xff, 0xff, 0xff])), 'not-compressed'],
  ])('%s is refused', async (_name, input, reason) => {
    expect(reasonOf(await decodeSnapshot(input))).toBe(reason)
  })

  test('text that is not JSON, or not UTF-8, is refused as not-json', async () => {
    expect(reasonOf(await decodeSnapshot(await packText('{"v":1,')))).toBe('not-json')
    expect(reasonOf(await decodeSnapshot(await packBytes(new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]))))).toBe('not-json')
  })

  test('a newer version is refused as newer, an unknown or missing one as invalid', async () => {
    const newer = await decodeSnapshot(await packText(JSON.stringify({ ...wire(), v: 2 })))
    expect(newer).toMatchObject({ ok: false, reason: 'newer-version' })
    expect(newer.ok === false && newer.message).toContain('version 2')
    for (const v of [0, -1, 1.5, '1', null, undefined])
      expect(reasonOf(await decodeSnapshot(await packText(JSON.stringify({ ...wire(), v }))))).toBe('invalid')
    expect(reasonOf(await decodeSnapshot(await packText('[1]')))).toBe('invalid')
  })

  test.each([
    ['an unknown key', (w: Record<string, unknown>) => ({ ...w, x: 1 })],
    [
      'a __proto__ key',
      (w: Record<string, unknown>) => JSON.parse(JSON.stringify(w).replace('{', '{"__proto__":{"a":1},')),
    ],
    ['a constructor key', (w: Record<string, unknown>) => ({ ...w, constructor: { prototype: {} } })],
    ['a huge number', (w: Record<string, unknown>) => ({ ...w, c: 1e300 })],
    ['a negative amount', (w: Record<string, unknown>) => ({ ...w, b: ['-1', 0] })],
    ['an amount above uint256', (w: Record<string, unknown>) => ({ ...w, b: [(2n ** 256n).toString(), 0] })],
    ['a bad address', (w: Record<string, unknown>) => ({ ...w, a: '0x12' })],
    ['markup in the market name', (w: Record<string, unknown>) => ({ ...w, m: ['<b>x</b>', (w.m as string[])[1]] })],
    ['an account at the ratios level', (w: Record<string, unknown>) => ({ ...w, p: 2 })],
    ['no account at the full level', (w: Record<string, unknown>) => ({ ...w, a: undefined })],
    [
      'an unknown status code',
      (w: Record<string, unknown>) => ({
        ...w,
        h: [...(w.h as unknown[]).slice(0, 1), 9, ...(w.h as unknown[]).slice(2)],
      }),
    ],
    [
      'curves of different lengths',
      (w: Record<string, unknown>) => {
        const [from, to, curves] = w.s as [number, number, [string, number | null, number[]][]]
        return { ...w, s: [from, to, [...curves, ['all', null, [1000]]]] }
      },
    ],
    ['too many positions', (w: Record<string, unknown>) => ({ ...w, r: Array(65).fill((w.r as unknown[])[0]) })],
  ])('a payload with %s is invalid', async (_name, mutate) => {
    const payload = await packText(JSON.stringify(mutate(wire())))
    const result = await decodeSnapshot(payload)
    expect(reasonOf(result)).toBe('invalid')
    expect(({} as Record<string, unknown>).a).toBeUndefined()
  })

  test('the unchanged wire decodes (the mutations above are what fails)', async () => {
    expect(reasonOf(await decodeSnapshot(await packText(JSON.stringify(wire()))))).toBe('ok')
    const small = fromReport(smallReport(), PROFILE, { privacy: 'full', marketName: 'devnet' })
    expect(reasonOf(await decodeSnapshot(await encodeSnapshot(small)))).toBe('ok')
  })
})

test('base64url round-trips every length of bytes', () => {
  for (let n = 0; n < 40; n++) {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 13) & 255)
    expect(fromBase64url(toBase64url(bytes))).toEqual(bytes)
  }
})

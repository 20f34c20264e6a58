import fc from 'fast-check'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import * as v from 'valibot'
import { afterAll, describe, expect, test } from 'vitest'
import { SnapshotView } from './SnapshotView'
import {
  canonicalJson,
  type DecodeResult,
  decodeSnapshot,
  encodeSnapshot,
  fromBase64url,
  MAX_DECOMPRESSED_BYTES,
  packBytes,
  packText,
  toBase64url,
} from './snapshotCodec'
import { fromReport, PRIVACY_LEVELS } from './snapshotModel'
import { wireSnapshotSchema } from './snapshotSchema'
import { noDebtReport, PROFILE, sixReserveReport, smallReport } from './snapshotTesting'

/**
 * Issue 8, hostile input: at least 10,000 random and mutated payloads through decodeSnapshot and,
 * for the ones it accepts, through the read-only view. None may throw; every refusal names a
 * reason; every acceptance passes the schema again and renders without script or raw markup.
 */

// A ceiling for a busy 2-core machine, not a performance target (the runs take a few seconds).
const CEILING = { timeout: 180_000 }

const REASONS = new Set(['too-large', 'not-base64url', 'not-compressed', 'not-json', 'invalid', 'newer-version'])
const counts = { total: 0, ok: 0, rendered: 0, byReason: {} as Record<string, number> }
const started = performance.now()

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;')

/** The property every payload must satisfy, whatever it is. */
async function check(input: unknown): Promise<DecodeResult> {
  const result = await decodeSnapshot(input)
  counts.total++
  if (!result.ok) {
    expect(REASONS.has(result.reason), result.reason).toBe(true)
    expect(typeof result.message).toBe('string')
    counts.byReason[result.reason] = (counts.byReason[result.reason] ?? 0) + 1
    return result
  }
  counts.ok++
  expect(v.is(wireSnapshotSchema, JSON.parse(canonicalJson(result.snapshot)))).toBe(true)
  const html = renderToStaticMarkup(
    createElement(SnapshotView, { snapshot: result.snapshot, signature: { status: 'unsigned' } }),
  )
  counts.rendered++
  // Markup, not text: hostile strings may appear as escaped text (a market named "javascript:…"
  // is harmless words), never as a script element, an event-handler attribute or a script URL.
  expect(html).not.toMatch(/<script/i)
  expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i)
  expect(html).not.toMatch(/<[^>]*=\s*"\s*javascript:/i)
  for (const text of [result.snapshot.market.name, ...result.snapshot.positions.map((p) => p.symbol)])
    expect(html).toContain(escapeHtml(text))
  return result
}

const reports = [sixReserveReport(), smallReport(), noDebtReport()]
const snapshots = reports.flatMap((r) =>
  PRIVACY_LEVELS.map((privacy) => fromReport(r, PROFILE, { privacy, marketName: 'Aave V3 Ethereum' })),
)
const payloads = await Promise.all(snapshots.map(encodeSnapshot))
const wires = snapshots.map((s) => JSON.parse(canonicalJson(s)) as unknown)
const wirePaths = wires.map((w) => paths(w))

const payloadArb = fc.constantFrom(...payloads)
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

afterAll(() => {
  const seconds = (performance.now() - started) / 1000
  console.info(
    `snapshot fuzz: ${counts.total} payloads, ${counts.ok} accepted and rendered (${counts.rendered}),`,
    counts.byReason,
    `${seconds.toFixed(1)} s`,
  )
  expect(counts.total).toBeGreaterThanOrEqual(10_000)
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
})

describe('decodeSnapshot on hostile payloads', () => {
  test('random text', CEILING, async () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: fc.constantFrom(...BASE64URL), maxLength: 2_000 }),
      fc.string({ unit: 'grapheme', maxLength: 200 }),
    )
    await fc.assert(
      fc.asyncProperty(text, async (t) => void (await check(t))),
      { numRuns: 2_000 },
    )
  })

  test('random bytes, raw and deflated', CEILING, async () => {
    const bytes = fc.uint8Array({ maxLength: 2_000 })
    await fc.assert(
      fc.asyncProperty(bytes, async (b) => void (await check(toBase64url(b)))),
      { numRuns: 1_500 },
    )
    await fc.assert(
      fc.asyncProperty(bytes, async (b) => void (await check(await packBytes(b)))),
      { numRuns: 1_500 },
    )
  })

  test('valid payloads with characters flipped, cut, inserted or appended', CEILING, async () => {
    const edit = fc.record({
      kind: fc.constantFrom('flip', 'truncate', 'insert', 'append', 'delete'),
      at: fc.nat(),
      text: fc.string({ unit: fc.constantFrom(...BASE64URL), minLength: 1, maxLength: 40 }),
    })
    await fc.assert(
      fc.asyncProperty(payloadArb, fc.array(edit, { minLength: 1, maxLength: 4 }), async (payload, edits) => {
        let p = payload
        for (const e of edits) {
          const i = e.at % (p.length + 1)
          if (e.kind === 'flip') p = `${p.slice(0, i)}${e.text[0]}${p.slice(i + 1)}`
          else if (e.kind === 'truncate') p = p.slice(0, i)
          else if (e.kind === 'insert') p = `${p.slice(0, i)}${e.text}${p.slice(i)}`
          else if (e.kind === 'append') p += e.text
          else p = `${p.slice(0, i)}${p.slice(i + e.text.length)}`
        }
        await check(p)
      }),
      { numRuns: 2_000 },
    )
  })

  test('valid payloads with bits flipped, truncated or extended in the compressed bytes', CEILING, async () => {
    await fc.assert(
      fc.asyncProperty(
        payloadArb,
        fc.nat(),
        fc.nat(7),
        fc.uint8Array({ maxLength: 30 }),
        async (payload, at, bit, tail) => {
          const bytes = fromBase64url(payload) as Uint8Array
          const i = at % bytes.length
          const flipped = bytes.slice()
          flipped[i] = (flipped[i] as number) ^ (1 << bit)
          await check(toBase64url(flipped))
          await check(toBase64url(bytes.slice(0, i)))
          await check(toBase64url(Uint8Array.from([...bytes, ...tail])))
        },
      ),
      { numRuns: 500 },
    )
  })
})

/** Every path into a JSON value (objects and arrays), to pick one to replace. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix]
  if (Array.isArray(value)) for (const [i, x] of value.entries()) out.push(...paths(x, [...prefix, i]))
  else if (value && typeof value === 'object')
    for (const [k, x] of Object.entries(value)) out.push(...paths(x, [...prefix, k]))
  return out
}

function replaceAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement
  const [head, ...rest] = path as [string | number, ...(string | number)[]]
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>
  copy[head] = replaceAt(copy[head], rest, replacement)
  return copy
}

const deep = (depth: number) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown
const hostileValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom<unknown>(
    'NaN',
    'Infinity',
    '-Infinity',
    1e308,
    -1e308,
    2 ** 53 + 1,
    -0,
    '',
    '1e400',
    '00',
    '0x',
    `0x${'g'.repeat(40)}`,
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    'javascript:alert(1)',
    '\u202eETH',
    'A'.repeat(10_000),
    JSON.parse('{"__proto__":{"polluted":1}}'),
    JSON.parse('{"constructor":{"prototype":{"polluted":1}}}'),
    deep(2_000),
    Array(5_000).fill(0),
    Array(300).fill('WETH'),
  ),
)
// Changes a valid value for another one the schema accepts, so some mutants decode and reach the view.
const plausibleValue = fc.oneof(
  fc.integer({ min: 0, max: 3 }),
  fc.double({ min: -1, max: 1, noNaN: true }),
  fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String),
  fc.string({ unit: fc.constantFrom(...'ABCxyz019._-+$€₮éЖ中'), minLength: 1, maxLength: 32 }),
)

describe('decodeSnapshot on valid JSON with wrong parts', () => {
  test('one part replaced by a hostile or plausible value', CEILING, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(wires.length - 1),
        fc.nat(),
        fc.oneof(hostileValue, plausibleValue),
        async (w, at, replacement) => {
          const all = wirePaths[w] as (string | number)[][]
          const mutated = replaceAt(wires[w], all[at % all.length] as (string | number)[], replacement)
          await check(await packText(JSON.stringify(mutated)))
        },
      ),
      { numRuns: 2_000 },
    )
  })

  test('a key added anywhere, proto-pollution keys included', CEILING, async () => {
    const key = fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'x', 'v'),
      fc.string({ maxLength: 8 }),
    )
    await fc.assert(
      fc.asyncProperty(fc.nat(wires.length - 1), key, fc.jsonValue({ maxDepth: 2 }), async (w, k, value) => {
        const json = JSON.stringify(wires[w])
        await check(await packText(`{${JSON.stringify(k)}:${JSON.stringify(value) ?? 'null'},${json.slice(1)}`))
      }),
      { numRuns: 500 },
    )
  })

  test('compressed bombs of every shape stop at the cap', CEILING, async () => {
    for (const fill of [0x20, 0x30, 0x5b, 0x7b]) {
      const result = await check(await packBytes(new Uint8Array(4 * MAX_DECOMPRESSED_BYTES).fill(fill)))
      expect(result.ok === false && result.reason).toBe('too-large')
    }
    const quoted = `"${'A'.repeat(2 * MAX_DECOMPRESSED_BYTES)}"`
    expect((await check(await packText(quoted))).ok).toBe(false)
  })
})

import * as v from 'valibot'
import { type RiskSnapshot, SNAPSHOT_VERSION } from './snapshotModel'
import { wireSnapshotSchema } from './snapshotSchema'
import { fromWire, toWire } from './snapshotWire'

/**
 * Snapshot ↔ link payload: compact JSON (snapshotSchema.ts) → deflate-raw → base64url. Decoding
 * parses untrusted text, so every stage is bounded before the next one runs: the text's length
 * before anything is decoded, the inflated size while it streams (a few hundred bytes of deflate
 * can expand to gigabytes), then JSON, the version (migrated or refused) and the strict schema.
 * decodeSnapshot never throws: every failure is a reason the page can put into words.
 */

/** Longest payload accepted (characters of base64url): far above any real account, far below harm. */
export const MAX_ENCODED_CHARS = 16_384
/** Inflation stops here (bytes of JSON). */
export const MAX_DECOMPRESSED_BYTES = 256 * 1024

export type DecodeFailureReason =
  | 'too-large'
  | 'not-base64url'
  | 'not-compressed'
  | 'not-json'
  | 'invalid'
  | 'newer-version'

export type DecodeResult =
  | { ok: true; snapshot: RiskSnapshot /** The payload's own version, before migration. */; version: number }
  | { ok: false; reason: DecodeFailureReason; message: string }

type WireObject = Record<string, unknown>

/**
 * vN → vN+1, applied in turn to the raw JSON before the v-current schema sees it. v1 is the first
 * version; when v2 comes, v1's entry turns a v1 object into a v2 one here and the schema moves on.
 */
const MIGRATIONS: Record<number, (old: WireObject) => WireObject> = {}

/** The exact JSON whose bytes are compressed and whose keccak256 is signed (snapshotSignature.ts). */
export function canonicalJson(snapshot: RiskSnapshot): string {
  return JSON.stringify(toWire(snapshot))
}

export async function encodeSnapshot(snapshot: RiskSnapshot): Promise<string> {
  return packText(canonicalJson(snapshot))
}

/** Any text → deflate-raw → base64url: the payload's outer layers (tests use it to build hostile payloads). */
export async function packText(text: string): Promise<string> {
  return packBytes(new TextEncoder().encode(text))
}

export async function packBytes(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'))
  return toBase64url(new Uint8Array(await new Response(stream).arrayBuffer()))
}

const fail = (reason: DecodeFailureReason, message: string): DecodeResult => ({ ok: false, reason, message })

export async function decodeSnapshot(text: unknown): Promise<DecodeResult> {
  try {
    if (typeof text !== 'string') return fail('not-base64url', 'The payload is not text.')
    if (text.length > MAX_ENCODED_CHARS)
      return fail('too-large', `The payload is ${text.length} characters; at most ${MAX_ENCODED_CHARS} are read.`)
    const bytes = fromBase64url(text)
    if (bytes === null) return fail('not-base64url', 'The payload is not base64url text.')
    const inflated = await inflateCapped(bytes, MAX_DECOMPRESSED_BYTES)
    if (inflated === 'too-large')
      return fail('too-large', `The payload inflates beyond ${MAX_DECOMPRESSED_BYTES} bytes; reading stopped there.`)
    if (inflated === 'not-compressed') return fail('not-compressed', 'The payload is not deflate-compressed data.')
    let raw: unknown
    try {
      raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated))
    } catch {
      return fail('not-json', 'The payload does not hold JSON.')
    }
    return validate(raw)
  } catch (error) {
    // Nothing above should throw; if a runtime does, the link is still only "damaged".
    return fail('invalid', `The payload could not be read (${error instanceof Error ? error.name : 'error'}).`)
  }
}

function validate(raw: unknown): DecodeResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return fail('invalid', 'The payload is not an object.')
  const version = (raw as WireObject).v
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return fail('invalid', 'The payload has no valid version.')
  if (version > SNAPSHOT_VERSION)
    return fail(
      'newer-version',
      `This snapshot is version ${version}; this page reads up to version ${SNAPSHOT_VERSION}. Open it with a newer MarginGuard.`,
    )
  let current = raw as WireObject
  for (let k = version; k < SNAPSHOT_VERSION; k++) {
    const migrate = MIGRATIONS[k]
    if (!migrate) return fail('invalid', `No migration from version ${k}.`)
    current = migrate(current)
  }
  const parsed = v.safeParse(wireSnapshotSchema, current, { abortEarly: true })
  if (!parsed.success) {
    const issue = parsed.issues[0]
    const path = issue.path?.map((p) => String(p.key)).join('.') ?? ''
    return fail(
      'invalid',
      `The snapshot does not match its schema at "${path.slice(0, 40)}": ${issue.message.slice(0, 120)}`,
    )
  }
  const snapshot = fromWire(parsed.output)
  if ('error' in snapshot) return fail('invalid', `The snapshot is inconsistent: ${snapshot.error}.`)
  return { ok: true, snapshot, version }
}

/** Inflates deflate-raw, reading chunk by chunk and cancelling once `cap` bytes are exceeded. */
async function inflateCapped(
  bytes: Uint8Array<ArrayBuffer>,
  cap: number,
): Promise<Uint8Array | 'too-large' | 'not-compressed'> {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      total += value.byteLength
      if (total > cap) {
        await reader.cancel().catch(() => undefined)
        return 'too-large'
      }
      chunks.push(value)
    }
  } catch {
    return 'not-compressed'
  }
  const out = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const VALUE = new Int8Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i

export function toBase64url(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6))
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63]
  }
  return out
}

/** Strict base64url without padding: null for any other character or an impossible length. */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (text.length % 4 === 1) return null
  const out = new Uint8Array(Math.floor((text.length * 6) / 8))
  let buffer = 0
  let bits = 0
  let j = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    const value = code < 128 ? (VALUE[code] as number) : -1
    if (value < 0) return null
    buffer = ((buffer << 6) | value) & 0xffffff
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[j++] = (buffer >> bits) & 0xff
    }
  }
  return out
}

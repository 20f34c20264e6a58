/**
 * Snapshot links: the payload rides in the URL fragment (`#snapshot=<payload>&sig=<hex>`), which
 * browsers never send to a server — not to ours, not to a proxy, not in a Referer header. Never
 * the query string, which every server and log on the way would see.
 */

export const SNAPSHOT_KEY = 'snapshot'
export const SIGNATURE_KEY = 'sig'
/** Longest signature text kept from a link (a 65-byte ECDSA signature is 132 characters). */
const MAX_SIGNATURE_CHARS = 1_000

export type SnapshotFragment = { payload: string; signature: string | null }

/** `#snapshot=<payload>` with `&sig=<signature>` when signed. */
export function snapshotFragment(payload: string, signature?: string | null): string {
  return `#${SNAPSHOT_KEY}=${payload}${signature ? `&${SIGNATURE_KEY}=${signature}` : ''}`
}

/**
 * The shareable link: the page's own address (its query kept, its fragment replaced) with the
 * snapshot in the fragment.
 */
export function buildSnapshotLink(pageUrl: string, payload: string, signature?: string | null): string {
  const url = new URL(pageUrl)
  url.hash = ''
  return `${url.toString()}${snapshotFragment(payload, signature)}`
}

/**
 * Reads `location.hash` (or a whole URL): the payload and signature as they stand, or null when
 * the fragment holds no snapshot. Nothing is decoded here: the payload goes to decodeSnapshot and
 * the signature to verifySnapshotSignature, which both treat it as hostile. The first occurrence
 * of a key wins.
 */
export function parseSnapshotFragment(hashOrUrl: string): SnapshotFragment | null {
  const hashAt = hashOrUrl.indexOf('#')
  const fragment = hashAt >= 0 ? hashOrUrl.slice(hashAt + 1) : hashOrUrl
  let payload: string | null = null
  let signature: string | null = null
  for (const part of fragment.split('&')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    const key = part.slice(0, eq)
    const value = part.slice(eq + 1)
    if (key === SNAPSHOT_KEY && payload === null) payload = value
    else if (key === SIGNATURE_KEY && signature === null) signature = value.slice(0, MAX_SIGNATURE_CHARS)
  }
  return payload === null ? null : { payload, signature: signature || null }
}

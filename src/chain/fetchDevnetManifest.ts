import { type DevnetManifest, parseDevnetManifest } from './devnetManifest'

/** Where the app finds the manifest: served fresh from disk by the Vite plugin, intercepted by tests. */
export const DEVNET_MANIFEST_URL = '/devnet.json'

/** A manifest problem a person can act on; the page shows `message` as is. */
export class DevnetManifestError extends Error {
  override name = 'DevnetManifestError'
  readonly kind: 'missing' | 'invalid' | 'unavailable'
  constructor(message: string, kind: DevnetManifestError['kind']) {
    super(message)
    this.kind = kind
  }
}

/**
 * Fetches and validates the devnet manifest. Always fetched at runtime, never bundled: it changes
 * whenever the devnet restarts, and tests substitute their own with `page.route`.
 */
export async function fetchDevnetManifest(
  fetchFn: typeof fetch = fetch,
  url = DEVNET_MANIFEST_URL,
): Promise<DevnetManifest> {
  let response: Response
  try {
    response = await fetchFn(url, { cache: 'no-store' })
  } catch (error) {
    throw new DevnetManifestError(`Cannot load ${url}: ${(error as Error).message}`, 'unavailable')
  }
  if (response.status === 404) throw new DevnetManifestError('No devnet manifest: run `npm start`', 'missing')
  if (!response.ok) throw new DevnetManifestError(`Cannot load ${url}: HTTP ${response.status}`, 'unavailable')

  let raw: unknown
  try {
    raw = await response.json()
  } catch {
    throw new DevnetManifestError(`The devnet manifest at ${url} is not valid JSON: restart the devnet`, 'invalid')
  }
  try {
    return parseDevnetManifest(raw)
  } catch (error) {
    throw new DevnetManifestError(`Invalid devnet manifest: ${(error as Error).message}`, 'invalid')
  }
}

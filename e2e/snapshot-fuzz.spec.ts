import { deflateRawSync, inflateRawSync } from 'node:zlib'
import { expect, test } from './fixtures'

/** A seeded PRNG (mulberry32): the same links on every run, so a failure can be replayed. */
function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

const HOSTILE = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  'javascript:window.__pwned=1',
  '"><svg onload=window.__pwned=1>',
  '__proto__',
  'constructor',
]

const pack = (text: string) => deflateRawSync(Buffer.from(text, 'utf8')).toString('base64url')

/** Hostile and broken payloads derived from a real one: flips, cuts, splices, swapped values, scripts. */
function fuzzPayloads(valid: string, count: number, rand: () => number): string[] {
  const json = inflateRawSync(Buffer.from(valid, 'base64url')).toString('utf8')
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T
  const out: string[] = []
  for (let i = 0; out.length < count; i++) {
    const at = Math.floor(rand() * valid.length)
    switch (i % 8) {
      case 0: // one character of the base64url text changed
        out.push(valid.slice(0, at) + pick([...alphabet]) + valid.slice(at + 1))
        break
      case 1: // cut short
        out.push(valid.slice(0, at))
        break
      case 2: // random text, some of it not base64url at all
        out.push(Array.from({ length: 1 + Math.floor(rand() * 400) }, () => pick([...`${alphabet}%<>"'&#=`])).join(''))
        break
      case 3: {
        // a string value of the JSON replaced by script
        const strings = [...json.matchAll(/"([^"\\]{1,40})"/g)]
        const s = strings.length ? pick(strings) : undefined
        out.push(pack(s ? json.replace(s[0], JSON.stringify(pick(HOSTILE))) : json))
        break
      }
      case 4: {
        // a number of the JSON replaced by something else
        const numbers = [...json.matchAll(/-?\d+(\.\d+)?/g)]
        const n = numbers.length ? pick(numbers) : undefined
        const swap = pick(['1e309', '-1', 'null', '"NaN"', '[]', '{}', '99999999999999999999999999999999999', 'true'])
        out.push(pack(n ? json.slice(0, n.index) + swap + json.slice((n.index ?? 0) + n[0].length) : json))
        break
      }
      case 5: // keys that would pollute prototypes, and deep nesting
        out.push(
          pack(
            rand() < 0.5
              ? json.replace('{', '{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}},')
              : `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
          ),
        )
        break
      case 6: // a compression bomb: tiny link, huge inflated text
        out.push(pack(`{"v":1,"pad":"${'a'.repeat(2_000_000)}"}`))
        break
      default: // random bytes, compressed
        out.push(
          pack(Array.from({ length: 1 + Math.floor(rand() * 600) }, () => String.fromCharCode(rand() * 256)).join('')),
        )
    }
  }
  return out
}

test('hundreds of damaged and hostile snapshot links: none crashes the page, runs script or renders markup', async ({
  page,
  wallet,
}) => {
  // A budget for 250 links opened one after another, not a speed check (each waits for its own answer).
  test.setTimeout(240_000)
  // A real payload to mutate, from the app itself.
  await page.goto('/')
  await page.getByRole('region', { name: 'Wallet' }).getByRole('button', { name: 'Browser wallet' }).click()
  // The first report waits for the worker's cold statistics (a hang guard, not a speed check).
  await expect(page.getByTestId('glance-hf')).toHaveAttribute('data-wad', /^\d+$/, { timeout: 30_000 })
  await page.getByTestId('share-snapshot-open').click()
  await page.getByTestId('share-snapshot').getByRole('radio', { name: /^Full/ }).check()
  // The link is encoded (deflated) after the level is chosen: wait for it, as a user would.
  const linkField = page.getByTestId('share-snapshot-link')
  await expect(linkField).toHaveValue(/#snapshot=/)
  const link = await linkField.inputValue()
  const valid = new URL(link).hash.match(/snapshot=([^&]+)/)?.[1] ?? ''
  expect(valid.length).toBeGreaterThan(100)
  expect(wallet.address).toBeTruthy()

  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`)
    void d.dismiss()
  })
  await page.goto(`/#snapshot=${valid}`)
  const shown = page.getByTestId('snapshot-page')
  await expect(shown.getByTestId('snapshot-view')).toBeVisible()
  const scripts = await page.locator('script').count()

  const payloads = fuzzPayloads(valid, 250, random(20261125))
  const outcomes = { view: 0, error: 0 }
  for (const [i, payload] of payloads.entries()) {
    const before = Number((await shown.getAttribute('data-opened')) ?? '0')
    await page.evaluate((h) => {
      window.location.hash = h
    }, `snapshot=${payload}`)
    await expect(shown).toHaveAttribute('data-opened', String(before + 1))
    const view = await shown.getByTestId('snapshot-view').count()
    const error = await shown.getByTestId('snapshot-error').count()
    expect(view + error, `payload ${i} shows a snapshot or says what is wrong`).toBe(1)
    if (view) outcomes.view++
    else outcomes.error++
  }
  expect(errors).toEqual([])
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
  expect(await page.locator('script').count()).toBe(scripts)
  // No hostile string became markup: no element the app never renders, no inline handlers.
  expect(await page.locator('main img, main svg[onload], main [onerror], main iframe').count()).toBe(0)
  expect(outcomes.error).toBeGreaterThan(150)
  test.info().annotations.push({ type: 'outcomes', description: JSON.stringify(outcomes) })
})

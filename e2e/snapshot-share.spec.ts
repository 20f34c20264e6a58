import { inflateRawSync } from 'node:zlib'
import type { Browser, Page } from '@playwright/test'
import { expect, test } from './fixtures'

// Timeouts only guard against a hang (the first report waits for the worker's cold statistics).
test.describe.configure({ timeout: 120_000 })

/** A context of its own, like a friend opening the link: no storage, and nothing beyond 127.0.0.1. */
async function openInFreshContext(browser: Browser, link: string) {
  const context = await browser.newContext()
  await context.route(
    (url) => !['127.0.0.1', 'localhost'].includes(url.hostname),
    (route) => route.abort('blockedbyclient'),
  )
  const page = await context.newPage()
  await page.goto(link)
  return { page, close: () => context.close() }
}

async function shareLink(page: Page, level: RegExp) {
  const dialog = page.getByTestId('share-snapshot')
  await dialog.getByRole('radio', { name: level }).check()
  const link = dialog.getByTestId('share-snapshot-link')
  await expect(link).toHaveValue(/#snapshot=/)
  return link.inputValue()
}

/** The payload's JSON, decompressed here without the app's decoder: what anyone holding the link can read. */
function payloadText(link: string) {
  const payload = new URL(link).hash.match(/snapshot=([^&]+)/)?.[1] ?? ''
  return inflateRawSync(Buffer.from(payload, 'base64url')).toString('utf8')
}

test('a snapshot at each privacy level opens alone, read-only, with the same headline; ratios carry no address or size', async ({
  page,
  browser,
  wallet,
}) => {
  await page.goto('/')
  await page.getByRole('region', { name: 'Wallet' }).getByRole('button', { name: 'Browser wallet' }).click()
  // The first report waits for the worker's cold statistics (a hang guard, not a speed check).
  await expect(page.getByTestId('glance-hf')).toHaveAttribute('data-wad', /^\d+$/, { timeout: 30_000 })
  await page.getByTestId('share-snapshot-open').click()
  const block = (await page.getByTestId('share-snapshot').textContent())?.match(/Block ([\d,]+)/)?.[1]
  expect(block).toBeTruthy()

  for (const [level, showsAccount] of [
    [/^Full/, true],
    [/^Without the address/, false],
    [/^Ratios only/, false],
  ] as const) {
    const link = await shareLink(page, level)
    expect(link.length).toBeLessThan(2_000)
    const shared = await openInFreshContext(browser, link)
    try {
      const view = shared.page.getByTestId('snapshot-view')
      await expect(view).toContainText('not live')
      await expect(shared.page.getByTestId('snapshot-block')).toHaveText(block ?? '')
      // The same headline as the live page at that block: the snapshot's HF is the report's.
      const liveHf = await page.getByTestId('glance-hf').getAttribute('data-wad')
      const shownHf = await shared.page.getByTestId('snapshot-hf').textContent()
      expect(shownHf?.trim()).toBe(
        new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2, roundingMode: 'trunc' })
          .format(Number(BigInt(liveHf ?? '0') / 10n ** 14n) / 1e4)
          .replace(/,/g, ''),
      )
      await expect(shared.page.getByTestId('snapshot-signature')).toContainText('Unsigned')
      await expect(shared.page.getByTestId('snapshot-account')).toHaveCount(showsAccount ? 1 : 0)
    } finally {
      await shared.close()
    }
    const text = payloadText(link).toLowerCase()
    const bare = wallet.address.toLowerCase().slice(2)
    if (showsAccount) expect(text).toContain(bare)
    else expect(text).not.toContain(bare)
  }
})

test('a signed snapshot says who signed it; a tampered one does not verify', async ({ page, browser, wallet }) => {
  await page.goto('/')
  await page.getByRole('region', { name: 'Wallet' }).getByRole('button', { name: 'Browser wallet' }).click()
  // The first report waits for the worker's cold statistics (a hang guard, not a speed check).
  await expect(page.getByTestId('glance-hf')).toHaveAttribute('data-wad', /^\d+$/, { timeout: 30_000 })
  await page.getByTestId('share-snapshot-open').click()
  await shareLink(page, /^Full/)
  await page.getByRole('button', { name: 'Sign with wallet' }).click()
  const link = page.getByTestId('share-snapshot-link')
  await expect(link).toHaveValue(/&sig=0x[0-9a-f]{130}$/i)
  const signed = await link.inputValue()

  const good = await openInFreshContext(browser, signed)
  await expect(good.page.getByTestId('snapshot-signature')).toContainText(
    new RegExp(`Signed by ${wallet.address} \\(the account\\)`, 'i'),
  )
  await good.close()

  // Another signature over the same payload: a flipped byte recovers some other address.
  const tampered = signed.replace(
    /([0-9a-f])([0-9a-f])$/i,
    (_m, a: string, b: string) => `${a}${b === '0' ? '1' : '0'}`,
  )
  const bad = await openInFreshContext(browser, tampered)
  await expect(bad.page.getByTestId('snapshot-signature')).toContainText(/Signature invalid|not the account/i)
  await expect(bad.page.getByTestId('snapshot-signature')).not.toContainText('(the account)')
  await bad.close()
})

test('a full snapshot verifies against the chain at its block and exports as a PNG; a ratios one says it cannot be verified', async ({
  page,
  browser,
  chain,
  wallet,
}) => {
  await page.goto('/')
  await page.getByRole('region', { name: 'Wallet' }).getByRole('button', { name: 'Browser wallet' }).click()
  // The first report waits for the worker's cold statistics (a hang guard, not a speed check).
  await expect(page.getByTestId('glance-hf')).toHaveAttribute('data-wad', /^\d+$/, { timeout: 30_000 })
  await page.getByTestId('share-snapshot-open').click()
  const full = await shareLink(page, /^Full/)
  const ratios = await shareLink(page, /^Ratios only/)
  expect(wallet.address).toBeTruthy()

  // The chain moves on after the snapshot: verifying reads the snapshot's own block.
  await chain.mine(3)
  const context = await browser.newContext({ acceptDownloads: true })
  // The viewer's page finds the devnet's node from the manifest this test serves.
  await context.route('**/devnet.json', (route) => route.fulfill({ json: chain.manifest }))
  const viewer = await context.newPage()
  await viewer.goto(full)
  const verify = viewer.getByTestId('verify-against-chain')
  await verify.getByRole('button', { name: 'Verify against chain' }).click()
  await expect(verify).toContainText('Matches the chain.')

  const [download] = await Promise.all([
    viewer.waitForEvent('download'),
    viewer.getByRole('button', { name: 'Download image' }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/^marginguard-snapshot-\d+\.png$/)
  const bytes = await (await import('node:fs/promises')).readFile(await download.path())
  expect(bytes.subarray(0, 4).toString('hex')).toBe('89504e47')
  expect(bytes.length).toBeGreaterThan(10_000)
  await test.info().attach('risk-card.png', { body: bytes, contentType: 'image/png' })
  await expect(viewer.getByText(/Image saved as marginguard-snapshot-\d+\.png/)).toBeVisible()

  await viewer.goto(ratios)
  await expect(viewer.getByTestId('snapshot-view')).toBeVisible()
  await expect(viewer.getByTestId('verify-against-chain')).toContainText(/not verifiable/i)
  await context.close()
})

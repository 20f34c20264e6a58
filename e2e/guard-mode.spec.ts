import type { Address } from 'viem'
import { setPrice } from '../devnet/prices.mjs'
import { chainHealthFactor, expect, test } from './fixtures'

// Guard mode's "automated deleveraging" loop end to end on the devnet's demo wallet: the user opts
// in once; a crossing of the warning line raises the alert, and the best proposal runs by itself.
// Timeouts only guard against a hang; nothing is timed.
test.describe.configure({ timeout: 180_000 })

const WAD = 10n ** 18n

test('with guard mode and auto-execute on, a crossing of the warning line protects the demo account by itself', async ({
  page,
  chain,
}) => {
  const trader = chain.manifest.accounts.trader.address as Address
  await page.goto('/')
  await page.getByRole('button', { name: 'Demo wallet' }).click()
  // The first report waits for the worker's cold statistics (a hang guard, not a speed check).
  await expect(page.getByTestId('glance-hf')).toHaveAttribute('data-wad', /^\d+$/, { timeout: 30_000 })

  // Opt in, from the keyboard-reachable profile form.
  const profile = page.getByTestId('risk-profile')
  await profile.locator('summary').click()
  await profile.getByLabel('Guard mode', { exact: true }).check()
  await profile.getByLabel('Let guard mode execute by itself').check()
  await profile.getByRole('button', { name: 'Save' }).click()
  await expect(profile.getByRole('status')).toHaveText('Saved.')

  // WETH falls until the account is under its warning line (1.2) but not liquidatable.
  const weth = chain.manifest.assets.find((a: { symbol: string }) => a.symbol === 'WETH')
  const startPrice = 3000
  let hf = await chainHealthFactor(chain, trader, await chain.clients.publicClient.getBlockNumber({ cacheTime: 0 }))
  for (let price = startPrice; hf >= (12n * WAD) / 10n; price -= 100) {
    expect(price, 'WETH falls far enough to cross the warning line').toBeGreaterThan(1_000)
    await setPrice(chain.clients, chain.manifest, 'WETH', price)
    hf = await chainHealthFactor(chain, trader, await chain.clients.publicClient.getBlockNumber({ cacheTime: 0 }))
  }
  expect(weth).toBeTruthy()
  expect(hf).toBeGreaterThan(WAD)

  // The alert, the guard's "protect now", and the protection landing without a click.
  await expect(page.getByTestId('alert-banner').first()).toBeVisible()
  const result = page.getByTestId('protect-result')
  await expect(result).toBeVisible({ timeout: 60_000 })
  const block = BigInt((await result.getAttribute('data-block')) ?? '0')
  const shown = BigInt((await result.getAttribute('data-health-factor-wad')) ?? '0')
  const target = BigInt(
    (await page.getByTestId('proposals-panel').getAttribute('data-target-health-factor-wad')) ?? '0',
  )
  expect(shown).toBe(await chainHealthFactor(chain, trader, block))
  expect(shown).toBeGreaterThanOrEqual(target)
})

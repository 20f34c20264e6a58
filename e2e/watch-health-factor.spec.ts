import type { Address } from 'viem'
import { setPrice } from '../devnet/prices.mjs'
import { formatHealthFactor as formatHf } from '../src/ui/format'
import { chainHealthFactor, expect, shownHealthFactor, test } from './fixtures'

test('the demo wallet connects and the page shows the chain health factor of the shown block', async ({
  page,
  chain,
}) => {
  const trader = chain.manifest.accounts.trader.address as Address
  await page.goto('/')
  await page.getByRole('button', { name: 'Demo wallet' }).click()
  await expect(page.getByTestId('account')).toContainText(trader, { ignoreCase: true })
  await expect(page.getByTestId('health-factor')).toHaveAttribute('data-wad', /^\d+$/)

  const shown = await shownHealthFactor(page)
  const onChain = await chainHealthFactor(chain, trader, shown.block)
  expect(shown.wad).toBe(onChain)
  expect(shown.text).toBe(formatHf(onChain))
  expect(Number(onChain) / 1e18).toBeGreaterThan(1.3)
  expect(Number(onChain) / 1e18).toBeLessThan(1.5)
})

test('an injected EIP-1193 wallet connects through the browser-wallet button', async ({ page, chain, wallet }) => {
  await page.goto('/')
  await page.getByRole('button', { name: 'Browser wallet' }).click()
  await expect(page.getByTestId('account')).toContainText(wallet.address, { ignoreCase: true })
  await expect(page.getByTestId('health-factor')).toHaveAttribute('data-wad', /^\d+$/)
  const shown = await shownHealthFactor(page)
  expect(shown.wad).toBe(await chainHealthFactor(chain, wallet.address, shown.block))
})

test('after the WETH feed falls, the shown health factor falls to the new on-chain value', async ({ page, chain }) => {
  const trader = chain.manifest.accounts.trader.address as Address
  await page.goto('/')
  await page.getByRole('button', { name: 'Demo wallet' }).click()
  await expect(page.getByTestId('health-factor')).toHaveAttribute('data-wad', /^\d+$/)
  const before = await shownHealthFactor(page)

  const receipt = await setPrice(chain.clients, chain.manifest, 'WETH', 2400)
  await expect
    .poll(async () => (await shownHealthFactor(page)).block, {
      message: 'the page reaches the block of the price update',
    })
    .toBeGreaterThanOrEqual(receipt.blockNumber)

  const after = await shownHealthFactor(page)
  const onChain = await chainHealthFactor(chain, trader, after.block)
  expect(after.wad).toBe(onChain)
  expect(after.text).toBe(formatHf(onChain))
  expect(onChain).toBeLessThan(before.wad ?? 0n)
})

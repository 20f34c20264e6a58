import type { Page } from '@playwright/test'
import { type Address, getAddress } from 'viem'
import { formatHealthFactor } from '../src/ui/format'
import { chainHealthFactor, expect, shownHealthFactor, test } from './fixtures'

/** The watch link this page should carry for an account on the devnet. */
const watchSearch = (address: Address, chainId: number) =>
  `?account=${getAddress(address)}&chain=${chainId}&market=devnet`

async function watch(page: Page, input: string) {
  await page.getByLabel('Watch any address').fill(input)
  await page.getByRole('button', { name: 'Watch', exact: true }).click()
}

/** Each watchlist entry's address with its health factor (WAD) and the block it was read at. */
async function watchlistFigures(page: Page) {
  const entries = page.getByTestId('watchlist-entry')
  const figures = []
  for (const entry of await entries.all()) {
    const hf = entry.getByTestId('watchlist-health-factor')
    figures.push({
      address: (await entry.getAttribute('data-address')) as Address,
      wad: BigInt((await hf.getAttribute('data-wad')) ?? '-1'),
      block: BigInt((await hf.getAttribute('data-block')) ?? '0'),
    })
  }
  return figures
}

test('a pasted address is watched read-only without a wallet, with the chain health factor, and the URL keeps it', async ({
  page,
  chain,
}) => {
  const nearLiquidation = chain.manifest.accounts.nearLiquidation.address as Address
  await page.goto('/')
  await expect(page.getByTestId('node-status')).toHaveText(/connected/i)
  // Pasted in lower case, as explorers often show it: accepted and checksummed.
  await watch(page, nearLiquidation.toLowerCase())

  await expect(page.getByTestId('watch-banner')).toContainText('(read-only)')
  await expect(page.getByTestId('watched-account')).toHaveText(getAddress(nearLiquidation))
  await expect(page.getByTestId('health-factor')).toHaveAttribute('data-wad', /^\d+$/)
  // No wallet is connected: the connect buttons are still offered and no wallet account is shown.
  await expect(page.getByTestId('account')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Demo wallet' })).toBeVisible()

  const shown = await shownHealthFactor(page)
  const onChain = await chainHealthFactor(chain, nearLiquidation, shown.block)
  expect(shown.wad).toBe(onChain)
  expect(shown.text).toBe(formatHealthFactor(onChain))
  // The devnet seeds this account close to liquidation: not the trader's ~1.4.
  expect(Number(onChain) / 1e18).toBeLessThan(1.3)
  await expect(page.getByTestId('read-only-note')).toBeVisible()

  expect(new URL(page.url()).search).toBe(watchSearch(nearLiquidation, chain.manifest.chainId))

  await page.reload()
  await expect(page.getByTestId('watched-account')).toHaveText(getAddress(nearLiquidation))
  await expect(page.getByTestId('health-factor')).toHaveAttribute('data-wad', /^\d+$/)
  const afterReload = await shownHealthFactor(page)
  expect(afterReload.wad).toBe(await chainHealthFactor(chain, nearLiquidation, afterReload.block))

  await page.getByRole('button', { name: 'Stop watching' }).click()
  await expect(page.getByTestId('watch-banner')).toHaveCount(0)
  await expect(page.getByTestId('health-factor')).toHaveCount(0)
  await expect(page.getByText('Connect a wallet, or watch any address')).toBeVisible()
  expect(new URL(page.url()).search).toBe('')
})

test('a wrong address gets a message under the field and the page keeps what it showed', async ({ page, chain }) => {
  const nearLiquidation = chain.manifest.accounts.nearLiquidation.address as Address
  await page.goto(`/${watchSearch(nearLiquidation, chain.manifest.chainId)}`)
  await expect(page.getByTestId('health-factor')).toHaveAttribute('data-wad', /^\d+$/)

  await watch(page, '0x1234')
  const error = page.getByTestId('watch-error')
  await expect(error).toHaveText('An address has 40 hexadecimal characters after 0x; this one has 4.')
  await expect(page.getByLabel('Watch any address')).toHaveAttribute('aria-invalid', 'true')

  // One letter's case flipped: the EIP-55 checksum catches the typo.
  const checksummed = getAddress(nearLiquidation)
  const i = checksummed.slice(2).search(/[a-fA-F]/) + 2
  const flipped = `${checksummed.slice(0, i)}${checksummed[i] === checksummed[i]?.toUpperCase() ? checksummed[i]?.toLowerCase() : checksummed[i]?.toUpperCase()}${checksummed.slice(i + 1)}`
  await watch(page, flipped)
  await expect(error).toContainText('checksum')

  await watch(page, 'not an address')
  await expect(error).toContainText('Not an address or an ENS name')

  // Still watching the account from before, and the link still says so.
  await expect(page.getByTestId('watched-account')).toHaveText(checksummed)
  expect(new URL(page.url()).search).toBe(watchSearch(nearLiquidation, chain.manifest.chainId))

  // Typing again clears the message.
  await page.getByLabel('Watch any address').fill('0x')
  await expect(error).toHaveCount(0)
})

test('a link with bad parameters says what is wrong and shows nothing it cannot', async ({ page, chain }) => {
  const trader = chain.manifest.accounts.trader.address as Address
  await page.goto('/?account=0x123&chain=abc')
  const problems = page.getByTestId('link-problems')
  await expect(problems).toContainText("The link's account “0x123” is not valid.")
  await expect(problems).toContainText('is not a chain id')
  await expect(page.getByTestId('health-factor')).toHaveCount(0)

  // A market MarginGuard does not know, and a chain that contradicts the market.
  await page.goto(`/?account=${trader}&market=aave-v2-fantom`)
  await expect(page.getByTestId('link-problems')).toContainText("The link's market “aave-v2-fantom” is unknown")
  await page.goto(`/?account=${trader}&chain=8453&market=aave-v3-ethereum`)
  await expect(page.getByTestId('link-problems')).toContainText('Aave V3 Ethereum is on chain 1, not chain 8453')
  await expect(page.getByTestId('watch-banner')).toHaveCount(0)

  // The page still works: watching from the field replaces the bad link.
  await watch(page, trader)
  await expect(page.getByTestId('link-problems')).toHaveCount(0)
  await expect(page.getByTestId('health-factor')).toHaveAttribute('data-wad', /^\d+$/)
  expect(new URL(page.url()).search).toBe(watchSearch(trader, chain.manifest.chainId))
})

test('the watchlist keeps two accounts across a reload, each with its health factor from the chain', async ({
  page,
  chain,
}) => {
  const nearLiquidation = getAddress(chain.manifest.accounts.nearLiquidation.address)
  const trader = getAddress(chain.manifest.accounts.trader.address)
  await page.goto('/')
  await watch(page, nearLiquidation)
  await page.getByRole('button', { name: 'Add to watchlist' }).click()
  await watch(page, trader)
  await expect(page.getByTestId('watched-account')).toHaveText(trader)
  await page.getByRole('button', { name: 'Add to watchlist' }).click()
  await expect(page.getByRole('button', { name: 'Remove from watchlist' })).toBeVisible()

  await page.reload()
  const entries = page.getByTestId('watchlist-entry')
  await expect(entries).toHaveCount(2)
  await expect(page.getByTestId('watchlist-health-factor')).toHaveCount(2)
  const figures = await watchlistFigures(page)
  expect(figures.map((f) => f.address)).toEqual([nearLiquidation, trader])
  for (const f of figures) expect(f.wad).toBe(await chainHealthFactor(chain, f.address, f.block))
  expect(figures[0]?.wad).not.toBe(figures[1]?.wad)

  // Selecting an entry watches it; the selected one is marked for assistive technology too.
  await entries.first().getByRole('button', { name: /0x/ }).first().click()
  await expect(page.getByTestId('watched-account')).toHaveText(nearLiquidation)
  await expect(entries.first().locator('[aria-current="true"]')).toHaveCount(1)
  expect(new URL(page.url()).search).toBe(watchSearch(nearLiquidation, chain.manifest.chainId))

  // Removing one keeps the other, across a reload.
  await page
    .getByRole('button', { name: /^Remove 0x.* from the watchlist$/ })
    .last()
    .click()
  await expect(entries).toHaveCount(1)
  await page.reload()
  await expect(entries).toHaveCount(1)
  await expect(entries.first()).toHaveAttribute('data-address', nearLiquidation)
})

test('watching works from the keyboard and fits a 375 px screen', async ({ page, chain }) => {
  const nearLiquidation = getAddress(chain.manifest.accounts.nearLiquidation.address)
  const trader = getAddress(chain.manifest.accounts.trader.address)
  await page.setViewportSize({ width: 375, height: 800 })
  await page.goto('/')
  const field = page.getByLabel('Watch any address')
  await field.focus()
  await page.keyboard.type(nearLiquidation)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('watched-account')).toHaveText(nearLiquidation)
  await page.getByRole('button', { name: 'Add to watchlist' }).focus()
  await page.keyboard.press('Enter')
  await field.fill(trader)
  await field.press('Enter')
  await expect(page.getByTestId('watched-account')).toHaveText(trader)

  // Tab from the field reaches the watchlist entry; Enter selects it.
  await field.focus()
  const select = page.getByTestId('watchlist-entry').first().getByRole('button').first()
  for (let i = 0; i < 5 && !(await select.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab')
  await expect(select).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('watched-account')).toHaveText(nearLiquidation)
  await expect(page.getByTestId('watchlist-health-factor')).toHaveAttribute('data-wad', /^\d+$/)

  // Nothing is wider than the screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
})

test('a connected wallet gives way to a watched address, and comes back when watching stops', async ({
  page,
  chain,
  wallet,
}) => {
  const nearLiquidation = getAddress(chain.manifest.accounts.nearLiquidation.address)
  await page.goto('/')
  await page.getByRole('button', { name: 'Browser wallet' }).click()
  await expect(page.getByTestId('account')).toContainText(wallet.address, { ignoreCase: true })
  await expect(page.getByTestId('health-factor')).toHaveAttribute('data-wad', /^\d+$/)

  await watch(page, nearLiquidation)
  await expect(page.getByTestId('watched-account')).toHaveText(nearLiquidation)
  await expect
    .poll(async () => {
      const shown = await shownHealthFactor(page)
      return shown.wad === (await chainHealthFactor(chain, nearLiquidation, shown.block))
    })
    .toBe(true)
  await expect(page.getByTestId('read-only-note')).toBeVisible()

  await page.getByRole('button', { name: 'Stop watching' }).click()
  await expect(page.getByTestId('read-only-note')).toHaveCount(0)
  await expect
    .poll(async () => {
      const shown = await shownHealthFactor(page)
      return shown.wad === (await chainHealthFactor(chain, wallet.address, shown.block))
    })
    .toBe(true)
})

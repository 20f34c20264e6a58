import type { Page } from '@playwright/test'
import { type Address, getAddress } from 'viem'
import { startAnvil } from '../devnet/anvil.mjs'
import { chainHealthFactor, expect, shownHealthFactor, test } from './fixtures'

/** Ethereum's public default RPC (src/chain/markets.ts): unreachable here, every non-127.0.0.1 request is blocked. */
const ETHEREUM_DEFAULT_RPC = 'https://ethereum-rpc.publicnode.com'

const marketSelect = (page: Page) => page.getByRole('combobox', { name: 'Market' })
const rpcField = (page: Page) => page.getByLabel('Your RPC URL for Ethereum')

/** The market settings as the page persisted them. */
const storedSettings = (page: Page) =>
  page.evaluate(() => JSON.parse(localStorage.getItem('marginguard.markets') ?? 'null'))

test('a live market that cannot be reached says so, persists, and the devnet comes back when chosen again', async ({
  page,
  chain,
}) => {
  await page.goto('/')
  await expect(page.getByTestId('node-status')).toHaveText('connected')
  // The devnet is the default when its manifest is served, listed with the six live markets.
  await expect(marketSelect(page)).toHaveValue('devnet')
  await expect(marketSelect(page).locator('option')).toHaveText([
    `MarginGuard devnet (chain ${chain.manifest.chainId})`,
    'Aave V3 Ethereum (chain 1)',
    'Aave V3 Arbitrum (chain 42161)',
    'Aave V3 Optimism (chain 10)',
    'Aave V3 Base (chain 8453)',
    'Aave V3 Polygon (chain 137)',
    'Aave V3 Avalanche (chain 43114)',
  ])
  await page.getByRole('button', { name: 'Demo wallet' }).click()
  await expect(page.getByTestId('health-factor')).toHaveAttribute('data-wad', /^\d+$/)

  await marketSelect(page).selectOption('aave-v3-ethereum')
  await expect(page.getByTestId('node-status')).toContainText(`The RPC at ${ETHEREUM_DEFAULT_RPC} is unreachable`)
  expect(new URL(page.url()).search).toBe('?chain=1&market=aave-v3-ethereum')
  // A message, never a blank page: the rest of the page is there, without the devnet's demo wallet
  // (which was disconnected) and without figures from another chain.
  await expect(page.getByRole('heading', { name: 'MarginGuard' })).toBeVisible()
  await expect(page.getByLabel('Watch any address')).toBeVisible()
  await expect(page.getByTestId('rpc-in-use')).toHaveText(ETHEREUM_DEFAULT_RPC)
  await expect(page.getByRole('button', { name: 'Demo wallet' })).toHaveCount(0)
  await expect(page.getByTestId('account')).toHaveCount(0)
  await expect(page.getByTestId('health-factor')).toHaveCount(0)

  // The choice survives a reload.
  await page.reload()
  await expect(marketSelect(page)).toHaveValue('aave-v3-ethereum')
  await expect(page.getByTestId('node-status')).toContainText('unreachable')
  expect(await storedSettings(page)).toMatchObject({ version: 1, state: { marketId: 'aave-v3-ethereum' } })

  // Back on the devnet: connected, the demo wallet offered again, and the default market needs no URL parameters.
  await marketSelect(page).selectOption('devnet')
  await expect(page.getByTestId('node-status')).toHaveText('connected')
  await expect(page.getByTestId('block-number')).toHaveText(/^\d+$/)
  expect(new URL(page.url()).search).toBe('')
  await page.getByRole('button', { name: 'Demo wallet' }).click()
  await expect(page.getByTestId('health-factor')).toHaveAttribute('data-wad', /^\d+$/)
  const shown = await shownHealthFactor(page)
  expect(shown.wad).toBe(await chainHealthFactor(chain, chain.manifest.accounts.trader.address as Address, shown.block))
})

test('a watched account follows the market chosen, in the page and in its link, and a live-market link opens that market', async ({
  page,
  chain,
}) => {
  const nearLiquidation = getAddress(chain.manifest.accounts.nearLiquidation.address)
  await page.goto('/')
  await page.getByLabel('Watch any address').fill(nearLiquidation)
  await page.getByRole('button', { name: 'Watch', exact: true }).click()
  await expect(page.getByTestId('health-factor')).toHaveAttribute('data-wad', /^\d+$/)
  await page.getByRole('button', { name: 'Add to watchlist' }).click()

  await marketSelect(page).selectOption('aave-v3-base')
  await expect(page.getByTestId('watch-banner')).toContainText('on Aave V3 Base')
  await expect(page.getByTestId('watched-account')).toHaveText(nearLiquidation)
  expect(new URL(page.url()).search).toBe(`?account=${nearLiquidation}&chain=8453&market=aave-v3-base`)
  await expect(page.getByTestId('node-status')).toContainText('The RPC at https://mainnet.base.org is unreachable')
  // The devnet's entry is not read while Base is shown; it says where it lives.
  await expect(page.getByTestId('watchlist-entry')).toContainText('on MarginGuard devnet')

  // Selecting the saved entry goes back to its market, with the chain's health factor.
  await page.getByTestId('watchlist-entry').getByRole('button', { name: /0x/ }).first().click()
  await expect(marketSelect(page)).toHaveValue('devnet')
  await expect(page.getByTestId('node-status')).toHaveText('connected')
  await expect(page.getByTestId('watchlist-health-factor')).toHaveAttribute('data-wad', /^\d+$/)
  await expect
    .poll(async () => {
      const shown = await shownHealthFactor(page)
      return shown.wad === (await chainHealthFactor(chain, nearLiquidation, shown.block))
    })
    .toBe(true)
  expect(new URL(page.url()).search).toBe(`?account=${nearLiquidation}&chain=${chain.manifest.chainId}&market=devnet`)

  // A shared link to a live market opens it (and says, not blanks, that its node is out of reach).
  await page.goto(`/?account=${nearLiquidation}&chain=137&market=aave-v3-polygon`)
  await expect(marketSelect(page)).toHaveValue('aave-v3-polygon')
  await expect(page.getByTestId('watch-banner')).toContainText('on Aave V3 Polygon')
  await expect(page.getByTestId('link-problems')).toHaveCount(0)
  await expect(page.getByTestId('node-status')).toContainText('unreachable')
})

test('a custom RPC is saved only when its node serves the right chain; it is used, persisted and reset', async ({
  page,
  chain,
}) => {
  await page.goto('/?chain=1&market=aave-v3-ethereum')
  await expect(marketSelect(page)).toHaveValue('aave-v3-ethereum')
  await expect(page.getByTestId('node-status')).toContainText('unreachable')

  // The test devnet answers, but with its own chain id: refused, and nothing is saved.
  const devnetHost = new URL(chain.manifest.rpcUrl).host
  await rpcField(page).fill(chain.manifest.rpcUrl)
  await page.getByRole('button', { name: 'Save' }).click()
  const error = page.getByTestId('rpc-error')
  await expect(error).toContainText(
    `Not saved: ${devnetHost} is a node of chain ${chain.manifest.chainId}, not of Ethereum (chain 1).`,
  )
  await expect(error).toContainText(`still read through the public default (${ETHEREUM_DEFAULT_RPC})`)
  await expect(rpcField(page)).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByTestId('rpc-in-use')).toHaveText(ETHEREUM_DEFAULT_RPC)
  expect((await storedSettings(page))?.state.rpcUrls).toEqual({})

  await rpcField(page).fill('ftp://127.0.0.1/rpc')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(error).toContainText('ftp URLs are not supported here')
  await rpcField(page).fill('127.0.0.1:8545')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(error).toContainText('is not a URL')
  await expect(page.getByRole('button', { name: 'Reset to default' })).toHaveCount(0)

  // A node that does serve chain 1 (a bare anvil: no Aave on it) is checked, saved and read from.
  const mainnetLike = await startAnvil({ port: 0, chainId: 1 })
  try {
    await rpcField(page).fill(mainnetLike.rpcUrl)
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByTestId('rpc-saved')).toHaveText(`Saved: Ethereum is now read through ${mainnetLike.rpcUrl}.`)
    await expect(page.getByTestId('rpc-in-use')).toHaveText(mainnetLike.rpcUrl)
    await expect(page.getByTestId('node-status')).toHaveText('connected')
    await expect(page.getByTestId('block-number')).toHaveText(/^\d+$/)
    expect((await storedSettings(page))?.state.rpcUrls).toEqual({ '1': mainnetLike.rpcUrl })

    // The node has no Aave: the page says so in words, for a watched account.
    await page.getByLabel('Watch any address').fill(chain.manifest.accounts.trader.address)
    await page.getByRole('button', { name: 'Watch', exact: true }).click()
    await expect(page.getByText('that node does not hold Aave V3 Ethereum')).toBeVisible()

    // Persisted: a reload reads the same node.
    await page.reload()
    await expect(page.getByTestId('rpc-in-use')).toHaveText(mainnetLike.rpcUrl)
    await expect(page.getByTestId('node-status')).toHaveText('connected')

    await page.getByRole('button', { name: 'Reset to default' }).click()
    await expect(page.getByTestId('rpc-saved')).toContainText(`Back to the public default`)
    await expect(page.getByTestId('rpc-in-use')).toHaveText(ETHEREUM_DEFAULT_RPC)
    await expect(page.getByTestId('node-status')).toContainText('unreachable')
    expect((await storedSettings(page))?.state.rpcUrls).toEqual({})
  } finally {
    await mainnetLike.stop()
  }
})

test('the market selector and the RPC setting work from the keyboard and fit a 375 px screen', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 })
  await page.goto('/')
  await expect(page.getByTestId('node-status')).toHaveText('connected')
  const select = marketSelect(page)
  await select.focus()
  await expect(select).toBeFocused()
  await select.selectOption('aave-v3-arbitrum')
  await expect(page.getByTestId('node-status')).toContainText('https://arb1.arbitrum.io/rpc is unreachable')
  await expect(page.getByLabel('Your RPC URL for Arbitrum One')).toBeVisible()

  // Enter in the field submits it; an empty field says what to enter.
  await page.getByLabel('Your RPC URL for Arbitrum One').focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('rpc-error')).toHaveText('Enter the http(s) URL of a node of Arbitrum One.')

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
})

test('without a devnet the page offers the live markets and says why; a devnet that starts later becomes the market shown', async ({
  page,
  chain,
}) => {
  let served = false
  await page.route('**/devnet.json', (route) =>
    served
      ? route.fulfill({ json: chain.manifest, headers: { 'cache-control': 'no-store' } })
      : route.fulfill({ status: 404, json: { error: 'no devnet manifest' } }),
  )
  await page.goto('/')
  await expect(page.getByTestId('manifest-error')).toHaveText('No devnet manifest: run `npm start`')
  await expect(marketSelect(page)).toHaveValue('aave-v3-ethereum')
  await expect(marketSelect(page).locator('option')).toHaveCount(6)
  await expect(page.getByTestId('node-status')).toContainText(`The RPC at ${ETHEREUM_DEFAULT_RPC} is unreachable`)
  await expect(page.getByLabel('Watch any address')).toBeVisible()

  // Nothing was chosen, so the devnet, once served, is the default again.
  served = true
  await expect(marketSelect(page)).toHaveValue('devnet')
  await expect(page.getByTestId('manifest-error')).toHaveCount(0)
  await expect(page.getByTestId('node-status')).toHaveText('connected')
  expect(new URL(page.url()).search).toBe('')
})

import type { Page } from '@playwright/test'
import { chainHealthFactor, expect, shownHealthFactor, test } from './fixtures'

const ICON =
  'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"%3E%3Crect width="1" height="1"/%3E%3C/svg%3E'

/**
 * Makes the test's injected wallet announce itself through EIP-6963, as MetaMask or Rabby do. Like
 * them, the announced wallet reveals no account (eth_accounts → []) until the page asks for one, so
 * nothing connects before a button is clicked. `sameAsWindowEthereum`: window.ethereum is that
 * wallet; otherwise a second wallet (over the same test node) is announced beside window.ethereum.
 */
async function announceWallet(
  page: Page,
  { name, rdns, sameAsWindowEthereum }: { name: string; rdns: string; sameAsWindowEthereum: boolean },
) {
  await page.addInitScript(
    ({ name, rdns, icon, same }) => {
      type Provider = {
        request(args: { method: string; params?: unknown[] }): Promise<unknown>
        on(event: string, listener: (arg: unknown) => void): void
        removeListener(event: string, listener: (arg: unknown) => void): void
      }
      const w = window as unknown as { ethereum: Provider }
      const base = w.ethereum
      let authorized = false
      const provider: Provider = {
        async request(args) {
          if (args.method === 'eth_accounts' && !authorized) return []
          const result = await base.request(args)
          if (args.method === 'eth_requestAccounts') authorized = true
          return result
        },
        on: (event, listener) => base.on(event, listener),
        removeListener: (event, listener) => base.removeListener(event, listener),
      }
      if (same) w.ethereum = provider
      const detail = Object.freeze({ info: { uuid: crypto.randomUUID(), name, icon, rdns }, provider })
      const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail }))
      window.addEventListener('eip6963:requestProvider', announce)
      announce()
    },
    { name, rdns, icon: ICON, same: sameAsWindowEthereum },
  )
}

test('a wallet that announces itself (EIP-6963) is listed by name, once, and connects', async ({
  page,
  chain,
  wallet,
}) => {
  await announceWallet(page, { name: 'Test Wallet', rdns: 'org.example.testwallet', sameAsWindowEthereum: true })
  await page.goto('/')
  const bar = page.getByRole('region', { name: 'Wallet' })
  await expect(bar.getByRole('button', { name: 'Test Wallet' })).toBeVisible()
  // window.ethereum is that same wallet: no second "Browser wallet" button for it.
  await expect(bar.getByRole('button')).toHaveText(['Test Wallet', 'Demo wallet'])

  await bar.getByRole('button', { name: 'Test Wallet' }).click()
  await expect(page.getByTestId('account')).toContainText(wallet.address, { ignoreCase: true })
  await expect(bar).toContainText('via Test Wallet')
  await expect(page.getByTestId('health-factor')).toHaveAttribute('data-wad', /^\d+$/)
  const shown = await shownHealthFactor(page)
  expect(shown.wad).toBe(await chainHealthFactor(chain, wallet.address, shown.block))
})

test('an announced wallet that is not window.ethereum is listed beside the "Browser wallet"', async ({
  page,
  wallet,
}) => {
  await announceWallet(page, { name: 'Other Wallet', rdns: 'org.example.other', sameAsWindowEthereum: false })
  await page.goto('/')
  const bar = page.getByRole('region', { name: 'Wallet' })
  await expect(bar.getByRole('button')).toHaveText(['Other Wallet', 'Browser wallet', 'Demo wallet'])
  await bar.getByRole('button', { name: 'Browser wallet' }).click()
  await expect(page.getByTestId('account')).toContainText(wallet.address, { ignoreCase: true })
  await expect(bar).toContainText('via Browser wallet')
})

test('without any wallet in the page only the demo wallet is offered, and WalletConnect is hidden without a project id', async ({
  page,
}) => {
  await page.goto('/')
  const bar = page.getByRole('region', { name: 'Wallet' })
  await expect(bar.getByRole('button')).toHaveText(['Demo wallet'])
  await expect(bar.getByRole('button', { name: 'WalletConnect' })).toHaveCount(0)
})

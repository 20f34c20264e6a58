import type { Address, Hex } from 'viem'
import { chainHealthFactor, expect, shownHealthFactor, test } from './fixtures'

type Emit = (event: 'accountsChanged' | 'chainChanged', arg: unknown) => void

/**
 * An injected wallet the test can steer like a user steers MetaMask: it holds two accounts and a
 * chain, answers eth_accounts / eth_chainId from them, emits accountsChanged / chainChanged when
 * the test switches, and relays reads to the test's anvil.
 */
async function injectSwitchableWallet(
  page: import('@playwright/test').Page,
  rpcUrl: string,
  initial: { account: Address; chainId: number },
) {
  const state = { ...initial }
  await page.exposeFunction('__mgSwitchableRequest', async (method: string, params: unknown[]) => {
    if (method === 'eth_requestAccounts' || method === 'eth_accounts') return { result: [state.account] }
    if (method === 'eth_chainId') return { result: `0x${state.chainId.toString(16)}` }
    if (method === 'wallet_switchEthereumChain') {
      state.chainId = Number.parseInt((params[0] as { chainId: Hex }).chainId, 16)
      return { result: null, emit: ['chainChanged', `0x${state.chainId.toString(16)}`] }
    }
    const res = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    })
    const body = (await res.json()) as { result?: unknown; error?: { code: number; message: string } }
    return body.error ? { error: body.error } : { result: body.result }
  })
  await page.addInitScript(() => {
    type Reply = { result?: unknown; error?: { code: number; message: string }; emit?: [string, unknown] }
    const w = window as unknown as {
      ethereum: unknown
      __mgSwitchableRequest: (method: string, params: unknown[]) => Promise<Reply>
      __mgEmit: Emit
    }
    const listeners = new Map<string, Set<(arg: unknown) => void>>()
    const emit = (event: string, arg: unknown) => {
      for (const l of listeners.get(event) ?? []) l(arg)
    }
    w.__mgEmit = emit
    w.ethereum = {
      async request({ method, params = [] }: { method: string; params?: unknown[] }) {
        const reply = await w.__mgSwitchableRequest(method, params)
        if (reply.emit) emit(reply.emit[0], reply.emit[1])
        if (reply.error) throw Object.assign(new Error(reply.error.message), { code: reply.error.code })
        return reply.result
      },
      on(event: string, listener: (arg: unknown) => void) {
        if (!listeners.has(event)) listeners.set(event, new Set())
        listeners.get(event)?.add(listener)
      },
      removeListener(event: string, listener: (arg: unknown) => void) {
        listeners.get(event)?.delete(listener)
      },
    }
  })
  return {
    /** The user picks another account in the wallet. */
    async switchAccount(account: Address) {
      state.account = account
      await page.evaluate((a) => (window as unknown as { __mgEmit: Emit }).__mgEmit('accountsChanged', [a]), account)
    },
    /** The user moves the wallet to another network. */
    async switchChain(chainId: number) {
      state.chainId = chainId
      const hex = `0x${chainId.toString(16)}`
      await page.evaluate((c) => (window as unknown as { __mgEmit: Emit }).__mgEmit('chainChanged', c), hex)
    },
    get chainId() {
      return state.chainId
    },
  }
}

test('switching account or chain in the wallet updates the dashboard without a reload; disconnecting clears it', async ({
  page,
  chain,
}) => {
  const trader = chain.manifest.accounts.trader.address as Address
  const other = chain.manifest.accounts.nearLiquidation.address as Address
  const wallet = await injectSwitchableWallet(page, chain.manifest.rpcUrl, {
    account: trader,
    chainId: chain.manifest.chainId,
  })
  await page.goto('/')
  // Marks the document: a reload would lose it.
  await page.evaluate(() => {
    ;(window as unknown as { __mgNoReload: boolean }).__mgNoReload = true
  })
  const bar = page.getByRole('region', { name: 'Wallet' })
  await bar.getByRole('button', { name: 'Browser wallet' }).click()
  await expect(page.getByTestId('account')).toContainText(trader, { ignoreCase: true })
  await expect(page.getByTestId('health-factor')).toHaveAttribute('data-wad', /^\d+$/)
  let shown = await shownHealthFactor(page)
  expect(shown.wad).toBe(await chainHealthFactor(chain, trader, shown.block))

  // Another account: the headline and the risk panel follow it.
  await wallet.switchAccount(other)
  await expect(page.getByTestId('account')).toContainText(other, { ignoreCase: true })
  const otherHf = await chainHealthFactor(chain, other, await chain.clients.publicClient.getBlockNumber())
  await expect(page.getByTestId('health-factor')).toHaveAttribute('data-wad', otherHf.toString())
  await expect(page.getByTestId('risk-panel')).toHaveAttribute('data-health-factor-wad', otherHf.toString())
  shown = await shownHealthFactor(page)
  expect(shown.wad).toBe(await chainHealthFactor(chain, other, shown.block))

  // Another network: a clear prompt to switch back; the figures still come from the devnet.
  await wallet.switchChain(1)
  const notice = page.getByRole('status').filter({ hasText: 'Wrong network' })
  await expect(notice).toContainText('Your wallet is on chain 1')
  await page.getByRole('button', { name: /^Switch to / }).click()
  await expect(notice).toHaveCount(0)
  expect(wallet.chainId).toBe(chain.manifest.chainId)

  await bar.getByRole('button', { name: 'Disconnect' }).click()
  await expect(page.getByTestId('account')).toHaveCount(0)
  await expect(page.getByText('Connect a wallet, or watch any address')).toBeVisible()
  expect(await page.evaluate(() => (window as unknown as { __mgNoReload?: boolean }).__mgNoReload)).toBe(true)
})

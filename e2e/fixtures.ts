import { test as base, expect, type Page } from '@playwright/test'
import { type Address, type Hex, parseAbi } from 'viem'
import { startTestDevnet } from '../devnet/testing.mjs'

type TestDevnet = Awaited<ReturnType<typeof startTestDevnet>>

export type InjectedWallet = {
  address: Address
  /** The next signing request (eth_sendTransaction, personal_sign, …) is rejected with code 4001. */
  rejectNext(): void
}

const poolAbi = parseAbi([
  'function getUserAccountData(address user) view returns (uint256 totalCollateralBase, uint256 totalDebtBase, uint256 availableBorrowsBase, uint256 currentLiquidationThreshold, uint256 ltv, uint256 healthFactor)',
])

/** The chain's health factor for `user` at `blockNumber`, as Pool.getUserAccountData returns it. */
export async function chainHealthFactor(devnet: TestDevnet, user: Address, blockNumber: bigint) {
  const data = await devnet.clients.publicClient.readContract({
    address: devnet.manifest.aave.pool as Address,
    abi: poolAbi,
    functionName: 'getUserAccountData',
    args: [user],
    blockNumber,
  })
  return data[5]
}

/** Reads the health factor the page shows, with the block it was read at, in one go. */
export async function shownHealthFactor(page: Page) {
  const hf = page.getByTestId('health-factor')
  const [wad, text, block] = await Promise.all([
    hf.getAttribute('data-wad'),
    hf.textContent(),
    page.getByTestId('block-number').textContent(),
  ])
  return { wad: wad === null ? null : BigInt(wad), text: text?.trim() ?? '', block: BigInt(block?.trim() || '0') }
}

const SIGNING_METHODS = new Set(['eth_sendTransaction', 'personal_sign', 'eth_signTypedData_v4', 'wallet_sendCalls'])

export const test = base.extend<{ chain: TestDevnet; wallet: InjectedWallet }, { devnet: TestDevnet }>({
  // One devnet (anvil loaded from the cached state) per worker: a fresh chain per test file.
  devnet: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature
    async ({}, use) => {
      const devnet = await startTestDevnet()
      await use(devnet)
      await devnet.stop()
    },
    { scope: 'worker' },
  ],

  // Every test starts from the same chain state: snapshot before, revert after.
  chain: async ({ devnet }, use) => {
    const id = await devnet.snapshot()
    await use(devnet)
    await devnet.revert(id)
  },

  page: async ({ page, chain }, use) => {
    // Nothing leaves the machine: only 127.0.0.1 is reachable, and /devnet.json points
    // the app at this test's own anvil.
    await page.context().route(
      (url) => !['127.0.0.1', 'localhost'].includes(url.hostname),
      (route) => route.abort('blockedbyclient'),
    )
    await page.route('**/devnet.json', (route) =>
      route.fulfill({ json: chain.manifest, headers: { 'cache-control': 'no-store' } }),
    )
    await use(page)
  },

  // An EIP-1193 provider in window.ethereum, run by the test: it answers the account
  // requests and relays everything else to anvil (whose accounts are unlocked), so the
  // app's real injected() connector is exercised as it is with MetaMask.
  wallet: async ({ page, chain }, use) => {
    const address = chain.manifest.accounts.trader.address as Address
    let rejectNext = false
    let chainId = chain.manifest.chainId
    await page.exposeFunction('__mgWalletRequest', async (method: string, params: unknown[]) => {
      if (method === 'eth_requestAccounts' || method === 'eth_accounts') return { result: [address] }
      if (method === 'eth_chainId') return { result: `0x${chainId.toString(16)}` }
      if (method === 'wallet_switchEthereumChain') {
        chainId = Number.parseInt((params[0] as { chainId: Hex }).chainId, 16)
        return { result: null, event: ['chainChanged', `0x${chainId.toString(16)}`] }
      }
      if (SIGNING_METHODS.has(method) && rejectNext) {
        rejectNext = false
        return { error: { code: 4001, message: 'User rejected the request.' } }
      }
      const res = await fetch(chain.manifest.rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
      })
      const body = (await res.json()) as { result?: unknown; error?: { code: number; message: string; data?: unknown } }
      return body.error ? { error: body.error } : { result: body.result }
    })
    await page.addInitScript(() => {
      type Reply = { result?: unknown; error?: { code: number; message: string }; event?: [string, unknown] }
      const w = window as unknown as {
        ethereum: unknown
        __mgWalletRequest: (method: string, params: unknown[]) => Promise<Reply>
      }
      const listeners = new Map<string, Set<(arg: unknown) => void>>()
      w.ethereum = {
        isMetaMask: false,
        async request({ method, params = [] }: { method: string; params?: unknown[] }) {
          const reply = await w.__mgWalletRequest(method, params)
          if (reply.event) for (const l of listeners.get(reply.event[0]) ?? []) l(reply.event[1])
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
    await use({
      address,
      rejectNext() {
        rejectNext = true
      },
    })
  },
})

export { expect }

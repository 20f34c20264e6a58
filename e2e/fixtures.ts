import { test as base, expect, type Page } from '@playwright/test'
import type { Address, Hex } from 'viem'
import { startTestDevnet } from '../devnet/testing.mjs'
import { poolAbi } from '../src/chain/abi/pool'

type TestDevnet = Awaited<ReturnType<typeof startTestDevnet>>

export type InjectedWallet = {
  address: Address
  /**
   * The next signing request (eth_sendTransaction, personal_sign, wallet_sendCalls, …) is rejected
   * with code 4001; with `after`, that many signing requests go through first.
   */
  rejectNext(after?: number): void
  /**
   * Makes the wallet an EIP-5792 one (off by default: wallet_getCapabilities then goes to anvil,
   * which does not know it, as with a wallet without batches). See `sendCallsOnAnvil`.
   */
  supportBatches(on: boolean): void
  /** How many wallet_sendCalls batches it has accepted. */
  batchesSent(): number
}

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

type RpcReply = { result?: unknown; error?: { code: number; message: string; data?: unknown } }

async function anvilRpc(rpcUrl: string, method: string, params: unknown[] = []): Promise<RpcReply> {
  const res = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  })
  const body = (await res.json()) as RpcReply
  return body.error ? { error: body.error } : { result: body.result }
}

type CallsStatus = { status: number; receipts: unknown[] }

/**
 * wallet_sendCalls for the test wallet, atomic on anvil: every call is sent with automine off and
 * mined in one block; if any reverts, the chain goes back to before the batch (evm_snapshot /
 * evm_revert) and the status is 400 (failed, nothing on chain), as an atomic EIP-5792 wallet reports.
 */
async function sendCallsOnAnvil(rpcUrl: string, from: Address, calls: { to: Hex; data?: Hex; value?: Hex }[]) {
  const snapshot = (await anvilRpc(rpcUrl, 'evm_snapshot')).result
  await anvilRpc(rpcUrl, 'evm_setAutomine', [false])
  const hashes: Hex[] = []
  try {
    for (const c of calls) {
      // An explicit gas limit: with automine off, an estimate would not see the earlier calls of the batch.
      const sent = await anvilRpc(rpcUrl, 'eth_sendTransaction', [{ from, ...c, gas: '0x2dc6c0' }])
      if (sent.error) throw Object.assign(new Error(sent.error.message), sent.error)
      hashes.push(sent.result as Hex)
    }
    await anvilRpc(rpcUrl, 'evm_mine')
  } catch (e) {
    await anvilRpc(rpcUrl, 'evm_setAutomine', [true])
    await anvilRpc(rpcUrl, 'evm_revert', [snapshot])
    throw e
  }
  await anvilRpc(rpcUrl, 'evm_setAutomine', [true])
  const receipts = await Promise.all(
    hashes.map(async (h) => (await anvilRpc(rpcUrl, 'eth_getTransactionReceipt', [h])).result as { status: Hex }),
  )
  if (receipts.some((r) => r.status !== '0x1')) {
    await anvilRpc(rpcUrl, 'evm_revert', [snapshot])
    return { status: 400, receipts: [] } satisfies CallsStatus
  }
  return { status: 200, receipts } satisfies CallsStatus
}

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
    // Signing requests to let through before rejecting one; null: reject none.
    let rejectAfter: number | null = null
    let batches = false
    const calls = new Map<string, CallsStatus>()
    let chainId = chain.manifest.chainId
    const chainHex = () => `0x${chainId.toString(16)}`
    await page.exposeFunction('__mgWalletRequest', async (method: string, params: unknown[]) => {
      if (method === 'eth_requestAccounts' || method === 'eth_accounts') return { result: [address] }
      if (method === 'eth_chainId') return { result: chainHex() }
      if (method === 'wallet_switchEthereumChain') {
        chainId = Number.parseInt((params[0] as { chainId: Hex }).chainId, 16)
        return { result: null, event: ['chainChanged', chainHex()] }
      }
      if (SIGNING_METHODS.has(method) && rejectAfter !== null) {
        if (rejectAfter === 0) {
          rejectAfter = null
          return { error: { code: 4001, message: 'User rejected the request.' } }
        }
        rejectAfter--
      }
      if (batches && method === 'wallet_getCapabilities')
        return { result: { [chainHex()]: { atomic: { status: 'supported' } } } }
      if (batches && method === 'wallet_sendCalls') {
        const [request] = params as [{ from?: Address; calls: { to: Hex; data?: Hex; value?: Hex }[] }]
        try {
          const status = await sendCallsOnAnvil(chain.manifest.rpcUrl, request.from ?? address, request.calls)
          const id = `0x${(calls.size + 1).toString(16).padStart(64, '0')}`
          calls.set(id, status)
          return { result: { id } }
        } catch (e) {
          const { code = -32603, message, data } = e as { code?: number; message: string; data?: unknown }
          return { error: { code, message, data } }
        }
      }
      if (batches && method === 'wallet_getCallsStatus') {
        const id = params[0] as string
        const status = calls.get(id)
        if (!status) return { error: { code: 5730, message: `unknown bundle ${id}` } }
        return { result: { version: '2.0.0', id, chainId: chainHex(), atomic: true, ...status } }
      }
      return anvilRpc(chain.manifest.rpcUrl, method, params)
    })
    await page.addInitScript(() => {
      type Reply = {
        result?: unknown
        error?: { code: number; message: string; data?: unknown }
        event?: [string, unknown]
      }
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
          // The node's revert data rides along, as wallets pass it on (EIP-1474 `data`).
          if (reply.error)
            throw Object.assign(new Error(reply.error.message), { code: reply.error.code, data: reply.error.data })
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
      rejectNext(after = 0) {
        rejectAfter = after
      },
      supportBatches(on) {
        batches = on
      },
      batchesSent: () => calls.size,
    })
  },
})

export { expect }

/**
 * The first proposal row of a kind that reaches the target and whose node simulation agrees with
 * the engine (its Protect button is on); "Show all" is pressed first when the list is cut.
 */
export async function protectableProposal(page: Page, kind: 'repay' | 'addCollateral' | 'deleverage' | 'rotation') {
  const more = page.getByRole('button', { name: /^Show all \d+ proposals$/ })
  if (await more.isVisible()) await more.click()
  const row = page
    .getByTestId('proposals')
    .locator(`li[data-kind="${kind}"][data-reaches-target="true"][data-simulation="agrees"]`)
    .first()
  await expect(row).toBeVisible({ timeout: 30_000 })
  return row
}

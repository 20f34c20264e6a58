import { type Address, erc20Abi } from 'viem'
import { poolAbi } from '../src/chain/abi/pool'
import { chainHealthFactor, expect, protectableProposal, test } from './fixtures'

// A rejected signature sends nothing and says so; a rejection after the approval says what went
// through (the approval, harmless) and what did not. The chain is read before and after.
// The timeout only guards against a hang (the engine and the simulations take a while on two cores).
test.describe.configure({ timeout: 180_000 })

type Chain = Parameters<typeof chainHealthFactor>[0]

const scaledAbi = [
  {
    type: 'function',
    name: 'scaledBalanceOf',
    stateMutability: 'view',
    inputs: [{ name: 'user', type: 'address' }],
    outputs: [{ type: 'uint256' }],
  },
] as const

/**
 * Everything of the trader's the chain holds: Aave account data, every reserve's wallet balance,
 * supply and debt as scaled balances (which move only with the user's own actions, not with the
 * interest a later block accrues), and the nonce.
 */
async function accountState(chain: Chain, trader: Address) {
  const client = chain.clients.publicClient
  const blockNumber = await client.getBlockNumber({ cacheTime: 0 })
  const [account, nonce, balances] = await Promise.all([
    client.readContract({
      address: chain.manifest.aave.pool as Address,
      abi: poolAbi,
      functionName: 'getUserAccountData',
      args: [trader],
      blockNumber,
    }),
    client.getTransactionCount({ address: trader, blockNumber }),
    Promise.all(
      chain.manifest.assets.map(async (a) => {
        const read = (address: string, abi: typeof erc20Abi | typeof scaledAbi, functionName: string) =>
          client.readContract({ address: address as Address, abi, functionName, args: [trader], blockNumber } as never)
        return [
          a.symbol,
          {
            wallet: await read(a.address, erc20Abi, 'balanceOf'),
            supplied: await read(a.aToken, scaledAbi, 'scaledBalanceOf'),
            borrowed: await read(a.variableDebtToken, scaledAbi, 'scaledBalanceOf'),
          },
        ]
      }),
    ),
  ])
  return { account, nonce, balances: Object.fromEntries(balances) as Record<string, unknown> }
}

/** The trader's allowance to the Aave pool, by token symbol. */
async function allowances(chain: Chain, owner: Address) {
  const client = chain.clients.publicClient
  const entries = await Promise.all(
    chain.manifest.assets.map(async (a) => [
      a.symbol,
      await client.readContract({
        address: a.address as Address,
        abi: erc20Abi,
        functionName: 'allowance',
        args: [owner, chain.manifest.aave.pool as Address],
      }),
    ]),
  )
  return Object.fromEntries(entries) as Record<string, bigint>
}

test.beforeEach(async ({ page, chain, wallet }) => {
  await page.goto('/')
  await page.getByRole('button', { name: 'Browser wallet' }).click()
  await expect(page.getByTestId('account')).toContainText(chain.manifest.accounts.trader.address, { ignoreCase: true })
  void wallet
})

for (const batch of [false, true]) {
  test(`a rejected signature sends nothing and says so (${batch ? 'one EIP-5792 batch' : 'call by call'})`, async ({
    page,
    chain,
    wallet,
  }) => {
    const trader = chain.manifest.accounts.trader.address as Address
    wallet.supportBatches(batch)
    const row = await protectableProposal(page, 'repay')
    const before = await accountState(chain, trader)

    wallet.rejectNext()
    await row.getByRole('button', { name: 'Protect' }).click()
    const message = page.getByTestId('protect-message')
    await expect(message).toHaveAttribute('data-kind', 'rejected')
    await expect(message).toContainText('You rejected the signature; nothing was sent.')
    expect(await accountState(chain, trader)).toEqual(before)
    expect(wallet.batchesSent()).toBe(0)

    // Nothing is left pending: Protect is available again once the message is dismissed.
    await page.getByRole('button', { name: 'Dismiss' }).click()
    await expect(row.getByRole('button', { name: 'Protect' })).toBeEnabled()
  })
}

test('rejecting the repay after the approval went through: the approval is named, harmless, and the position unchanged', async ({
  page,
  chain,
  wallet,
}) => {
  const trader = chain.manifest.accounts.trader.address as Address
  const row = await protectableProposal(page, 'repay')
  const before = await accountState(chain, trader)
  const allowedBefore = await allowances(chain, trader)
  const block = await chain.clients.publicClient.getBlockNumber({ cacheTime: 0 })
  expect(before.account[5]).toBe(await chainHealthFactor(chain, trader, block))

  wallet.rejectNext(1)
  await row.getByRole('button', { name: 'Protect' }).click()
  const message = page.getByTestId('protect-message')
  await expect(message).toHaveAttribute('data-kind', 'rejected')
  await expect(message).toContainText(/You rejected call 2 of \d+ \(Repay [\d,.]+ \w+ of debt\)/)
  await expect(message).toContainText(/Already on chain: 1\. Approve [\d,.]+ \w+ for the Aave pool\./)
  await expect(message).toContainText('An approval alone changes nothing in your position')

  const after = await accountState(chain, trader)
  // The approval is the one thing that happened: one transaction, the position and balances untouched
  // (its block is later, so interest moved the debt's value: the scaled balances are what must not move).
  expect(after.balances).toEqual(before.balances)
  expect(after.account[1]).toBeGreaterThanOrEqual(before.account[1])
  expect(after.nonce).toBe(before.nonce + 1)
  const allowedAfter = await allowances(chain, trader)
  const changed = Object.keys(allowedAfter).filter((symbol) => allowedAfter[symbol] !== allowedBefore[symbol])
  expect(changed).toHaveLength(1)
  await expect(message).toContainText(` ${changed[0]} for the Aave pool`)
  await expect(page.getByTestId('protect-status').locator('li[data-status="confirmed"]')).toHaveCount(1)
  await expect(page.getByTestId('protect-status').locator('li[data-status="notSent"]')).not.toHaveCount(0)
})

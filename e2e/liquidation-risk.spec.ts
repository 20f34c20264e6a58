import type { Address } from 'viem'
import { setPrice } from '../devnet/prices.mjs'
import { chainHealthFactor, expect, test } from './fixtures'

test('the risk engine in its worker shows liquidation prices and proposals, on the same numbers as the chain', async ({
  page,
  chain,
}) => {
  const trader = chain.manifest.accounts.trader.address as Address
  await page.goto('/')
  await page.getByRole('button', { name: 'Demo wallet' }).click()
  const panel = page.getByTestId('risk-panel')
  await expect(panel).toBeVisible()

  // The engine's health factor (computed in the worker from one snapshot read) equals the chain's at its block.
  const check = async () => {
    const [block, wad] = await Promise.all([
      panel.getAttribute('data-block'),
      panel.getAttribute('data-health-factor-wad'),
    ])
    expect(BigInt(wad ?? '-1')).toBe(await chainHealthFactor(chain, trader, BigInt(block ?? '0')))
    return BigInt(block ?? '0')
  }
  await check()
  await expect(panel.getByTestId('liquidation-prices').locator('tr[data-asset="WETH"]')).toContainText('≤ $')
  await expect(panel.getByTestId('correlated-liquidation')).toContainText('after a fall of')
  // HF ≈ 1.40 is under the default 1.5 target: repay and add-collateral proposals from the wallet.
  await expect(panel.getByTestId('proposals').locator('li[data-kind="repay"]').first()).toBeVisible()
  await expect(panel.getByTestId('proposals').locator('li[data-kind="addCollateral"]').first()).toBeVisible()

  // A price move re-evaluates on the next block.
  const receipt = await setPrice(chain.clients, chain.manifest, 'WETH', 2600)
  await expect
    .poll(async () => BigInt((await panel.getAttribute('data-block')) ?? '0'))
    .toBeGreaterThanOrEqual(receipt.blockNumber)
  await check()
})

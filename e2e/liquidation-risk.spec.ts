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
  // With the devnet's Uniswap router in the engine's context, a partial deleverage through a swap is proposed too.
  await expect(panel.getByTestId('proposals').locator('li[data-kind="deleverage"]').first()).toBeVisible()

  // The snapshot carries the feeds' two weeks of rounds: volatility per asset and P(liquidation) per horizon.
  const odds = panel.getByTestId('liquidation-odds')
  await expect(odds.getByTestId('volatility-table').locator('tr[data-asset="WETH"]')).toContainText('%')
  const rows = odds.getByTestId('probability-table').locator('tbody tr')
  await expect(rows).toHaveCount(3)
  const probabilities = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-probability'))))
  for (let k = 1; k < probabilities.length; k++)
    expect(probabilities[k]).toBeGreaterThanOrEqual(probabilities[k - 1] ?? 0)

  // A price move re-evaluates on the next block.
  const receipt = await setPrice(chain.clients, chain.manifest, 'WETH', 2600)
  await expect
    .poll(async () => BigInt((await panel.getAttribute('data-block')) ?? '0'))
    .toBeGreaterThanOrEqual(receipt.blockNumber)
  await check()
})

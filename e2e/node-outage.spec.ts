import { startAnvil } from '../devnet/anvil.mjs'
import { ensureDevnetState } from '../devnet/build.mjs'
import { startTestDevnet } from '../devnet/testing.mjs'
import { expect, test } from './fixtures'

test('when the node dies the page says it is unreachable, and recovers when it returns', async ({ page }) => {
  // A devnet of this test's own, since it gets killed (the shared one stays up).
  const own = await startTestDevnet()
  const port = own.anvil.port
  await page.route('**/devnet.json', (route) => route.fulfill({ json: own.manifest }))
  await page.goto('/')
  await page.getByRole('button', { name: 'Demo wallet' }).click()
  await expect(page.getByTestId('health-factor')).toHaveAttribute('data-wad', /^\d+$/)
  await expect(page.getByTestId('node-status')).toHaveText(/connected/i)

  await own.stop()
  await expect(page.getByTestId('node-status')).toContainText('unreachable')
  await expect(page.getByTestId('node-status')).toContainText(`127.0.0.1:${port}`)

  // The devnet comes back on the same port with the same deployment.
  const { statePath } = await ensureDevnetState()
  const revived = await startAnvil({ port, loadState: statePath })
  try {
    await expect(page.getByTestId('node-status')).toHaveText(/connected/i)
    await expect(page.getByTestId('health-factor')).toHaveAttribute('data-wad', /^\d+$/)
  } finally {
    await revived.stop()
  }
})

test('when the node answers but blocks stop coming the figures are marked stale, until the next block', async ({
  page,
  chain,
}) => {
  // A devnet whose price simulator should be writing rounds (scenario "calm") but whose chain
  // stands still: the test's anvil mines only when told to.
  await page.route('**/devnet.json', (route) =>
    route.fulfill({ json: { ...chain.manifest, scenario: 'calm' }, headers: { 'cache-control': 'no-store' } }),
  )
  // The page's clock runs normally, and the test jumps it ahead instead of waiting half a minute.
  await page.clock.install()
  await page.goto('/')
  await page.getByRole('button', { name: 'Demo wallet' }).click()
  await expect(page.getByTestId('health-factor')).toHaveAttribute('data-wad', /^\d+$/)
  await expect(page.getByTestId('node-status')).toHaveText('connected')

  await page.clock.fastForward('00:45')
  await expect(page.getByTestId('node-status')).toContainText(/^stale: no new block since/)
  await expect(page.getByRole('region', { name: 'Account health' })).toHaveClass(/panel-stale/)

  await chain.mine(1)
  await expect(page.getByTestId('node-status')).toHaveText('connected')
  await expect(page.getByRole('region', { name: 'Account health' })).not.toHaveClass(/panel-stale/)
})

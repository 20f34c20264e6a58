import type { Address } from 'viem'
import { createSteppedSimulator } from '../devnet/simulator.mjs'
import { chainHealthFactor, expect, protectableProposal, shownHealthFactor, test } from './fixtures'

// The "Done when" journey of issue 7: the demo trader (through the injected wallet) at HF ≈ 1.4,
// a crash below the warning line, proposals, and Protect on a repay, an add-collateral (as one
// EIP-5792 batch) and a deleverage through Uniswap, the chain reverted between them; after each,
// the chain's HF reaches the target and the page shows the chain's value at the same block.
// Timeouts here only guard against a hang; nothing is timed.
test.describe.configure({ timeout: 300_000 })

const WAD = 10n ** 18n
const WARNING_WAD = (12n * WAD) / 10n

test('the trader crashes below the warning line and each kind of proposal brings HF back to the target in one click', async ({
  page,
  chain,
  wallet,
}, testInfo) => {
  const trader = chain.manifest.accounts.trader.address as Address
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.goto('/')
  await page.getByRole('button', { name: 'Browser wallet' }).click()
  await expect(page.getByTestId('account')).toContainText(trader, { ignoreCase: true })
  await expect(page.getByTestId('health-factor')).toHaveAttribute('data-wad', /^\d+$/, { timeout: 30_000 })

  // The trader sits at HF ≈ 1.4, the chain's figure shown.
  const start = await shownHealthFactor(page)
  expect(start.wad).toBe(await chainHealthFactor(chain, trader, start.block))
  expect(Number(start.wad) / 1e18).toBeGreaterThan(1.35)
  expect(Number(start.wad) / 1e18).toBeLessThan(1.45)

  // The crash scenario (devnet/simulator.mjs: −35 % over three market hours, seeded), tick by tick
  // on a test clock until HF is under the warning line; the oracle and the Uniswap pools both move.
  const simulator = createSteppedSimulator({
    manifest: chain.manifest,
    scenario: 'crash',
    seed: 7,
    marketSecondsPerTick: 360,
  })
  let hf = start.wad ?? 0n
  for (let tick = 0; hf >= WARNING_WAD; tick++) {
    expect(tick, 'the crash reaches the warning line within its three hours').toBeLessThan(30)
    await simulator.tick()
    const head = await chain.clients.publicClient.getBlockNumber({ cacheTime: 0 })
    hf = await chainHealthFactor(chain, trader, head)
    // The page follows the crash tick by tick, as it would the simulator's two-second ticks.
    await expect
      .poll(async () => (await shownHealthFactor(page)).block, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(head)
  }
  expect(hf).toBeGreaterThan(WAD)
  const crashBlock = await chain.clients.publicClient.getBlockNumber({ cacheTime: 0 })
  await expect
    .poll(async () => (await shownHealthFactor(page)).block, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(crashBlock)
  const crashed = await shownHealthFactor(page)
  expect(crashed.wad).toBe(await chainHealthFactor(chain, trader, crashed.block))
  expect(crashed.wad).toBeLessThan(WARNING_WAD)

  // The crossing raised an alert that stays until acknowledged, worded against the user's line, and
  // logged. The crash may step straight past the warning line into "danger" (the most severe line
  // crossed is the one that fires), so the banner's kind is one of the protective ones.
  const banners = page.getByTestId('alert-banner')
  const protective = banners.filter({ hasText: /below your warning line|close to liquidation|above your limit/ })
  await expect(protective.first()).toBeVisible()
  const kinds = await banners.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))
  expect(kinds.some((k) => k === 'warning' || k === 'danger' || k === 'probability')).toBe(true)
  await expect(page.getByTestId('alert-log')).not.toContainText('No alerts yet')
  expect(await page.title()).toMatch(/MarginGuard/)

  const panel = page.getByTestId('proposals-panel')
  await expect(panel).toBeVisible({ timeout: 30_000 })
  const target = BigInt((await panel.getAttribute('data-target-health-factor-wad')) ?? '0')
  expect(target).toBeGreaterThan(crashed.wad ?? 0n)
  await protectableProposal(page, 'repay')

  // Screenshots of the crashed account and its proposals, laptop and phone widths.
  for (const width of [1440, 375]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 })
    const path = testInfo.outputPath(`proposals-${width}px.png`)
    await page.screenshot({ path, fullPage: true })
    await testInfo.attach(`proposals at ${width} px`, { path, contentType: 'image/png' })
  }
  await page.setViewportSize({ width: 1440, height: 900 })

  let snapshot = await chain.snapshot()
  for (const [kind, batch] of [
    ['repay', false],
    ['addCollateral', true],
    ['deleverage', false],
  ] as const) {
    wallet.supportBatches(batch)
    const batchesBefore = wallet.batchesSent()
    const row = await protectableProposal(page, kind)
    const predicted = BigInt((await row.getByTestId('predicted-hf').getAttribute('data-wad')) ?? '0')
    await expect(row.getByTestId('simulated-hf')).toHaveAttribute('data-wad', predicted.toString())
    await row.getByRole('button', { name: 'Protect' }).click()

    const result = page.getByTestId('protect-result')
    await expect(result, `${kind}: confirmed`).toBeVisible({ timeout: 120_000 })
    const block = BigInt((await result.getAttribute('data-block')) ?? '0')
    const resultWad = BigInt((await result.getAttribute('data-health-factor-wad')) ?? '0')
    const onChain = await chainHealthFactor(chain, trader, block)
    expect({ kind, hf: resultWad }).toEqual({ kind, hf: onChain })
    expect(onChain, `${kind}: the chain's HF reaches the target`).toBeGreaterThanOrEqual(target)
    expect(wallet.batchesSent() - batchesBefore, `${kind}: sent as one batch`).toBe(batch ? 1 : 0)

    // The headline shows the chain's own value at the block it names, once it has reached the protect's block.
    await expect
      .poll(async () => (await shownHealthFactor(page)).block, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(block)
    const shown = await shownHealthFactor(page)
    expect(shown.wad).toBe(await chainHealthFactor(chain, trader, shown.block))
    expect(shown.wad).toBeGreaterThanOrEqual(target)

    if (kind === 'repay') {
      // The health-factor history marks where the protection landed: its block, or the first point
      // recorded after it. (Charts redraw only on screen, hence the scroll.)
      const history = page.getByTestId('chart-health-history')
      await history.scrollIntoViewIfNeeded()
      const note = history.getByText(/a protective transaction landed \(block [\d,]+\)/)
      await expect(note).toBeVisible({ timeout: 30_000 })
      const marked = BigInt((await note.textContent())?.match(/block ([\d,]+)/)?.[1]?.replaceAll(',', '') ?? '0')
      expect(marked).toBeGreaterThanOrEqual(block)
      expect(marked).toBeLessThanOrEqual(shown.block)
      await expect(history.locator('.recharts-reference-dot')).toHaveCount(1)
      await expect(history.locator('figcaption')).toContainText('1 protective transaction landed')
      await page.evaluate(() => window.scrollTo(0, 0))
    }

    // Back to the crashed chain for the next kind. Mining past every block the page has seen keeps
    // its block stream moving forward; a reload starts the page clean on the reverted chain.
    await chain.revert(snapshot)
    snapshot = await chain.snapshot()
    const head = await chain.clients.publicClient.getBlockNumber({ cacheTime: 0 })
    await chain.mine(Number(shown.block - head) + 1)
    await page.reload()
    const fresh = await chain.clients.publicClient.getBlockNumber({ cacheTime: 0 })
    await expect
      .poll(async () => (await shownHealthFactor(page)).block, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(fresh)
    const back = await shownHealthFactor(page)
    expect(back.wad).toBe(await chainHealthFactor(chain, trader, back.block))
    expect(back.wad).toBeLessThan(WARNING_WAD)
  }
})

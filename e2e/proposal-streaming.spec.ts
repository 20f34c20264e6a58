import { createSteppedSimulator } from '../devnet/simulator.mjs'
import { expect, protectableProposal, shownHealthFactor, test } from './fixtures'

// A proposal row while blocks stream: each block brings a new proposal (prices and interest move
// the amounts) and a new simulation on the node. The row must go from one block's simulated
// proposal to the next without a gap: no "simulating…" in between, and a Protect button that stays
// on, so a click never lands on a button that went off for a new block. Timeouts only guard
// against a hang; nothing is timed.
test.describe.configure({ timeout: 180_000 })

type RowState = { simulation: string; disabled: boolean; predicted: string | null; simulated: string | null }

test('while blocks stream, a proposal row moves from block to block with Protect on and the prediction matching the node', async ({
  page,
  chain,
}) => {
  await page.goto('/')
  await page.getByRole('button', { name: 'Demo wallet' }).click()
  await expect(page.getByTestId('glance-hf')).toHaveAttribute('data-wad', /^\d+$/, { timeout: 30_000 })
  const row = await protectableProposal(page, 'repay')
  await expect(row.getByRole('button', { name: 'Protect' })).toBeEnabled()
  const id = (await row.getAttribute('data-proposal-id')) as string

  // Ten market ticks (oracle rounds and Uniswap arbitrage, one block each), the page following
  // each: its headline, then the row with that block's proposal simulated (the next tick's mining
  // never overlaps this block's reads: devnet/client.mjs writeInOneBlock says why that matters).
  const simulator = createSteppedSimulator({
    manifest: chain.manifest,
    scenario: 'volatile',
    seed: 11,
    marketSecondsPerTick: 600,
  })
  const tracked = page.locator(`li[data-proposal-id="${id}"]`)
  const tick = async () => {
    await simulator.tick()
    const head = await chain.clients.publicClient.getBlockNumber({ cacheTime: 0 })
    await expect
      .poll(async () => (await shownHealthFactor(page)).block, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(head)
    await expect(tracked).toHaveAttribute('data-block', head.toString(), { timeout: 30_000 })
  }
  // The first tick also funds the arbitrageur (blocks of their own): recording starts after it.
  await tick()
  // Every state the row is committed in from now on (a MutationObserver runs after each commit).
  await page.evaluate((id) => {
    const w = window as unknown as { __rowStates: RowState[] }
    w.__rowStates = []
    const record = () => {
      const li = document.querySelector(`li[data-proposal-id="${CSS.escape(id)}"]`)
      const button = li?.querySelector<HTMLButtonElement>('button.proposal-protect')
      w.__rowStates.push({
        simulation: li?.getAttribute('data-simulation') ?? 'gone',
        disabled: button?.disabled ?? true,
        predicted: li?.querySelector('[data-testid=predicted-hf]')?.getAttribute('data-wad') ?? null,
        simulated: li?.querySelector('[data-testid=simulated-hf]')?.getAttribute('data-wad') ?? null,
      })
    }
    new MutationObserver(record).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    })
  }, id)

  for (let i = 0; i < 10; i++) await tick()

  const states = await page.evaluate(() => (window as unknown as { __rowStates: RowState[] }).__rowStates)
  // The row did follow the blocks: its prediction changed from block to block.
  expect(new Set(states.map((s) => s.predicted)).size).toBeGreaterThan(3)
  // …and every state it showed was one block's proposal with that block's agreeing simulation.
  expect(states.filter((s) => s.simulation !== 'agrees' || s.disabled || s.predicted !== s.simulated)).toEqual([])
})

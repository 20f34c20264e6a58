import { afterAll, beforeAll, beforeEach } from 'vitest'
import { startTestDevnet } from './testing.mjs'

export type TestDevnet = Awaited<ReturnType<typeof startTestDevnet>>

/**
 * One devnet for the test file, put back to its starting state before each test (evm_snapshot /
 * evm_revert; a snapshot is spent by its revert, so a new one is taken each time). Call at the top
 * of the file; the returned function gives the devnet inside tests and hooks, and its `reset()` puts
 * the chain back in the middle of a test (one case of a loop after another).
 */
export function devnetForEachTest(): (() => TestDevnet) & { reset: () => Promise<void> } {
  let devnet: TestDevnet | undefined
  let clean = ''
  beforeAll(async () => {
    devnet = await startTestDevnet()
    clean = await devnet.snapshot()
  })
  afterAll(async () => {
    await devnet?.stop()
  })
  async function reset() {
    const d = current()
    await d.revert(clean)
    clean = await d.snapshot()
  }
  beforeEach(reset)
  function current(): TestDevnet {
    if (!devnet) throw new Error('the devnet is not up: devnetForEachTest() runs in beforeAll')
    return devnet
  }
  return Object.assign(current, { reset })
}

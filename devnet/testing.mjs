// A fresh devnet per test file (vitest, Playwright, bench): anvil on a free port loaded
// from the cached state, its manifest, and snapshot/revert so each test starts clean.
import { writeFileSync } from 'node:fs'
import { DEVNET_CHAIN_ID, startAnvil } from './anvil.mjs'
import { ensureDevnetState } from './build.mjs'
import { createDevnetClients } from './client.mjs'

/**
 * @param {{ manifestPath?: string }} [opts] write the manifest there too (for an app under test)
 */
export async function startTestDevnet({ manifestPath } = {}) {
  const { statePath, deployment } = await ensureDevnetState()
  const anvil = await startAnvil({ port: 0, loadState: statePath })
  /** @type {import('../src/chain/devnetManifest').DevnetManifest} */
  const manifest = {
    version: 1,
    chainId: DEVNET_CHAIN_ID,
    rpcUrl: anvil.rpcUrl,
    wsUrl: anvil.wsUrl,
    scenario: 'none',
    ...deployment,
  }
  if (manifestPath) writeFileSync(manifestPath, JSON.stringify(manifest, null, 2))
  const clients = createDevnetClients(anvil.rpcUrl)
  const rpc = (method, params = []) => clients.publicClient.request({ method, params })
  return {
    anvil,
    manifest,
    clients,
    /** @returns {Promise<string>} an evm_snapshot id, to revert to later */
    snapshot: () => rpc('evm_snapshot'),
    revert: async (id) => {
      if (!(await rpc('evm_revert', [id]))) throw new Error(`evm_revert(${id}) failed`)
    },
    mine: (blocks = 1) => rpc('anvil_mine', [`0x${blocks.toString(16)}`]),
    stop: () => anvil.stop(),
  }
}

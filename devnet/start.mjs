#!/usr/bin/env node
// `npm run devnet` — the local chain alone; `npm start` (--serve) — chain, market
// simulator and the app. Flags: --port N (0 = any free port), --scenario calm|volatile|crash|none,
// --seed N, --tick-ms N, --manifest PATH, --app-port N.
import { parseArgs } from 'node:util'
import { startAnvil } from './anvil.mjs'
import { ensureAppBuild, serveApp } from './appBuild.mjs'
import { ensureDevnetState } from './build.mjs'
import { removeManifest, writeManifest } from './manifest.mjs'
import { defaultManifestPath } from './paths.mjs'
import { createSimulator, scenarios } from './simulator.mjs'

const { values: flags } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.MG_DEVNET_PORT ?? '8545' },
    scenario: { type: 'string', default: 'calm' },
    seed: { type: 'string', default: '1' },
    'tick-ms': { type: 'string', default: '2000' },
    manifest: { type: 'string', default: process.env.MG_MANIFEST ?? defaultManifestPath },
    serve: { type: 'boolean', default: false },
    'app-port': { type: 'string', default: process.env.PORT ?? '5173' },
    rebuild: { type: 'boolean', default: false },
  },
})

const log = (s) => console.log(`[devnet] ${s}`)
const fail = (message) => {
  console.error(`[devnet] error: ${message}`)
  process.exit(1)
}

if (!scenarios.includes(flags.scenario))
  fail(`unknown scenario "${flags.scenario}": use one of ${scenarios.join(', ')}`)
const port = Number(flags.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, got "${flags.port}"`)

const startedAt = performance.now()
let state
try {
  state = await ensureDevnetState({ log, force: flags.rebuild })
} catch (e) {
  fail(`deploying the devnet failed: ${e.shortMessage ?? e.message}`)
}

let anvil
let simulator
let vite
let stopping = false

async function bootChain() {
  anvil = await startAnvil({ port: anvil?.port ?? port, loadState: state.statePath })
  const manifest = writeManifest(flags.manifest, {
    deployment: state.deployment,
    rpcUrl: anvil.rpcUrl,
    wsUrl: anvil.wsUrl,
    scenario: flags.scenario,
  })
  simulator = createSimulator({
    manifest,
    scenario: flags.scenario,
    seed: Number(flags.seed),
    tickMs: Number(flags['tick-ms']),
    log,
  })
  // Not awaited: the chain is ready now; the simulator funds its arbitrageur and starts ticking meanwhile.
  simulator.start().catch((e) => log(`the market simulator stopped: ${e.shortMessage ?? e.message}`))
  anvil.exited.then(async (code) => {
    if (stopping) return
    log(`anvil (pid ${anvil.pid}) exited unexpectedly with code ${code}; restarting it from the saved state in 2 s`)
    await simulator.stop()
    setTimeout(() => bootChain().catch((e) => fail(e.message)), 2000)
  })
  return manifest
}

// The app (built once per change of its sources, then served as a bundle) starts alongside
// the chain: it needs the manifest only per request. `npm run dev` is the HMR dev server.
process.env.MG_MANIFEST = flags.manifest
const viteReady = flags.serve ? startVite() : null

try {
  await bootChain()
} catch (e) {
  fail(e.message)
}
log(
  `anvil pid ${anvil.pid} at ${anvil.rpcUrl} (chain id 31337), scenario "${flags.scenario}", ready in ${((performance.now() - startedAt) / 1000).toFixed(2)} s`,
)
log(`manifest: ${flags.manifest}`)

if (viteReady) {
  const url = await viteReady
  log(`MarginGuard is at ${url} — choose "Demo wallet" to watch the leveraged demo trader`)
}

async function startVite() {
  await ensureAppBuild({ log })
  const served = await serveApp({ port: Number(flags['app-port']) })
  vite = served.server
  return served.url
}

async function shutdown() {
  if (stopping) return
  stopping = true
  // Whatever an await below might wait on, Ctrl-C ends the devnet within 5 s (the exit hook kills anvil).
  setTimeout(() => process.exit(1), 5000).unref()
  // Synchronous first: Vite's own SIGTERM handler may call process.exit before the awaits below.
  if (anvil) removeManifest(flags.manifest, anvil.rpcUrl)
  await simulator?.stop()
  await vite?.close()
  await anvil?.stop()
  process.exit(0)
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)

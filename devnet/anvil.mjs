// Starts and stops anvil from the npm package's binary (not through npx: killing npx
// leaves anvil running). Only the process started here is ever stopped.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { anvilBin } from './paths.mjs'

export const DEVNET_CHAIN_ID = 31337
export const MNEMONIC = 'test test test test test test test test test test test junk'

/** Resolves to true when nothing listens on 127.0.0.1:port. */
export function isPortFree(port) {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}

/** A free port chosen by the OS. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/**
 * Starts anvil on 127.0.0.1. `port: 0` picks a free port; a taken port fails with a
 * message saying so. Resolves once the node answers JSON-RPC.
 * `chainId` is the devnet's unless given (tests start a bare node of a live chain's id).
 * @param {{port?: number, loadState?: string, blockTime?: number, quiet?: boolean, chainId?: number}} opts
 */
export async function startAnvil({ port = 8545, loadState, blockTime, quiet = true, chainId = DEVNET_CHAIN_ID } = {}) {
  if (!existsSync(anvilBin))
    throw new Error(`anvil binary not found at ${anvilBin}: run \`npm ci\` (it ships in @foundry-rs/anvil-linux-amd64)`)
  if (port === 0) port = await freePort()
  else if (!(await isPortFree(port)))
    throw new Error(`port ${port} is already in use by another process: pass --port <n>, or --port 0 for a free one`)

  const args = ['--host', '127.0.0.1', '--port', String(port), '--chain-id', String(chainId)]
  args.push('--mnemonic', MNEMONIC, '--accounts', '10', '--balance', '1000000', '--gas-limit', '60000000')
  args.push('--code-size-limit', '49152', '--silent')
  if (loadState) args.push('--load-state', loadState)
  if (blockTime) args.push('--block-time', String(blockTime))
  const child = spawn(anvilBin, args, { stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (d) => {
    stderr += d
  })
  const rpcUrl = `http://127.0.0.1:${port}`
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)))
  // Never leave anvil behind when this process ends, however it ends normally (Vite's own
  // SIGTERM handler, for one, calls process.exit before our shutdown runs).
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  exited.then(() => process.removeListener('exit', killOnExit))

  const deadline = Date.now() + 20_000
  for (;;) {
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r(undefined), 25))])
    if (code !== undefined) throw new Error(`anvil exited with code ${code} before it was ready: ${stderr.trim()}`)
    if (await answers(rpcUrl)) break
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`anvil did not answer on ${rpcUrl} within 20 s: ${stderr.trim()}`)
    }
  }
  return {
    port,
    rpcUrl,
    wsUrl: `ws://127.0.0.1:${port}`,
    pid: child.pid,
    process: child,
    exited,
    /** Stops exactly this anvil and waits for it to exit. */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
      await exited
      clearTimeout(timer)
    },
  }
}

async function answers(rpcUrl) {
  try {
    const res = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
    })
    return res.ok
  } catch {
    return false
  }
}

// Deploys the whole devnet once on a scratch anvil and saves anvil's state, so later
// starts load it (~0.2 s) instead of redeploying. The cache key is a hash of every file
// the deployment depends on, so changing the deploy code rebuilds it.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { devnetAccounts } from './accounts.mjs'
import { startAnvil } from './anvil.mjs'
import { createDevnetClients } from './client.mjs'
import { deployAave } from './deployAave.mjs'
import { deployUniswap } from './deployUniswap.mjs'
import { cacheDir, devnetDir, rootDir } from './paths.mjs'
import { reserves } from './reserves.mjs'
import { seedAccounts } from './seed.mjs'

/** Multicall3's canonical address on every EVM chain; the devnet puts its code there too. */
export const MULTICALL3 = '0xcA11bde05977b3631167028862bE2a173976CA11'

/** Multicall3's creation code as viem ships it (viem does not export the constant). */
function multicall3Bytecode() {
  const file = createRequire(import.meta.url)
    .resolve('viem')
    .replace(/_cjs[/\\]index\.js$/, '_esm/constants/contracts.js')
  const match = readFileSync(file, 'utf8').match(/multicall3Bytecode\s*=\s*'(0x[0-9a-f]+)'/)
  if (!match) throw new Error(`Multicall3 bytecode not found in ${file}`)
  return match[1]
}

const deployInputs = [
  'accounts.mjs',
  'anvil.mjs',
  'artifacts.mjs',
  'build.mjs',
  'client.mjs',
  'compile.mjs',
  'deployAave.mjs',
  'deployUniswap.mjs',
  'priceModel.mjs',
  'random.mjs',
  'reserves.mjs',
  'seed.mjs',
  'tokens.mjs',
  'uniswapMath.mjs',
]

export function deployHash() {
  const h = createHash('sha256')
  for (const f of deployInputs) h.update(readFileSync(join(devnetDir, f)))
  for (const f of readdirSync(join(devnetDir, 'contracts')).sort())
    h.update(readFileSync(join(devnetDir, 'contracts', f)))
  const lock = JSON.parse(readFileSync(join(rootDir, 'package-lock.json'), 'utf8'))
  for (const p of [
    '@aave/core-v3',
    '@aave/periphery-v3',
    '@uniswap/v3-core',
    '@uniswap/v3-periphery',
    '@foundry-rs/anvil',
    'solc',
    'viem',
  ])
    h.update(`${p}@${lock.packages[`node_modules/${p}`]?.version}`)
  return h.digest('hex').slice(0, 16)
}

/**
 * Returns the paths of a saved chain state and its deployment record, deploying first
 * when there is none for the current deploy code.
 * @returns {Promise<{statePath: string, deployment: object, built: boolean, seconds?: number}>}
 */
export async function ensureDevnetState({ log = () => {}, force = false } = {}) {
  const hash = deployHash()
  const statePath = join(cacheDir, `state-${hash}.json`)
  const deploymentPath = join(cacheDir, `deployment-${hash}.json`)
  if (!force && existsSync(statePath) && existsSync(deploymentPath))
    return { statePath, deployment: JSON.parse(readFileSync(deploymentPath, 'utf8')), built: false }

  log('deploying Aave V3 and Uniswap V3 to a fresh devnet (once; the state is cached)…')
  const started = performance.now()
  const anvil = await startAnvil({ port: 0 })
  try {
    const deployment = await deployAll(anvil.rpcUrl)
    const c = createDevnetClients(anvil.rpcUrl)
    const dumped = await c.publicClient.request({ method: 'anvil_dumpState', params: [] })
    mkdirSync(cacheDir, { recursive: true })
    writeFileSync(`${statePath}.${process.pid}.tmp`, gunzipSync(Buffer.from(dumped.slice(2), 'hex')))
    writeFileSync(`${deploymentPath}.${process.pid}.tmp`, JSON.stringify(deployment, null, 2))
    renameSync(`${statePath}.${process.pid}.tmp`, statePath)
    renameSync(`${deploymentPath}.${process.pid}.tmp`, deploymentPath)
    // Drop states built by older deploy code.
    for (const f of readdirSync(cacheDir))
      if (/^(state|deployment)-[0-9a-f]{16}\.json$/.test(f) && !f.includes(hash)) rmSync(join(cacheDir, f))
    const seconds = (performance.now() - started) / 1000
    log(`deployed in ${seconds.toFixed(1)} s`)
    return { statePath, deployment, built: true, seconds }
  } finally {
    await anvil.stop()
  }
}

/** Deploys everything to the node at rpcUrl; returns addresses and accounts (no URLs). */
export async function deployAll(rpcUrl) {
  const c = createDevnetClients(rpcUrl)
  const accounts = devnetAccounts()
  const admin = accounts.deployer.address
  const deployBlock = Number(await c.publicClient.getBlockNumber())

  const multicallDeployed = await c.deploy(admin, { abi: [], bytecode: multicall3Bytecode() }, 'Multicall3')
  const code = await c.publicClient.getCode({ address: multicallDeployed })
  await c.publicClient.request({ method: 'anvil_setCode', params: [MULTICALL3, code] })

  const { aave, tokens, feeds, reserveTokens } = await deployAave(c, admin)
  const uniswap = await deployUniswap(c, admin, tokens, accounts.arbitrageur.address)
  await seedAccounts(c, { aave, tokens, uniswap }, accounts)

  const { pools, ...uniswapContracts } = uniswap
  return {
    deployBlock,
    aave,
    uniswap: uniswapContracts,
    multicall3: MULTICALL3,
    assets: reserves.map((r) => ({
      symbol: r.symbol,
      address: tokens[r.symbol],
      decimals: r.decimals,
      feed: feeds[r.symbol],
      ...reserveTokens[r.symbol],
      volatile: r.annualVol > 0,
      ...(pools[r.symbol] ? { uniswapPool: pools[r.symbol] } : {}),
    })),
    accounts,
  }
}

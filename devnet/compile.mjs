// Compiles the devnet's own Solidity (devnet/contracts) with solc-js, offline.
// Output is cached by source hash in .devnet-cache so later starts skip solc.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { cacheDir, devnetDir } from './paths.mjs'

const contractsDir = join(devnetDir, 'contracts')
const require = createRequire(import.meta.url)

/** @returns {Record<string, {abi: any[], bytecode: `0x${string}`}>} by contract name (memoised per process) */
export function compileDevnetContracts() {
  compiled ??= compileOrLoad()
  return compiled
}
let compiled = null

function compileOrLoad() {
  const sources = {}
  for (const f of readdirSync(contractsDir)
    .filter((f) => f.endsWith('.sol'))
    .sort())
    sources[f] = { content: readFileSync(join(contractsDir, f), 'utf8') }
  // solc-js is loaded only when the cache misses: requiring it costs about a second.
  const solcVersion = JSON.parse(readFileSync(require.resolve('solc/package.json'), 'utf8')).version
  const hash = createHash('sha256').update(solcVersion).update(JSON.stringify(sources)).digest('hex').slice(0, 16)
  const out = join(cacheDir, `compiled-${hash}.json`)
  if (existsSync(out)) return JSON.parse(readFileSync(out, 'utf8'))

  const input = {
    language: 'Solidity',
    sources,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
    },
  }
  const solc = require('solc')
  const result = JSON.parse(solc.compile(JSON.stringify(input)))
  const errors = (result.errors ?? []).filter((e) => e.severity === 'error')
  if (errors.length) throw new Error(`solc failed:\n${errors.map((e) => e.formattedMessage).join('\n')}`)
  const contracts = {}
  for (const file of Object.values(result.contracts))
    for (const [name, c] of Object.entries(file))
      contracts[name] = { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}` }
  mkdirSync(cacheDir, { recursive: true })
  writeFileSync(out, JSON.stringify(contracts))
  return contracts
}

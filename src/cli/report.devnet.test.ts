import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { getAddress } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startTestDevnet } from '../../devnet/testing.mjs'
import { poolAbi } from '../chain/abi/pool'
import type { DevnetRole } from '../chain/devnetManifest'

// The command line as a user runs it: a child process of bin/marginguard.mjs (tsx loader, Node 20)
// against a fresh devnet whose manifest sits in a temp file, never the developer's running devnet.

let devnet: Awaited<ReturnType<typeof startTestDevnet>>
let dir: string
let manifestPath: string
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mg-cli-'))
  manifestPath = join(dir, 'manifest.json')
  devnet = await startTestDevnet({ manifestPath })
})
afterAll(async () => {
  await devnet?.stop()
  rmSync(dir, { recursive: true, force: true })
})

const bin = join(import.meta.dirname, '../../bin/marginguard.mjs')
type Run = { code: number; stdout: string; stderr: string }
async function marginguard(...args: string[]): Promise<Run> {
  const env = { ...process.env }
  delete env.MG_MANIFEST
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], { env, timeout: 45_000 })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string }
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }
  }
}
const account = (role: DevnetRole) => devnet.manifest.accounts[role].address
const report = (...args: string[]) => marginguard('report', '--manifest', manifestPath, ...args)

type ReportJson = {
  block: string
  account: string
  healthFactorWad: string
  totalCollateralBase: string
  totalDebtBase: string
  availableBorrowsBase: string
  assets: { symbol: string; address: string; priceBase: string; liquidationPriceBase: string | null }[]
  proposals: {
    kind: string
    calls: { to: string; data: string; value: string }[]
    predictedHealthFactorWad: string
    costUsd: string
  }[]
}

describe('marginguard report', () => {
  test('--json prints the account data of Pool.getUserAccountData at the printed block, to the wei', async () => {
    const run = await report('--rpc', devnet.anvil.rpcUrl, '--account', account('trader'), '--json')
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const json = JSON.parse(run.stdout) as ReportJson
    expect(json.account).toBe(getAddress(account('trader')))
    const [collateral, debt, available, , , healthFactor] = await devnet.clients.publicClient.readContract({
      address: devnet.manifest.aave.pool,
      abi: poolAbi,
      functionName: 'getUserAccountData',
      args: [account('trader')],
      blockNumber: BigInt(json.block),
    })
    expect(json.healthFactorWad).toBe(healthFactor.toString())
    expect(json.totalCollateralBase).toBe(collateral.toString())
    expect(json.totalDebtBase).toBe(debt.toString())
    expect(json.availableBorrowsBase).toBe(available.toString())
    // Every bigint is a decimal string; each asset carries its address, price and liquidation price (or null).
    expect(json.assets.map((a) => a.symbol)).toEqual(['WETH', 'WBTC', 'LINK', 'USDC', 'DAI'])
    for (const a of json.assets) {
      expect(a.priceBase).toMatch(/^\d+$/)
      expect(a.address).toBe(getAddress(a.address))
      expect(a.liquidationPriceBase === null || /^\d+$/.test(a.liquidationPriceBase)).toBe(true)
    }
    expect(Array.isArray(json.proposals)).toBe(true)
    for (const p of json.proposals) expect(p.predictedHealthFactorWad).toMatch(/^\d+$/)
  })

  test('a PoolAddressesProvider resolves the same market as --market devnet (UI data provider from the manifest)', async () => {
    const run = await report(
      '--rpc',
      devnet.anvil.rpcUrl,
      '--account',
      account('nearLiquidation'),
      '--market',
      devnet.manifest.aave.poolAddressesProvider,
      '--json',
    )
    expect(run.stderr).toBe('')
    const json = JSON.parse(run.stdout) as ReportJson
    const [, , , , , healthFactor] = await devnet.clients.publicClient.readContract({
      address: devnet.manifest.aave.pool,
      abi: poolAbi,
      functionName: 'getUserAccountData',
      args: [account('nearLiquidation')],
      blockNumber: BigInt(json.block),
    })
    expect(json.healthFactorWad).toBe(healthFactor.toString())
    // HF ≈ 1.05, below the 1.5 target, with stablecoins in the wallet: proposals with their calls.
    // Repairs raise today's HF; a rotation is a hedge that may cost a little of it (it raises the HF
    // after a crash) but never takes it under the 1.01 floor.
    expect(json.proposals.length).toBeGreaterThan(0)
    expect(json.proposals.map((p) => p.kind)).toContain('deleverage')
    for (const p of json.proposals) {
      expect(p.calls.length).toBeGreaterThan(0)
      if (p.kind === 'rotation')
        expect(BigInt(p.predictedHealthFactorWad)).toBeGreaterThanOrEqual(1_010_000_000_000_000_000n)
      else expect(BigInt(p.predictedHealthFactorWad)).toBeGreaterThan(healthFactor)
    }
  })

  test('without --json it prints the health factor, the totals and one line per asset', async () => {
    const run = await report('--account', account('trader'))
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/health factor\s+1\.\d\d/)
    expect(run.stdout).toMatch(/collateral\s+\$[\d,]+\.\d\d/)
    for (const symbol of ['WETH', 'WBTC', 'LINK', 'USDC', 'DAI']) expect(run.stdout).toContain(`  ${symbol} `)
  })

  const badInputs: [string, () => string[], RegExp][] = [
    ['a malformed address', () => ['--account', '0x1234'], /--account is not an address: 0x1234/],
    [
      'an unreachable RPC',
      () => ['--rpc', 'http://127.0.0.1:9', '--account', account('trader')],
      /cannot reach the node at http:\/\/127\.0\.0\.1:9/,
    ],
    [
      'an address that is not an Aave market (a token)',
      () => [
        '--rpc',
        devnet.anvil.rpcUrl,
        '--account',
        account('trader'),
        '--market',
        devnet.manifest.assets[0]?.address ?? '',
        '--ui-pool-data-provider',
        devnet.manifest.aave.uiPoolDataProvider,
      ],
      /not an Aave V3 market: .* is not an Aave V3 PoolAddressesProvider/,
    ],
    [
      'an address with no code as the market',
      () => [
        '--rpc',
        devnet.anvil.rpcUrl,
        '--account',
        account('trader'),
        '--market',
        account('spare'),
        '--ui-pool-data-provider',
        devnet.manifest.aave.uiPoolDataProvider,
      ],
      /not an Aave V3 market: .* has no contract code/,
    ],
    ['an account with no positions', () => ['--account', account('spare')], /has no positions on the market/],
    ['an unknown option', () => ['--account', account('trader'), '--colour'], /Unknown option '--colour'/],
  ]

  // Independent child processes: run side by side to keep the file's wall time down.
  test.concurrent.each(badInputs)(
    '%s: one line on stderr, a non-zero exit, no stack trace',
    async (_, args, message) => {
      const run = await report(...args())
      expect(run.code).not.toBe(0)
      expect(run.stdout).toBe('')
      expect(run.stderr).toMatch(message)
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
      expect(run.stderr).toMatch(/^marginguard: /)
      expect(run.stderr).not.toMatch(/\n\s+at /)
    },
  )

  test('a missing manifest says how to start the devnet', async () => {
    const run = await marginguard('report', '--manifest', join(dir, 'none.json'), '--account', account('trader'))
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^marginguard: no devnet manifest at .*npm run devnet/)
  })
})

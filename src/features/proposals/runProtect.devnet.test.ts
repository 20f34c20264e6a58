import { type Address, createWalletClient, erc20Abi, http, maxUint256 } from 'viem'
import { getTransactionCount, readContract } from 'viem/actions'
import { describe, expect, test } from 'vitest'
import { artifact } from '../../../devnet/artifacts.mjs'
import { devnetChain } from '../../../devnet/client.mjs'
import { devnetForEachTest } from '../../../devnet/devnetPerTest'
import { accountDataAt, readDevnetSnapshot } from '../../chain/tx/testing/devnetProposals'
import type { Proposal } from '../../engine/proposals/proposal'
import { proposeProtections } from '../../engine/proposals/proposeProtections'
import { DEFAULT_RISK_SETTINGS } from '../../engine/settings'
import { createProtectDeps } from './protectDeps'
import { IDLE, type ProtectEvent, type ProtectState, protectReducer } from './protectMachine'
import type { CallRecord } from './protectMessages'
import { runProtect } from './runProtect'

// runProtect on the devnet with the real chain side (protectDeps → chain/tx/executeProposal):
// the wallet is a viem wallet client on anvil's unlocked trader, as the demo wallet is.

const devnet = devnetForEachTest()
const settings = DEFAULT_RISK_SETTINGS

const client = () => devnet().clients.publicClient
const trader = () => devnet().manifest.accounts.trader.address as Address
const asset = (symbol: string) => devnet().manifest.assets.find((a) => a.symbol === symbol)?.address as Address

async function proposalsNow() {
  // After a revert the client's cached block number may be ahead of the chain: read it afresh.
  const blockNumber = await client().getBlockNumber({ cacheTime: 0 })
  const snapshot = await readDevnetSnapshot(client(), devnet().manifest, trader(), blockNumber)
  return proposeProtections(snapshot, settings, {
    swapRouter: devnet().manifest.uniswap.swapRouter,
    wrappedNativeAsset: asset('WETH'),
  })
}

/** Runs Protect and returns every state the machine went through, and what the pending store saw. */
async function protect(proposal: Proposal, overrides: Partial<ReturnType<typeof createProtectDeps>> = {}) {
  const chain = devnetChain(devnet().manifest.rpcUrl)
  const pendingLog: string[] = []
  const deps = {
    ...createProtectDeps({
      client: client(),
      wallet: async () => createWalletClient({ chain, transport: http(devnet().manifest.rpcUrl), account: trader() }),
      walletAccount: () => trader(),
      walletChainId: async () => client().getChainId(),
      chain,
      account: trader(),
      pool: devnet().manifest.aave.pool,
      targetHealthFactorWad: settings.targetHealthFactorWad,
      proposal,
      pending: {
        begin: (mode) => pendingLog.push(`begin ${mode}`) > 0,
        recordHash: (i) => void pendingLog.push(`hash ${i}`),
        recordBatch: () => void pendingLog.push('batch'),
        resolve: () => void pendingLog.push('resolve'),
      },
    }),
    ...overrides,
  }
  const calls: CallRecord[] = proposal.steps.map((s) => ({ label: s.type, type: s.type }))
  let state: ProtectState = IDLE
  const states: ProtectState[] = []
  await runProtect(proposal, calls, deps, (e: ProtectEvent) => {
    state = protectReducer(state, e)
    states.push(state)
  })
  return { state, states, pendingLog }
}

describe('Protect on the devnet', () => {
  test('a repay runs approve then repay one by one, and the confirmed HF is the chain’s at the last receipt, at the target', async () => {
    const p = (await proposalsNow()).find((x) => x.kind === 'repay' && x.reachesTarget) as Proposal
    const { state, states, pendingLog } = await protect(p)
    expect(states.map((s) => s.phase)).toEqual([
      'rechecking',
      'signing',
      'pending',
      'signing',
      'pending',
      'pending',
      'confirmed',
    ])
    if (state.phase !== 'confirmed') throw new Error(`ended ${state.phase}`)
    expect(state.calls.map((c) => c.status)).toEqual(['confirmed', 'confirmed'])
    const onChain = await accountDataAt(client(), devnet().manifest.aave.pool, trader(), state.blockNumber)
    expect(state.healthFactorWad).toBe(onChain.healthFactor)
    expect(onChain.healthFactor).toBeGreaterThanOrEqual(settings.targetHealthFactorWad)
    expect(pendingLog).toEqual(['begin sequence', 'hash 0', 'hash 1', 'resolve'])
  })

  test('a position changed since the proposal: the re-check stops it and nothing is sent', async () => {
    const p = (await proposalsNow()).find((x) => x.kind === 'repay' && x.reachesTarget) as Proposal
    // The wallet's tokens leave but for half the repay before Protect is pressed: it can no longer be paid.
    const repaid = p.amounts[0] as Proposal['amounts'][number]
    const balance = await readContract(client(), {
      address: repaid.asset,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [trader()],
    })
    await devnet().clients.write(trader(), {
      address: repaid.asset,
      abi: artifact('MintableERC20').abi,
      functionName: 'transfer',
      args: [devnet().manifest.accounts.deployer.address, balance - repaid.amount / 2n],
    })
    const nonce = await getTransactionCount(client(), { address: trader() })
    const { state, pendingLog } = await protect(p)
    expect(state.phase).toBe('stale')
    if (state.phase === 'stale') expect(state.message).toMatch(/Your position changed since this proposal/)
    expect(await getTransactionCount(client(), { address: trader() })).toBe(nonce)
    expect(pendingLog).toEqual([])
  })

  test('a call the node refuses is not sent, and Aave’s code comes back in words', async () => {
    const weth = asset('WETH').toLowerCase()
    const p = (await proposalsNow()).find(
      (x) => x.kind === 'deleverage' && x.steps.some((s) => s.type === 'withdraw' && s.asset.toLowerCase() === weth),
    ) as Proposal
    // Withdraw all the WETH collateral (most of the account's) in one go: Aave refuses with '35' (HF below 1). The re-check
    // is bypassed to reach the wallet, as if the account had changed between re-check and signing.
    const withdraw = p.steps.findIndex((s) => s.type === 'withdraw')
    const tooMuch: Proposal = {
      ...p,
      steps: [{ ...(p.steps[withdraw] as Proposal['steps'][number]), amount: maxUint256 } as never],
    }
    const recheck = async () => ({ ok: true, blockNumber: 0n, requiredHealthFactorWad: 0n, simulation: {} as never })
    const before = await accountDataAt(client(), devnet().manifest.aave.pool, trader(), await client().getBlockNumber())
    const { state } = await protect(tooMuch, { recheck })
    if (state.phase !== 'failed') throw new Error(`ended ${state.phase}`)
    expect(state.failure.kind).toBe('reverted')
    expect(state.failure.message).toMatch(/would revert, so it was not sent/)
    expect(state.failure.message).toContain('Aave error 35: HEALTH_FACTOR_LOWER_THAN_LIQUIDATION_THRESHOLD')
    const after = await accountDataAt(client(), devnet().manifest.aave.pool, trader(), await client().getBlockNumber())
    expect(after.healthFactor).toBe(before.healthFactor)
  })
})

import { type Hash, UserRejectedRequestError } from 'viem'
import { describe, expect, test } from 'vitest'
import type { Proposal } from '../../engine/proposals/proposal'
import type { PendingProtect } from '../../state/pendingTxStore'
import { IDLE, type ProtectState, protectReducer } from './protectMachine'
import type { CallRecord } from './protectMessages'
import { type ProtectDeps, resumeProtect, runProtect } from './runProtect'

// The flow on fake wallets and nodes (unit test): what is sent, what is persisted, what is said.

const ACCOUNT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const hash = (i: number) => `0x${i.toString(16).padStart(64, '0')}` as Hash
const proposal = { id: 'repay:usdc', account: ACCOUNT, chainId: 31337, summary: 'Repay' } as unknown as Proposal
const REPAY: CallRecord[] = [
  { label: 'Approve 5,000 USDC for the Aave pool', type: 'approve' },
  { label: 'Repay 5,000 USDC of debt', type: 'repay' },
]
const rejection = () => new UserRejectedRequestError(new Error('User rejected the request.'))

function fakes(over: Partial<ProtectDeps> = {}) {
  const log: string[] = []
  let chainId = 31337
  const deps: ProtectDeps = {
    chainName: 'MarginGuard devnet',
    walletAccount: () => ACCOUNT,
    walletChainId: async () => chainId,
    recheck: async () => ({
      ok: true,
      blockNumber: 10n,
      requiredHealthFactorWad: 15n,
      simulation: { ok: true, healthFactorWad: 16n } as never,
    }),
    supportsBatch: async () => false,
    sendCall: async (i) => {
      log.push(`send ${i}`)
      return hash(i + 1)
    },
    waitCall: async (h) => ({
      status: 'success',
      blockNumber: 100n + BigInt(Number.parseInt(h, 16)),
      transactionHash: h,
    }),
    explainLandedRevert: async () => undefined,
    sendBatch: async () => {
      log.push('batch')
      return 'batch-1'
    },
    waitBatch: async () => ({
      status: 'success',
      statusCode: 200,
      receipts: [{ status: 'success', blockNumber: 200n, transactionHash: hash(9) }],
    }),
    healthFactorAt: async (b) => 1_500_000_000_000_000_000n + b,
    pending: {
      begin: (mode) => log.push(`begin ${mode}`) > 0,
      recordHash: (i) => void log.push(`hash ${i}`),
      recordBatch: (id) => void log.push(`record ${id}`),
      resolve: () => void log.push('resolve'),
    },
    ...over,
  }
  return { deps, log, switchTo: (id: number) => (chainId = id) }
}

async function go(deps: ProtectDeps, calls = REPAY) {
  let state: ProtectState = IDLE
  await runProtect(proposal, calls, deps, (e) => {
    state = protectReducer(state, e)
  })
  return state as ProtectState
}

const failureOf = (s: ProtectState) => {
  if (s.phase !== 'failed') throw new Error(`ended ${s.phase}`)
  return s.failure
}

describe('runProtect', () => {
  test('calls go one by one, each recorded, and the HF is read where the last one landed', async () => {
    const { deps, log } = fakes()
    const s = await go(deps)
    expect(log).toEqual(['begin sequence', 'send 0', 'hash 0', 'send 1', 'hash 1', 'resolve'])
    expect(s).toMatchObject({ phase: 'confirmed', blockNumber: 102n, healthFactorWad: 1_500_000_000_000_000_102n })
  })

  test('a wallet that takes atomic batches gets one wallet_sendCalls', async () => {
    const { deps, log } = fakes({ supportsBatch: async () => true })
    const s = await go(deps)
    expect(log).toEqual(['begin batch', 'batch', 'record batch-1', 'resolve'])
    expect(s).toMatchObject({ phase: 'confirmed', mode: 'batch', blockNumber: 200n })
  })

  test('the wallet on another chain: nothing is sent or persisted, and the user is asked to switch', async () => {
    const { deps, log, switchTo } = fakes()
    switchTo(1)
    const f = failureOf(await go(deps))
    expect(f.kind).toBe('wrongChain')
    expect(f.message).toBe(
      'Your wallet is on chain 1; this proposal is for MarginGuard devnet (chain 31337). Nothing was sent. Switch your wallet to MarginGuard devnet and press Protect again.',
    )
    expect(log).toEqual([])
  })

  test('another account connected: nothing is sent', async () => {
    const { deps, log } = fakes({ walletAccount: () => '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' })
    expect(failureOf(await go(deps)).kind).toBe('wrongAccount')
    expect(log).toEqual([])
  })

  test('a changed position stops at the re-check with the updated figures, nothing sent', async () => {
    const { deps, log } = fakes({
      recheck: async () => ({
        ok: false,
        blockNumber: 11n,
        requiredHealthFactorWad: 1_500_000_000_000_000_000n,
        simulation: { ok: true, healthFactorWad: 1_420_000_000_000_000_000n } as never,
      }),
    })
    const s = await go(deps)
    expect(s).toMatchObject({ phase: 'stale' })
    if (s.phase === 'stale')
      expect(s.message).toBe(
        'Your position changed since this proposal: it would now reach only 1.42 (it needs 1.50). Nothing was sent. Here is the updated one.',
      )
    expect(log).toEqual([])
  })

  test('the first signature rejected: "nothing was sent"', async () => {
    const { deps, log } = fakes({
      sendCall: async () => {
        throw rejection()
      },
    })
    const f = failureOf(await go(deps))
    expect(f.kind).toBe('rejected')
    expect(f.message).toMatch(/^You rejected the signature; nothing was sent\./)
    expect(log).toEqual(['begin sequence', 'resolve'])
  })

  test('rejected after the approval went through: says so, that it is harmless, and what was not sent', async () => {
    const { deps } = fakes({
      sendCall: async (i) => {
        if (i === 1) throw rejection()
        return hash(1)
      },
    })
    const f = failureOf(await go(deps))
    expect(f.message).toBe(
      'You rejected call 2 of 2 (Repay 5,000 USDC of debt); it and the calls after it were not sent. Already on chain: 1. Approve 5,000 USDC for the Aave pool. An approval alone changes nothing in your position: it only lets the contract take up to that amount, and the next Protect sets it again.',
    )
  })

  test('rejected after a withdraw went through: the position changed, with the HF as it now stands', async () => {
    const calls: CallRecord[] = [
      { label: 'Withdraw 1 WETH from Aave', type: 'withdraw' },
      { label: 'Approve 1 WETH for the Uniswap router', type: 'approve' },
      { label: 'Swap 1 WETH for at least 2,900 USDC', type: 'swapExactInputSingle' },
    ]
    const { deps } = fakes({
      sendCall: async (i) => {
        if (i === 1) throw rejection()
        return hash(1)
      },
      healthFactorAt: async () => 1_120_000_000_000_000_000n,
    })
    const f = failureOf(await go(deps, calls))
    expect(f.message).toContain('Already on chain: 1. Withdraw 1 WETH from Aave.')
    expect(f.message).toContain('Your position changed: health factor now 1.12.')
    expect(f.message).toContain('Not sent: 3. Swap 1 WETH for at least 2,900 USDC.')
  })

  test('a chain switch mid-way stops the sequence before the next call', async () => {
    const f = fakes()
    const { deps, log } = f
    deps.waitCall = async (h) => {
      f.switchTo(10)
      return { status: 'success', blockNumber: 101n, transactionHash: h }
    }
    const failure = failureOf(await go(deps))
    expect(failure.kind).toBe('chainSwitched')
    expect(failure.message).toMatch(/^Your wallet switched to chain 10 while the calls were being sent/)
    expect(failure.message).toContain('Already on chain: 1. Approve 5,000 USDC for the Aave pool.')
    expect(log).toEqual(['begin sequence', 'send 0', 'hash 0', 'resolve'])
  })

  test('a call that reverted on chain is explained and the rest is not sent', async () => {
    const { deps, log } = fakes({
      waitCall: async (h) => ({ status: 'reverted', blockNumber: 101n, transactionHash: h }),
      explainLandedRevert: async () => ({ reason: '26', code: '26', message: 'Aave refused an amount of 0.' }),
    })
    const s = await go(deps)
    expect(failureOf(s).message).toBe(
      'Call 1 of 2 (Approve 5,000 USDC for the Aave pool) reverted on chain (it cost gas but changed nothing): Aave refused an amount of 0.',
    )
    expect(s).toMatchObject({ calls: [{ status: 'reverted' }, { status: 'notSent' }] })
    expect(log).toEqual(['begin sequence', 'send 0', 'hash 0', 'resolve'])
  })

  test('a second protect while one is pending for the account is refused', async () => {
    const { deps, log } = fakes()
    deps.pending.begin = () => false
    const f = failureOf(await go(deps))
    expect(f.message).toMatch(/already pending/)
    expect(log).toEqual([])
  })
})

describe('resumeProtect after a reload', () => {
  const entry = (hashes: (Hash | null)[]): PendingProtect => ({
    chainId: 31337,
    account: ACCOUNT,
    pool: ACCOUNT,
    proposalId: 'repay:usdc',
    summary: 'Repay',
    mode: 'sequence',
    calls: REPAY.map((c, i) => ({ ...c, hash: hashes[i] ?? null })),
    startedAt: 0,
  })
  const resume = async (e: PendingProtect, deps: ProtectDeps) => {
    let state: ProtectState = IDLE
    await resumeProtect(e, deps, (ev) => {
      state = protectReducer(state, ev)
    })
    return state as ProtectState
  }

  test('every call was sent: waits for the receipts and confirms, never sending anything', async () => {
    const { deps, log } = fakes()
    const s = await resume(entry([hash(1), hash(2)]), deps)
    expect(s).toMatchObject({ phase: 'confirmed', blockNumber: 102n })
    expect(log).toEqual(['resolve'])
  })

  test('a sequence cut short: the approval is confirmed, the repay never sent, and the user is told', async () => {
    const { deps, log } = fakes()
    const s = await resume(entry([hash(1), null]), deps)
    const f = failureOf(s)
    expect(f.kind).toBe('interrupted')
    expect(f.message).toContain('after 1 of 2 calls')
    expect(f.message).toContain('An approval alone changes nothing')
    expect(f.message).toContain('If your wallet still asks you to sign “Repay 5,000 USDC of debt”, reject it')
    expect(log).toEqual(['resolve'])
  })
})

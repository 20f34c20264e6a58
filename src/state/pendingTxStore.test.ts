import { describe, expect, test } from 'vitest'
import {
  createPendingTxStore,
  migratePendingTx,
  PENDING_TX_STORAGE_KEY,
  PENDING_TX_VERSION,
  type PendingProtect,
  pendingKey,
} from './pendingTxStore'

/** localStorage's interface over a Map, shared by the stores of one test as a page's reloads share it. */
function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial))
  return {
    items,
    storage: {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
    },
  }
}

const TRADER = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const POOL = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
const HASH = `0x${'ab'.repeat(32)}` as const

const entry = (over: Partial<PendingProtect> = {}): PendingProtect => ({
  chainId: 31337,
  account: TRADER,
  pool: POOL,
  proposalId: 'repay:0xusdc',
  summary: 'Repay 5,000 USDC',
  mode: 'sequence',
  calls: [
    { label: 'Approve 5,000 USDC for the Aave pool', type: 'approve', hash: null },
    { label: 'Repay 5,000 USDC', type: 'repay', hash: null },
  ],
  startedAt: 1_000,
  ...over,
})

describe('pending transactions store', () => {
  test('a pending protect with its sent hashes survives a reload, versioned', () => {
    const { items, storage } = memoryStorage()
    const page = createPendingTxStore({ storage })
    expect(page.getState().actions.begin(entry())).toBe(true)
    page.getState().actions.recordHash(31337, TRADER, 0, HASH)

    const stored = JSON.parse(items.get(PENDING_TX_STORAGE_KEY) ?? '{}')
    expect(stored.version).toBe(PENDING_TX_VERSION)
    const reloaded = createPendingTxStore({ storage })
    const resumed = reloaded.getState().entries[pendingKey(31337, TRADER)]
    expect(resumed?.calls.map((c) => c.hash)).toEqual([HASH, null])
    expect(resumed?.proposalId).toBe('repay:0xusdc')
  })

  test('a second protect for the same account is refused until the first is resolved', () => {
    const page = createPendingTxStore({ storage: memoryStorage().storage })
    const { actions } = page.getState()
    expect(actions.begin(entry())).toBe(true)
    // Same account spelled in lower case: the same key.
    expect(actions.begin(entry({ account: TRADER.toLowerCase() as `0x${string}`, proposalId: 'other' }))).toBe(false)
    expect(page.getState().entries[pendingKey(31337, TRADER)]?.proposalId).toBe('repay:0xusdc')
    // Another chain is another key.
    expect(actions.begin(entry({ chainId: 1 }))).toBe(true)
    actions.resolve(31337, TRADER)
    expect(page.getState().entries[pendingKey(31337, TRADER)]).toBeUndefined()
    expect(actions.begin(entry({ proposalId: 'other' }))).toBe(true)
  })

  test('a batch id is recorded on the entry', () => {
    const page = createPendingTxStore({ storage: memoryStorage().storage })
    page.getState().actions.begin(entry({ mode: 'batch' }))
    page.getState().actions.recordBatch(31337, TRADER, '0xbatch')
    expect(page.getState().entries[pendingKey(31337, TRADER)]?.batchId).toBe('0xbatch')
  })

  test('garbage in storage is dropped entry by entry, never breaking the page', () => {
    const good = entry()
    const { storage } = memoryStorage({
      [PENDING_TX_STORAGE_KEY]: JSON.stringify({
        version: PENDING_TX_VERSION,
        state: {
          entries: {
            a: good,
            b: { ...good, chainId: 'x' },
            c: { ...good, account: 'not an address', chainId: 2 },
            d: { ...good, chainId: 3, calls: [{ label: 'x', type: 'approve', hash: '0x12' }] },
            e: { ...good, chainId: 4, mode: 'later' },
            f: 42,
          },
        },
      }),
    })
    const page = createPendingTxStore({ storage })
    expect(Object.keys(page.getState().entries)).toEqual([pendingKey(31337, TRADER)])
    expect(
      createPendingTxStore({ storage: memoryStorage({ [PENDING_TX_STORAGE_KEY]: '{not json' }).storage }).getState()
        .entries,
    ).toEqual({})
  })

  test('migration from an unversioned store keeps well-formed entries, re-keyed by chain and account', () => {
    const migrated = migratePendingTx({ entries: { whatever: { ...entry(), account: TRADER.toLowerCase() } } }, 0)
    expect(Object.keys(migrated.entries)).toEqual([pendingKey(31337, TRADER)])
    expect(migrated.entries[pendingKey(31337, TRADER)]?.account).toBe(TRADER)
    expect(migratePendingTx(null, 0)).toEqual({ entries: {} })
  })
})

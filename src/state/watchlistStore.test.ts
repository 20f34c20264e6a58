import { describe, expect, test } from 'vitest'
import { memoryStorage } from './memoryStorage'
import {
  createWatchlistStore,
  migrateWatchlist,
  WATCHLIST_MAX_ENTRIES,
  WATCHLIST_STORAGE_KEY,
  WATCHLIST_VERSION,
  type WatchTarget,
} from './watchlistStore'

const ALICE: WatchTarget = { address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', chainId: 31337, marketId: 'devnet' }
const BOB: WatchTarget = { address: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC', chainId: 31337, marketId: 'devnet' }

describe('watchlist store', () => {
  test('added accounts are persisted with the store version and come back after a reload', async () => {
    const { items, storage } = memoryStorage()
    const page = createWatchlistStore({ storage, now: () => 1_000 })
    page.getState().actions.add(ALICE)
    page.getState().actions.add({ ...BOB, ensName: 'bob.eth' })

    const stored = JSON.parse(items.get(WATCHLIST_STORAGE_KEY) ?? '{}')
    expect(stored.version).toBe(WATCHLIST_VERSION)
    expect(stored.state).toEqual({
      entries: [
        { ...ALICE, addedAt: 1_000 },
        { ...BOB, ensName: 'bob.eth', addedAt: 1_000 },
      ],
    })

    const reloaded = createWatchlistStore({ storage })
    await reloaded.persist.rehydrate()
    expect(reloaded.getState().entries.map((e) => [e.address, e.ensName])).toEqual([
      [ALICE.address, undefined],
      [BOB.address, 'bob.eth'],
    ])
  })

  test('the watched account is not persisted: the URL carries it', async () => {
    const { items, storage } = memoryStorage()
    const page = createWatchlistStore({ storage })
    page.getState().actions.watch(ALICE)
    page.getState().actions.add(BOB)
    expect(page.getState().watching).toEqual(ALICE)
    expect(JSON.parse(items.get(WATCHLIST_STORAGE_KEY) ?? '{}').state).not.toHaveProperty('watching')

    const reloaded = createWatchlistStore({ storage })
    await reloaded.persist.rehydrate()
    expect(reloaded.getState().watching).toBeNull()
  })

  test('an account is listed once whatever the case of its address; adding it again updates its ENS name', () => {
    const { storage } = memoryStorage()
    const store = createWatchlistStore({ storage, now: () => 5 })
    store.getState().actions.add(ALICE)
    store.getState().actions.add({ ...ALICE, address: ALICE.address.toLowerCase() as WatchTarget['address'] })
    store.getState().actions.add({ ...ALICE, ensName: 'alice.eth' })
    expect(store.getState().entries).toEqual([{ ...ALICE, ensName: 'alice.eth', addedAt: 5 }])
  })

  test('the same address on another market is another entry, and remove takes only the one named', () => {
    const { storage } = memoryStorage()
    const store = createWatchlistStore({ storage })
    store.getState().actions.add(ALICE)
    store.getState().actions.add({ ...ALICE, chainId: 1, marketId: 'aave-v3-ethereum' })
    expect(store.getState().entries).toHaveLength(2)
    store.getState().actions.remove(ALICE)
    expect(store.getState().entries.map((e) => e.marketId)).toEqual(['aave-v3-ethereum'])
  })

  test(`the list stops at ${WATCHLIST_MAX_ENTRIES} accounts`, () => {
    const { storage } = memoryStorage()
    const store = createWatchlistStore({ storage })
    for (let i = 1; i <= WATCHLIST_MAX_ENTRIES + 5; i++)
      store.getState().actions.add({ ...ALICE, address: `0x${i.toString(16).padStart(40, '0')}` })
    expect(store.getState().entries).toHaveLength(WATCHLIST_MAX_ENTRIES)
  })

  test('an unversioned (version 0) list is migrated: good entries kept and checksummed, bad ones dropped', async () => {
    const { items, storage } = memoryStorage({
      [WATCHLIST_STORAGE_KEY]: JSON.stringify({
        version: 0,
        state: {
          entries: [
            { address: ALICE.address.toLowerCase(), chainId: 31337, marketId: 'devnet', addedAt: 7 },
            { address: '0x1234', chainId: 31337, marketId: 'devnet' },
            { address: BOB.address, chainId: '31337', marketId: 'devnet' },
            { address: BOB.address, chainId: 31337 },
            'not an entry',
            null,
            { address: ALICE.address, chainId: 31337, marketId: 'devnet', addedAt: 9 },
          ],
        },
      }),
    })
    const store = createWatchlistStore({ storage })
    await store.persist.rehydrate()
    expect(store.getState().entries).toEqual([{ ...ALICE, addedAt: 7 }])
    // The migrated list is written back under the current version.
    store.getState().actions.add(BOB)
    expect(JSON.parse(items.get(WATCHLIST_STORAGE_KEY) ?? '{}').version).toBe(WATCHLIST_VERSION)
  })

  test('a list written by a later version keeps the entries this version understands', () => {
    const migrated = migrateWatchlist(
      { entries: [{ ...BOB, addedAt: 3, colour: 'red', alerts: { below: 1.2 } }], layout: 'grid' },
      WATCHLIST_VERSION + 1,
    )
    expect(migrated).toEqual({ entries: [{ ...BOB, addedAt: 3 }] })
  })

  test('garbage in storage leaves an empty list, not a broken page', async () => {
    for (const raw of ['{"version":1,"state":{"entries":"nope"}}', '{"version":1,"state":null}', '{"version":1}']) {
      const { storage } = memoryStorage({ [WATCHLIST_STORAGE_KEY]: raw })
      const store = createWatchlistStore({ storage })
      await store.persist.rehydrate()
      expect(store.getState().entries).toEqual([])
      expect(typeof store.getState().actions.add).toBe('function')
    }
  })

  test('stored JSON that does not parse leaves an empty list', async () => {
    const { storage } = memoryStorage({ [WATCHLIST_STORAGE_KEY]: '{not json' })
    const store = createWatchlistStore({ storage })
    await store.persist.rehydrate().catch(() => undefined)
    expect(store.getState().entries).toEqual([])
  })
})

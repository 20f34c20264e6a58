import { createClient, custom, numberToHex } from 'viem'
import { describe, expect, test } from 'vitest'
import { fromReport } from './snapshotModel'
import { PROFILE, sixReserveReport } from './snapshotTesting'
import { verifySnapshotAgainstChain } from './verifyAgainstChain'

// How verification reads a node that has pruned the snapshot's block (a full node keeps ~128 blocks
// of state): the devnet never prunes, so these nodes are stand-ins answering as geth and a hosted RPC do.

const snapshot = fromReport(sixReserveReport(), PROFILE, { privacy: 'full', marketName: 'Aave V3' })
const market = { pool: snapshot.market.pool }

/** A node on the snapshot's chain, 1,000 blocks ahead, whose eth_call at that block fails with `message`. */
function nodeFailingCalls(code: number, message: string) {
  return createClient({
    transport: custom(
      {
        request: async ({ method }: { method: string }) => {
          if (method === 'eth_chainId') return numberToHex(snapshot.chainId)
          if (method === 'eth_blockNumber') return numberToHex(snapshot.block.number + 1_000n)
          if (method === 'eth_getBlockByNumber')
            return { number: numberToHex(snapshot.block.number), timestamp: numberToHex(snapshot.block.timestamp) }
          throw Object.assign(new Error(message), { code })
        },
      },
      { retryCount: 0 },
    ),
  })
}

describe('verifySnapshotAgainstChain on a node without the block', () => {
  test.each([
    [-32000, 'missing trie node 5e3a1c… (path ) state 0x5e3a… is not available'],
    [-32000, 'header not found'],
    [-32603, 'required historical state unavailable (reexec=128)'],
  ])('%s "%s" is unavailable and says the node keeps recent blocks only', async (code, message) => {
    const result = await verifySnapshotAgainstChain(nodeFailingCalls(code, message), snapshot, market)
    expect(result.status).toBe('unavailable')
    expect(result.status === 'unavailable' && result.reason).toMatch(/cannot serve the state at block \d+/)
  })

  test('another failure is unavailable too, with the node’s own words', async () => {
    const result = await verifySnapshotAgainstChain(nodeFailingCalls(-32005, 'rate limited'), snapshot, market)
    expect(result.status).toBe('unavailable')
    expect(result.status === 'unavailable' && result.reason).toMatch(/could not read the account .*rate limited/)
  })
})

import type { Client } from 'viem'
import { getBlock } from 'viem/actions'
import type { BlockHeader } from './blockStream'

/** The latest block's header. */
export async function readHead(client: Client): Promise<BlockHeader> {
  const block = await getBlock(client, { blockTag: 'latest' })
  return { number: block.number, hash: block.hash, timestamp: block.timestamp }
}

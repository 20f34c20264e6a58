import type { Client } from 'viem'
import { getChainId } from 'viem/actions'

const known = new WeakMap<Client, Promise<number>>()

/**
 * The chain id the client's node answers (eth_chainId), asked once per client: a node does not
 * change chains, and a check before every simulation was one more request each block. A failed
 * answer is forgotten, so the next call asks again.
 */
export function nodeChainId(client: Client): Promise<number> {
  let answer = known.get(client)
  if (!answer) {
    answer = getChainId(client)
    known.set(client, answer)
    answer.catch(() => known.delete(client))
  }
  return answer
}

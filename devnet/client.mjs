// viem clients for scripts that drive the devnet. Transactions go out as
// eth_sendTransaction from anvil's unlocked accounts; anvil mines each at once.
import { createPublicClient, defineChain, encodeDeployData, encodeFunctionData, http, numberToHex } from 'viem'
import { DEVNET_CHAIN_ID } from './anvil.mjs'

export function devnetChain(rpcUrl) {
  return defineChain({
    id: DEVNET_CHAIN_ID,
    name: 'MarginGuard devnet',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  })
}

export function createDevnetClients(rpcUrl) {
  const chain = devnetChain(rpcUrl)
  const transport = http(rpcUrl)
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 25 })

  /**
   * eth_sendTransaction straight to anvil, which fills nonce and fees for its unlocked
   * accounts: two round trips a transaction (send, receipt) instead of viem's six. A
   * fixed gas limit also sidesteps estimates that fall short for Uniswap mints (63/64 rule).
   */
  const send = (from, tx) =>
    publicClient.request({ method: 'eth_sendTransaction', params: [{ from, gas: numberToHex(30_000_000), ...tx }] })

  /**
   * Sends a contract call from `from` and returns its receipt, throwing on revert.
   * @param {`0x${string}`} from
   * @param {{ address: `0x${string}`, abi: readonly unknown[], functionName: string, args?: readonly unknown[], value?: bigint }} call
   */
  async function write(from, { address, abi, functionName, args = [], value }) {
    const data = encodeFunctionData({ abi, functionName, args })
    const hash = await send(from, { to: address, data, ...(value ? { value: numberToHex(value) } : {}) })
    try {
      return await receipt(hash, `${functionName} on ${address}`)
    } catch (error) {
      // Replay the call on the parent block to surface the revert reason.
      const r = await publicClient.getTransactionReceipt({ hash })
      await publicClient.simulateContract({
        account: from,
        address,
        abi,
        functionName,
        args,
        value,
        blockNumber: r.blockNumber - 1n,
      })
      throw error
    }
  }

  /** Deploys creation bytecode from `from`; returns the new contract's address. */
  async function deploy(from, { abi, bytecode, args = [] }, label = 'contract') {
    const hash = await send(from, { data: encodeDeployData({ abi, bytecode, args }) })
    const r = await receipt(hash, `deploy ${label}`)
    return r.contractAddress
  }

  async function receipt(hash, what) {
    // Polled directly: anvil automines, so the receipt is there at once. (viem's
    // waitForTransactionReceipt with a tiny polling interval sometimes misses it.)
    let r = null
    for (let i = 0; !r; i++) {
      r = await publicClient.getTransactionReceipt({ hash }).catch(() => null)
      if (!r && i > 6000) throw new Error(`${what}: no receipt for ${hash} after 30 s (is the node mining?)`)
      if (!r) await new Promise((resolve) => setTimeout(resolve, 5))
    }
    if (r.status !== 'success') throw new Error(`${what} reverted (tx ${hash})`)
    return r
  }

  return { chain, publicClient, write, deploy }
}

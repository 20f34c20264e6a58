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

/** Gas limit of each call mined by writeInOneBlock (a feed round ~60k, a Uniswap swap ≤ ~500k). */
const ONE_BLOCK_CALL_GAS = 2_000_000

export function createDevnetClients(rpcUrl) {
  const chain = devnetChain(rpcUrl)
  const transport = http(rpcUrl)
  // cacheTime 0: scripts and tests read the block a transaction just landed in; viem would otherwise
  // answer getBlockNumber from a cache as old as the polling interval (the block before).
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 25, cacheTime: 0 })

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

  /**
   * Sends the calls and mines them together in one block (automine paused while they are sent),
   * returning their receipts; throws if any reverted. Why: anvil answers a read at the head block
   * from its live state, so a read of block N that overlaps the mining of N + 1 sees N + 1's
   * state (measured: getUserAccountData at N gave N + 1's health factor). A market tick sent as a
   * burst of single-transaction blocks put such a mining right behind every block a page read; one
   * block a tick leaves the whole tick interval between minings.
   * @param {{ from: `0x${string}`, address: `0x${string}`, abi: readonly unknown[], functionName: string, args?: readonly unknown[] }[]} calls
   */
  async function writeInOneBlock(calls) {
    if (calls.length === 0) return []
    const rpc = (method, params = []) => publicClient.request({ method, params })
    const sent = []
    await rpc('evm_setAutomine', [false])
    try {
      for (const { from, address, abi, functionName, args = [] } of calls) {
        const data = encodeFunctionData({ abi, functionName, args })
        // A block holds 30M gas: each call's limit must leave room for the others.
        const hash = await send(from, { to: address, data, gas: numberToHex(ONE_BLOCK_CALL_GAS) })
        sent.push({ hash, what: `${functionName} on ${address}` })
      }
      await rpc('evm_mine')
    } finally {
      await rpc('evm_setAutomine', [true])
    }
    return Promise.all(sent.map(({ hash, what }) => receipt(hash, what)))
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

  return { chain, publicClient, write, writeInOneBlock, deploy }
}

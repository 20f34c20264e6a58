/**
 * What kind of failure a wallet or node error is, whatever wrapped it: viem wraps the provider's
 * error (TransactionExecutionError → UserRejectedRequestError → the provider's own), wagmi wraps
 * it again, and some wallets nest the code. The cause chain is walked, never a message parsed
 * where a code exists.
 */

/** Every error in a cause chain, outermost first. */
export function errorChain(error: unknown): unknown[] {
  const out: unknown[] = []
  let e: unknown = error
  while (e && typeof e === 'object' && out.length < 20 && !out.includes(e)) {
    out.push(e)
    e = (e as { cause?: unknown }).cause
  }
  return out
}

const field = (e: unknown, key: string) => (e as Record<string, unknown>)[key]

/** EIP-1193 4001: the user rejected the request in the wallet. */
export function isUserRejection(error: unknown): boolean {
  return errorChain(error).some((e) => field(e, 'code') === 4001 || field(e, 'name') === 'UserRejectedRequestError')
}

/** viem refused to send because the wallet is on another chain than the one asked for. */
export function isChainMismatch(error: unknown): boolean {
  return errorChain(error).some((e) => field(e, 'name') === 'ChainMismatchError')
}

/** The wallet does not implement the method (EIP-1193 4200, JSON-RPC -32601). */
export function isUnsupportedMethod(error: unknown): boolean {
  return errorChain(error).some((e) => {
    const code = field(e, 'code')
    return code === 4200 || code === -32601 || field(e, 'name') === 'MethodNotFoundRpcError'
  })
}

/** The shortest human message of an error (viem's shortMessage where there is one), one line. */
export function shortErrorMessage(error: unknown): string {
  const e = error as { shortMessage?: unknown; message?: unknown } | undefined
  const text =
    typeof e?.shortMessage === 'string' ? e.shortMessage : typeof e?.message === 'string' ? e.message : String(error)
  return text.split('\n')[0] ?? text
}

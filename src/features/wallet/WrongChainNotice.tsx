import type { BaseError } from 'viem'
import { useConnection, useSwitchChain } from 'wagmi'
import { useMarketContext } from '../../state/marketContext'
import { Notice } from '../../ui/Notice'

/**
 * Shown when the connected wallet is on another chain than the market shown. Figures are still
 * read from the market's chain; anything the wallet would sign must wait until it switches.
 */
export function WrongChainNotice() {
  const { chain } = useMarketContext()
  const connection = useConnection()
  const switchChain = useSwitchChain()

  if (connection.status !== 'connected' || connection.chainId === chain.id) return null
  return (
    <Notice tone="warning" title="Wrong network">
      <p>
        Your wallet is on chain {connection.chainId}; MarginGuard works on {chain.name} (chain {chain.id}). The figures
        below are read from {chain.name}; switch before sending any transaction.
      </p>
      <button type="button" disabled={switchChain.isPending} onClick={() => switchChain.mutate({ chainId: chain.id })}>
        Switch to {chain.name}
      </button>
      {switchChain.error && (
        <p className="error">{(switchChain.error as BaseError).shortMessage ?? switchChain.error.message}</p>
      )}
    </Notice>
  )
}

import type { BaseError } from 'viem'
import { useConnection, useSwitchChain } from 'wagmi'
import { useDevnet } from '../../state/devnetContext'
import { Notice } from '../../ui/Notice'

/**
 * Shown when the connected wallet is on another chain than the one MarginGuard reads. Figures are
 * still read from the devnet; anything the wallet would sign must wait until it switches.
 */
export function WrongChainNotice() {
  const { chain } = useDevnet()
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
        Switch to devnet
      </button>
      {switchChain.error && (
        <p className="error">{(switchChain.error as BaseError).shortMessage ?? switchChain.error.message}</p>
      )}
    </Notice>
  )
}

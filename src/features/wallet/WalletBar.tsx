import { useEffect } from 'react'
import type { BaseError } from 'viem'
import { useConnect, useConnection, useDisconnect } from 'wagmi'
import { useMarketContext } from '../../state/marketContext'
import { useWalletOptions } from './useWalletOptions'
import { walletLabel } from './walletOptions'

/** The devnet's demo wallet (demoWalletConnector.ts): it holds a devnet account and signs through the devnet node. */
const DEMO_WALLET_ID = 'demoWallet'

/**
 * Connect buttons while disconnected (each wallet found in the page by name, the browser's
 * window.ethereum, WalletConnect when configured, the devnet's demo wallet while the devnet is
 * shown); the connected account and a Disconnect button once connected. Account and chain changes
 * in the wallet arrive through wagmi's connector events and re-render everything that reads the
 * connection: no reload.
 */
export function WalletBar() {
  const { isDevnet } = useMarketContext()
  const connection = useConnection()
  const options = useWalletOptions()
  const offered = isDevnet ? options : options.filter((c) => c.id !== DEMO_WALLET_ID)
  const connect = useConnect()
  const disconnect = useDisconnect()

  // The demo wallet belongs to the devnet: leaving the devnet for a live market disconnects it.
  const demoConnector = connection.status === 'connected' && connection.connector.id === DEMO_WALLET_ID
  const { mutate: disconnectWallet } = disconnect
  useEffect(() => {
    if (!isDevnet && demoConnector) disconnectWallet()
  }, [isDevnet, demoConnector, disconnectWallet])

  if (connection.status === 'connected')
    return (
      <section className="wallet-bar" aria-label="Wallet">
        <span className="muted">Account</span>
        <code data-testid="account">{connection.address}</code>
        <span className="muted">via {walletLabel(connection.connector)}</span>
        <button type="button" onClick={() => disconnect.mutate({ connector: connection.connector })}>
          Disconnect
        </button>
      </section>
    )

  const busy = connect.isPending || connection.status === 'connecting' || connection.status === 'reconnecting'
  return (
    <section className="wallet-bar" aria-label="Wallet">
      <span className="muted">Connect</span>
      {offered.map((connector) => (
        <button
          key={connector.uid}
          type="button"
          disabled={busy}
          aria-busy={connect.isPending && connect.variables?.connector === connector}
          data-connector={connector.id}
          onClick={() => connect.mutate({ connector })}
        >
          {connector.icon && <img className="wallet-icon" src={connector.icon} alt="" width={18} height={18} />}
          {walletLabel(connector)}
        </button>
      ))}
      {offered.length === 0 && <span>No wallet available: install a browser wallet to connect.</span>}
      {connect.error && (
        <span className="error" role="alert">
          {(connect.error as BaseError).shortMessage ?? connect.error.message}
        </span>
      )}
    </section>
  )
}

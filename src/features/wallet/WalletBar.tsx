import type { BaseError } from 'viem'
import { type Connector, useConnect, useConnection, useConnectors, useDisconnect } from 'wagmi'

/** What each connector is called on its button. */
const buttonLabel: Record<string, string> = { demoWallet: 'Demo wallet', injected: 'Browser wallet' }

/** window.ethereum exists only with a wallet extension (or a test's injected provider). */
const hasInjectedProvider = () => typeof window !== 'undefined' && 'ethereum' in window && Boolean(window.ethereum)

/** Connect buttons while disconnected; the connected account and a Disconnect button once connected. */
export function WalletBar() {
  const connection = useConnection()
  const connectors = useConnectors()
  const connect = useConnect()
  const disconnect = useDisconnect()

  if (connection.status === 'connected')
    return (
      <div className="wallet-bar">
        <span className="muted">Account</span>
        <code data-testid="account">{connection.address}</code>
        <span className="muted">via {buttonLabel[connection.connector.id] ?? connection.connector.name}</span>
        <button type="button" onClick={() => disconnect.mutate({ connector: connection.connector })}>
          Disconnect
        </button>
      </div>
    )

  const offered = connectors.filter((connector: Connector) => connector.id !== 'injected' || hasInjectedProvider())
  const busy = connect.isPending || connection.status === 'connecting' || connection.status === 'reconnecting'
  return (
    <div className="wallet-bar">
      <span className="muted">Connect</span>
      {offered.map((connector) => (
        <button
          key={connector.uid}
          type="button"
          disabled={busy}
          aria-busy={connect.isPending && connect.variables?.connector === connector}
          onClick={() => connect.mutate({ connector })}
        >
          {buttonLabel[connector.id] ?? connector.name}
        </button>
      ))}
      {offered.length === 0 && <span>No wallet available: install a browser wallet to connect.</span>}
      {connect.error && (
        <span className="error" role="alert">
          {(connect.error as BaseError).shortMessage ?? connect.error.message}
        </span>
      )}
    </div>
  )
}

/** What the wallet bar needs of a wagmi connector (wagmi's Connector satisfies it). */
export type ConnectorLike = { id: string; uid: string; name: string; type: string; icon?: string | undefined }

/** What each built-in connector is called on its button; EIP-6963 wallets bring their own name. */
const builtInLabel: Record<string, string> = {
  demoWallet: 'Demo wallet',
  injected: 'Browser wallet',
  walletConnect: 'WalletConnect',
}

export const walletLabel = (connector: ConnectorLike) => builtInLabel[connector.id] ?? connector.name

/** A wallet announced by EIP-6963 (wagmi makes each an `injected` connector whose id is the wallet's rdns). */
export const isDiscoveredWallet = (connector: ConnectorLike) =>
  connector.type === 'injected' && connector.id !== 'injected'

export type WalletOptionsInput = {
  /** The EIP-1193 provider of each discovered wallet by connector uid; undefined while still being looked up. */
  discoveredProviders: ReadonlyMap<string, unknown> | undefined
  /** `window.ethereum`: what the plain `injected()` connector ("Browser wallet") would talk to. */
  windowEthereum: unknown
}

/**
 * The connect buttons to offer: discovered wallets by name first, then "Browser wallet" only when
 * window.ethereum exists and is not one of the discovered wallets (an extension that announces
 * itself also sets window.ethereum: one wallet, one button), then the others (WalletConnect, the
 * demo wallet) in the config's order.
 */
export function walletOptions<C extends ConnectorLike>(
  connectors: readonly C[],
  { discoveredProviders, windowEthereum }: WalletOptionsInput,
): C[] {
  const discovered = connectors.filter(isDiscoveredWallet)
  const plain = connectors.filter((c) => c.id === 'injected')
  const others = connectors.filter((c) => c.type !== 'injected')

  const showPlain = (() => {
    if (!windowEthereum) return false
    if (discovered.length === 0) return true
    // Until the discovered wallets' providers are known, do not offer a button that may be a duplicate.
    if (!discoveredProviders) return false
    return !discovered.some((c) => discoveredProviders.get(c.uid) === windowEthereum)
  })()
  return [...discovered, ...(showPlain ? plain : []), ...others]
}

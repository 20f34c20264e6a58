import { describe, expect, it } from 'vitest'

// wagmi's walletConnect() connector imports this package on first use (an optional peer of
// @wagmi/connectors). Without it, connecting failed at run time with "could not resolve"; the
// relay itself is not reachable from tests, so this checks what the build and the connector rely on.
describe('WalletConnect provider', () => {
  it('is installed and exposes the EthereumProvider the connector initialises', async () => {
    const mod = await import('@walletconnect/ethereum-provider')
    expect(typeof mod.EthereumProvider.init).toBe('function')
  })
})

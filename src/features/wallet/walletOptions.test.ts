import { describe, expect, test } from 'vitest'
import { type ConnectorLike, walletLabel, walletOptions } from './walletOptions'

const plain: ConnectorLike = { id: 'injected', uid: 'u-injected', name: 'Injected', type: 'injected' }
const demo: ConnectorLike = { id: 'demoWallet', uid: 'u-demo', name: 'Demo wallet', type: 'demoWallet' }
const walletConnect: ConnectorLike = { id: 'walletConnect', uid: 'u-wc', name: 'WalletConnect', type: 'walletConnect' }
const metaMask: ConnectorLike = { id: 'io.metamask', uid: 'u-mm', name: 'MetaMask', type: 'injected', icon: 'data:,' }
const rabby: ConnectorLike = { id: 'io.rabby', uid: 'u-rabby', name: 'Rabby Wallet', type: 'injected' }

const ids = (list: ConnectorLike[]) => list.map((c) => c.id)
const metaMaskProvider = { request: async () => null }
const rabbyProvider = { request: async () => null }

describe('walletOptions', () => {
  test('with no wallet in the page, only the non-injected connectors are offered', () => {
    expect(ids(walletOptions([plain, demo], { discoveredProviders: new Map(), windowEthereum: undefined }))).toEqual([
      'demoWallet',
    ])
  })

  test('a window.ethereum that announces nothing is the "Browser wallet"', () => {
    const offered = walletOptions([plain, demo], { discoveredProviders: new Map(), windowEthereum: {} })
    expect(ids(offered)).toEqual(['injected', 'demoWallet'])
    expect(offered.map(walletLabel)).toEqual(['Browser wallet', 'Demo wallet'])
  })

  test('a discovered wallet that is also window.ethereum gets one button, by its own name', () => {
    const offered = walletOptions([plain, demo, metaMask], {
      discoveredProviders: new Map([['u-mm', metaMaskProvider]]),
      windowEthereum: metaMaskProvider,
    })
    expect(offered.map(walletLabel)).toEqual(['MetaMask', 'Demo wallet'])
  })

  test('several discovered wallets are all listed; "Browser wallet" stays when window.ethereum is none of them', () => {
    const offered = walletOptions([plain, walletConnect, demo, metaMask, rabby], {
      discoveredProviders: new Map<string, unknown>([
        ['u-mm', metaMaskProvider],
        ['u-rabby', rabbyProvider],
      ]),
      windowEthereum: { request: async () => null },
    })
    expect(offered.map(walletLabel)).toEqual([
      'MetaMask',
      'Rabby Wallet',
      'Browser wallet',
      'WalletConnect',
      'Demo wallet',
    ])
  })

  test('while the discovered wallets’ providers are still being looked up, "Browser wallet" waits', () => {
    expect(
      ids(walletOptions([plain, demo, metaMask], { discoveredProviders: undefined, windowEthereum: metaMaskProvider })),
    ).toEqual(['io.metamask', 'demoWallet'])
  })
})

import { describe, expect, test } from 'vitest'
import type { DevnetManifest, DevnetRole } from './devnetManifest'
import { DevnetManifestError, fetchDevnetManifest } from './fetchDevnetManifest'

const roles: DevnetRole[] = [
  'deployer',
  'trader',
  'nearLiquidation',
  'emode',
  'lp',
  'liquidator',
  'supplier',
  'arbitrageur',
  'isolated',
  'spare',
]
const address = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as const

function manifest(): DevnetManifest {
  return {
    version: 1,
    chainId: 31337,
    rpcUrl: 'http://127.0.0.1:8545',
    wsUrl: 'ws://127.0.0.1:8545',
    deployBlock: 1,
    scenario: 'calm',
    aave: {
      poolAddressesProvider: address(1),
      pool: address(2),
      poolConfigurator: address(3),
      aclManager: address(4),
      oracle: address(5),
      protocolDataProvider: address(6),
      uiPoolDataProvider: address(7),
      walletBalanceProvider: address(8),
      ethUsdFeed: address(9),
      usdUsdFeed: address(10),
    },
    uniswap: {
      factory: address(11),
      swapRouter: address(12),
      quoterV2: address(13),
      positionManager: address(14),
      feeTier: 3000,
    },
    multicall3: address(15),
    assets: [
      {
        symbol: 'WETH',
        address: address(16),
        decimals: 18,
        feed: address(17),
        aToken: address(18),
        variableDebtToken: address(19),
        stableDebtToken: address(20),
        volatile: true,
      },
    ],
    accounts: Object.fromEntries(
      roles.map((role, i) => [role, { address: address(100 + i), privateKey: `0x${'1'.repeat(64)}`, role }]),
    ) as DevnetManifest['accounts'],
  }
}

const respond = (status: number, body: string) => async () => new Response(body, { status })

describe('fetchDevnetManifest', () => {
  test('returns a valid manifest', async () => {
    const m = manifest()
    await expect(fetchDevnetManifest(respond(200, JSON.stringify(m)))).resolves.toEqual(m)
  })

  test('tells the user to start the devnet when there is no manifest', async () => {
    const failure = fetchDevnetManifest(respond(404, '{"error":"no devnet manifest"}'))
    await expect(failure).rejects.toThrow('No devnet manifest: run `npm start`')
    await expect(failure).rejects.toMatchObject({ kind: 'missing' })
  })

  test('reports a manifest that is not JSON (half-written or corrupted)', async () => {
    await expect(fetchDevnetManifest(respond(200, '{"version": 1, "chai'))).rejects.toThrow(/not valid JSON/)
  })

  test.each([
    ['an unknown version', (m: Record<string, unknown>) => Object.assign(m, { version: 2 }), /version 2, expected 1/],
    ['no rpcUrl', (m: Record<string, unknown>) => Object.assign(m, { rpcUrl: undefined }), /lacks chainId or rpcUrl/],
    ['a bad wsUrl', (m: Record<string, unknown>) => Object.assign(m, { wsUrl: 'not a url' }), /invalid wsUrl/],
    [
      'a bad Pool address',
      (m: Record<string, unknown>) => Object.assign(m.aave as object, { pool: '0x1234' }),
      /invalid address: 0x1234/,
    ],
    [
      'a bad trader address',
      (m: Record<string, unknown>) => Object.assign(m.accounts as object, { trader: { address: 'nope' } }),
      /invalid trader account address/,
    ],
    ['no trader', (m: Record<string, unknown>) => Object.assign(m, { accounts: {} }), /no trader account/],
  ])('rejects a manifest with %s, saying what is wrong', async (_, corrupt, message) => {
    const m = manifest() as unknown as Record<string, unknown>
    corrupt(m)
    const failure = fetchDevnetManifest(respond(200, JSON.stringify(m)))
    await expect(failure).rejects.toBeInstanceOf(DevnetManifestError)
    await expect(failure).rejects.toThrow(message)
  })

  test('reports a server that cannot be reached', async () => {
    const offline = async () => {
      throw new TypeError('Failed to fetch')
    }
    await expect(fetchDevnetManifest(offline)).rejects.toThrow('Cannot load /devnet.json: Failed to fetch')
  })
})

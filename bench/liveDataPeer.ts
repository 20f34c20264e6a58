// The peer: a reader that refreshes like Aave's web app (aave/interface): react-query hooks with
// `refetchInterval: POLLING_INTERVAL` (60,000 ms in src/ui-config/queries.ts), each a separate
// contract call through an ethers StaticJsonRpcProvider (no JSON-RPC batching): per market
// UiPoolDataProviderV3.getReservesData (usePoolReserves), getUserReservesData (useUserPoolReserves),
// WalletBalanceProvider.getUserWalletBalances (usePoolTokensBalance), UiIncentiveDataProviderV3's
// getReservesIncentivesData and getUserReservesIncentivesData (the incentives hooks). On markets from
// v3.2 the app also polls getEModes (usePoolEModes), which the devnet's v3.0.2 provider lacks.
// Issued here against the devnet, concurrently as react-query would, and counted at the transport.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Abi, Address, PublicClient } from 'viem'
import { artifact } from '../devnet/artifacts.mjs'
import type { startTestDevnet } from '../devnet/testing.mjs'

type Devnet = Awaited<ReturnType<typeof startTestDevnet>>

const require = createRequire(import.meta.url)
const incentivesArtifact = () =>
  JSON.parse(
    readFileSync(
      require.resolve(
        '@aave/periphery-v3/artifacts/contracts/misc/UiIncentiveDataProviderV3.sol/UiIncentiveDataProviderV3.json',
      ),
      'utf8',
    ),
  ) as { abi: Abi; bytecode: `0x${string}` }

/** The app's refresh interval (aave/interface src/ui-config/queries.ts). */
export const PEER_POLL_MS = 60_000

export type PeerMarket = {
  poolAddressesProvider: Address
  uiPoolDataProvider: Address
  walletBalanceProvider: Address
  uiIncentiveDataProvider: Address
}

/** The devnet lacks UiIncentiveDataProviderV3 (MarginGuard does not read it): deploys one for the model. */
export async function peerMarket(devnet: Devnet): Promise<PeerMarket> {
  const { abi, bytecode } = incentivesArtifact()
  const admin = devnet.manifest.accounts.deployer.address
  const uiIncentiveDataProvider = (await devnet.clients.deploy(
    admin,
    { abi, bytecode, args: [] },
    'UiIncentiveDataProviderV3',
  )) as Address
  const { aave } = devnet.manifest
  return {
    poolAddressesProvider: aave.poolAddressesProvider,
    uiPoolDataProvider: aave.uiPoolDataProvider,
    walletBalanceProvider: aave.walletBalanceProvider,
    uiIncentiveDataProvider,
  }
}

/** One refresh of the app's dashboard for `user` at `blockNumber`: its five calls, concurrently. */
export async function peerRefresh(client: PublicClient, market: PeerMarket, user: Address, blockNumber: bigint) {
  const provider = market.poolAddressesProvider
  const ui = { address: market.uiPoolDataProvider, abi: artifact('UiPoolDataProviderV3').abi as Abi, blockNumber }
  const incentives = { address: market.uiIncentiveDataProvider, abi: incentivesArtifact().abi, blockNumber }
  await Promise.all([
    client.readContract({ ...ui, functionName: 'getReservesData', args: [provider] }),
    client.readContract({ ...ui, functionName: 'getUserReservesData', args: [provider, user] }),
    client.readContract({
      address: market.walletBalanceProvider,
      abi: artifact('WalletBalanceProvider').abi as Abi,
      functionName: 'getUserWalletBalances',
      args: [provider, user],
      blockNumber,
    }),
    client.readContract({ ...incentives, functionName: 'getReservesIncentivesData', args: [provider] }),
    client.readContract({ ...incentives, functionName: 'getUserReservesIncentivesData', args: [provider, user] }),
  ])
}

/**
 * A watchlist polled the same way (the app itself shows one account): the market's reserves once
 * and each account's reserves (getUserReservesData), health factors then computed in the page as
 * the app does (formatUserSummary), every 60 s.
 */
export async function peerWatchlistRefresh(
  client: PublicClient,
  market: PeerMarket,
  users: readonly Address[],
  blockNumber: bigint,
) {
  const provider = market.poolAddressesProvider
  const ui = { address: market.uiPoolDataProvider, abi: artifact('UiPoolDataProviderV3').abi as Abi, blockNumber }
  await Promise.all([
    client.readContract({ ...ui, functionName: 'getReservesData', args: [provider] }),
    ...users.map((user) => client.readContract({ ...ui, functionName: 'getUserReservesData', args: [provider, user] })),
  ])
}

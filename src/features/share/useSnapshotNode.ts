import { useEffect, useMemo, useState } from 'react'
import { type Address, type Client, createPublicClient, http, isAddressEqual } from 'viem'
import { fetchDevnetManifest } from '../../chain/fetchDevnetManifest'
import { marketEndpoint } from '../../chain/marketEndpoint'
import { devnetMarket, LIVE_MARKETS, type MarketDefinition } from '../../chain/markets'
import { useCustomRpcUrls } from '../../state/marketSettingsStore'
import type { RiskSnapshot } from '../snapshot/snapshotModel'

/**
 * The node a viewer can check a snapshot against: the market this app knows on the snapshot's
 * chain with the snapshot's pool (the link's pool is never trusted by itself), through the
 * viewer's own RPC for that chain or the public default. The devnet is known from its manifest
 * when this page serves one. Nothing is sent to the node until the viewer asks to verify.
 */
export function useSnapshotNode(snapshot: RiskSnapshot): { client: Client | undefined; pool: Address | undefined } {
  const customRpcUrls = useCustomRpcUrls()
  const [devnet, setDevnet] = useState<MarketDefinition | undefined>(undefined)
  const verifiable = snapshot.account !== null
  useEffect(() => {
    if (!verifiable) return
    let cancelled = false
    fetchDevnetManifest().then(
      (manifest) => {
        if (!cancelled) setDevnet(devnetMarket(manifest))
      },
      () => undefined, // no devnet served: only the live markets can be checked
    )
    return () => {
      cancelled = true
    }
  }, [verifiable])
  return useMemo(() => {
    const matches = (m: MarketDefinition) =>
      m.chainId === snapshot.chainId && isAddressEqual(m.pool, snapshot.market.pool)
    const market = [...(devnet ? [devnet] : []), ...LIVE_MARKETS].find(matches)
    if (!market) return { client: undefined, pool: undefined }
    const endpoint = marketEndpoint(market, customRpcUrls)
    return {
      client: createPublicClient({ chain: endpoint.chain, transport: http(endpoint.rpcUrl) }),
      pool: market.pool,
    }
  }, [snapshot.chainId, snapshot.market.pool, devnet, customRpcUrls])
}

import type { DevnetManifest } from '../../chain/devnetManifest'
import type { RiskMarketContext } from '../../state/riskReportFeed'

/** The devnet's feeds write a round on a 0.1 % deviation or a 30 s heartbeat (devnet/simulator.mjs). */
const DEVNET_FEED_RULES = { deviationBps: 10, heartbeatSeconds: 30 }

/** What the engine should know about the devnet market beyond a snapshot: asset classes and feed rules. */
export function riskMarketContext(manifest: DevnetManifest): RiskMarketContext {
  const weth = manifest.assets.find((a) => a.symbol === 'WETH')
  return {
    // Deleverage and rotation swap through the devnet's Uniswap V3 router; gas is priced in WETH.
    proposals: { swapRouter: manifest.uniswap.swapRouter, ...(weth ? { wrappedNativeAsset: weth.address } : {}) },
    feedRules: Object.fromEntries(manifest.assets.map((a) => [a.address, DEVNET_FEED_RULES])),
    assetClass: {
      volatile: manifest.assets.filter((a) => a.volatile).map((a) => a.address),
      stable: manifest.assets.filter((a) => !a.volatile).map((a) => a.address),
    },
  }
}

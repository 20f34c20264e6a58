import type { DevnetManifest } from '../../chain/devnetManifest'
import type { RiskMarketContext } from '../../state/riskReportFeed'

/** What the engine should know about the devnet market beyond a snapshot: which assets are volatile. */
export function riskMarketContext(manifest: DevnetManifest): RiskMarketContext {
  return {
    assetClass: {
      volatile: manifest.assets.filter((a) => a.volatile).map((a) => a.address),
      stable: manifest.assets.filter((a) => !a.volatile).map((a) => a.address),
    },
  }
}

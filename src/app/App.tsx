import { QueryClientProvider } from '@tanstack/react-query'
import { lazy, Suspense, useState } from 'react'
import { HealthScreen } from '../features/health/HealthScreen'
import { MarketPanel } from '../features/markets/MarketPanel'
import { NodeStatus } from '../features/node/NodeStatus'
import { isSnapshotFragment, useLocationHash } from '../features/share/snapshotRoute'
import { WalletBar } from '../features/wallet/WalletBar'
import { WrongChainNotice } from '../features/wallet/WrongChainNotice'
import { WatchPanel } from '../features/watch/WatchPanel'
import { MarketProvider } from '../state/marketContext'
import { createQueryClient } from '../state/queryClient'
import { ChainProviders } from './ChainProviders'
import { ManifestGate } from './ManifestGate'

// A shared snapshot's decoder, schema and signature check (valibot, secp256k1) load only for a
// snapshot link: they are not part of the live dashboard's first paint.
const SnapshotPage = lazy(() => import('../features/share/SnapshotPage').then((m) => ({ default: m.SnapshotPage })))

export function App() {
  const [queryClient] = useState(createQueryClient)
  const hash = useLocationHash()
  // A shared snapshot link opens the snapshot alone: no devnet manifest, wallet or RPC is needed.
  if (isSnapshotFragment(hash))
    return (
      <div className="app">
        <header className="app-header">
          <h1>MarginGuard</h1>
          <p className="tagline muted">A shared risk snapshot.</p>
        </header>
        <main>
          <Suspense
            fallback={
              <p role="status" className="muted">
                Opening the snapshot…
              </p>
            }
          >
            <SnapshotPage fragment={hash} />
          </Suspense>
        </main>
      </div>
    )
  return (
    <QueryClientProvider client={queryClient}>
      <div className="app">
        <header className="app-header">
          <h1>MarginGuard</h1>
          <p className="tagline muted">Keeps leveraged positions from being liquidated.</p>
        </header>
        <main>
          <ManifestGate>
            {(manifest) => (
              <MarketProvider manifest={manifest}>
                {/* Outside the chain providers: saving an RPC URL remounts those, not the form that saved it. */}
                <MarketPanel />
                <ChainProviders manifest={manifest}>
                  <NodeStatus />
                  <WalletBar />
                  <WrongChainNotice />
                  <WatchPanel />
                  <HealthScreen />
                </ChainProviders>
              </MarketProvider>
            )}
          </ManifestGate>
        </main>
      </div>
    </QueryClientProvider>
  )
}

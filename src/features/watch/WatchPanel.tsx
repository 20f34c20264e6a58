import { useEffect, useMemo, useState } from 'react'
import { allMarkets, devnetMarket } from '../../chain/markets'
import { useDevnet } from '../../state/devnetContext'
import { Notice } from '../../ui/Notice'
import { useWatchRequest } from './useWatchRequest'
import { WatchForm } from './WatchForm'
import { Watchlist } from './Watchlist'
import { parseWatchLink, type WatchLinkMarkets } from './watchLink'

/**
 * Watching accounts without a wallet: the address/ENS field, what the page's link asked for (and
 * why it could not, if so), and the saved watchlist.
 */
export function WatchPanel() {
  const { manifest } = useDevnet()
  // This build reads the devnet only; the live markets are known, to say so when a link names one.
  const markets = useMemo<WatchLinkMarkets>(
    () => ({ available: [devnetMarket(manifest)], known: allMarkets(manifest) }),
    [manifest],
  )
  const { request, ens } = useWatchRequest()
  const [linkProblems, setLinkProblems] = useState<string[]>([])

  // The link is read once, when the page (or a redeployed devnet) opens; from then on the page writes it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reading the link again on every render would undo the user's choices
  useEffect(() => {
    const link = parseWatchLink(window.location.search, markets)
    if (link.kind === 'invalid') setLinkProblems(link.problems)
    else if (link.kind === 'watch') request(link.account, link.market)
  }, [markets])

  const defaultMarket = markets.available[0]
  return (
    <section className="panel watch-panel" aria-label="Watch an address">
      {linkProblems.length > 0 && (
        <Notice tone="warning" title="This link cannot be shown">
          <ul className="link-problems" data-testid="link-problems">
            {linkProblems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
          <button type="button" onClick={() => setLinkProblems([])}>
            Dismiss
          </button>
        </Notice>
      )}
      {defaultMarket && (
        <WatchForm
          ens={ens}
          onWatch={(input) => {
            setLinkProblems([])
            request(input, defaultMarket)
          }}
        />
      )}
      <Watchlist available={markets.available} />
    </section>
  )
}

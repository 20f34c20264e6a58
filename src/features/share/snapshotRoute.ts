import { useEffect, useState } from 'react'

/** Whether the URL fragment carries a snapshot (`#snapshot=…`): the page then shows it, not the live app. */
export const isSnapshotFragment = (hash: string) => /^#?(?:.*&)?snapshot=/.test(hash)

/** The page's fragment, following hashchange (a second link pasted into the same tab). */
export function useLocationHash(): string {
  const [hash, setHash] = useState(() => window.location.hash)
  useEffect(() => {
    const onChange = () => setHash(window.location.hash)
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return hash
}

/** The live watch link for a snapshot's account: the same page, `?account=&chain=`, no fragment. */
export function watchUrlFor(href: string, account: string, chainId: number): string {
  const url = new URL(href)
  url.hash = ''
  url.search = ''
  url.searchParams.set('account', account)
  url.searchParams.set('chain', String(chainId))
  return url.toString()
}

import { describe, expect, test } from 'vitest'
import { parseWatchLink, type WatchLinkMarkets, writeWatchLink } from './watchLink'

const devnet = { id: 'devnet', name: 'MarginGuard devnet', chainId: 31337 }
const ethereum = { id: 'aave-v3-ethereum', name: 'Aave V3 Ethereum', chainId: 1 }
const base = { id: 'aave-v3-base', name: 'Aave V3 Base', chainId: 8453 }
const markets: WatchLinkMarkets = { available: [devnet, ethereum, base], known: [devnet, ethereum, base] }
/** A page where no devnet manifest is served: the devnet is known, but not here. */
const noDevnet: WatchLinkMarkets = { available: [ethereum, base], known: [ethereum, base, devnet] }

const ADDRESS = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'

const problemsOf = (search: string) => {
  const link = parseWatchLink(search, markets)
  if (link.kind !== 'invalid') throw new Error(`expected an invalid link, got ${link.kind}`)
  return link.problems.join(' ')
}

describe('parseWatchLink', () => {
  test('no watch parameters: nothing to watch, and other parameters do not matter', () => {
    expect(parseWatchLink('', markets)).toEqual({ kind: 'none' })
    expect(parseWatchLink('?utm_source=x', markets)).toEqual({ kind: 'none' })
  })

  test('an account alone is watched on the market the page shows (the first available if not said)', () => {
    expect(parseWatchLink(`?account=${ADDRESS.toLowerCase()}`, markets)).toEqual({
      kind: 'watch',
      account: { kind: 'address', address: ADDRESS },
      market: devnet,
    })
    expect(parseWatchLink(`?account=${ADDRESS}`, { ...markets, current: base })).toMatchObject({ market: base })
  })

  test('a live market is watched like the devnet, by market id or by chain id', () => {
    expect(parseWatchLink(`?account=${ADDRESS}&chain=1&market=aave-v3-ethereum`, markets)).toMatchObject({
      kind: 'watch',
      market: ethereum,
    })
    expect(parseWatchLink(`?account=${ADDRESS}&chain=8453`, markets)).toMatchObject({ kind: 'watch', market: base })
    expect(parseWatchLink(`?account=${ADDRESS}&market=aave-v3-base`, { ...markets, current: devnet })).toMatchObject({
      market: base,
    })
  })

  test('a market without an account opens that market for the wallet', () => {
    expect(parseWatchLink('?chain=8453&market=aave-v3-base', markets)).toEqual({ kind: 'market', market: base })
    expect(parseWatchLink('?market=devnet', markets)).toEqual({ kind: 'market', market: devnet })
    expect(parseWatchLink('?chain=1', markets)).toEqual({ kind: 'market', market: ethereum })
    expect(parseWatchLink('?market=compound', markets)).toEqual({
      kind: 'invalid',
      problems: [expect.stringMatching(/market “compound” is unknown/)],
    })
  })

  test('account, chain and market together name the market', () => {
    expect(parseWatchLink(`?account=${ADDRESS}&chain=31337&market=devnet`, markets)).toMatchObject({
      kind: 'watch',
      market: devnet,
    })
    expect(parseWatchLink(`?account=${ADDRESS}&chain=31337`, markets)).toMatchObject({ kind: 'watch', market: devnet })
    expect(parseWatchLink(`?account=${ADDRESS}&market=devnet`, markets)).toMatchObject({
      kind: 'watch',
      market: devnet,
    })
  })

  test('an ENS name in the link is kept for resolution', () => {
    expect(parseWatchLink('?account=vitalik.eth', markets)).toMatchObject({
      kind: 'watch',
      account: { kind: 'ens', name: 'vitalik.eth' },
    })
  })

  test('a wrong account says what is wrong with it', () => {
    expect(problemsOf('?account=0x1234')).toMatch(/account “0x1234” is not valid.*40 hexadecimal/)
    expect(problemsOf('?account=')).toMatch(/names no account/)
    expect(problemsOf('?account=&chain=31337&market=devnet')).toMatch(/names no account/)
  })

  test('a known market or chain that this page does not read (no devnet served) is said to be not available here', () => {
    const problems = (search: string) => {
      const link = parseWatchLink(search, noDevnet)
      return link.kind === 'invalid' ? link.problems.join(' ') : link.kind
    }
    expect(problems(`?account=${ADDRESS}&market=devnet`)).toBe(
      'MarginGuard devnet (market “devnet”) is not available here: this page reads Aave V3 Ethereum (chain 1), Aave V3 Base (chain 8453).',
    )
    expect(problems(`?account=${ADDRESS}&chain=31337`)).toMatch(
      /^Chain 31337 \(MarginGuard devnet\) is not available here/,
    )
    // Without chain or market, the account is watched on the first market served.
    expect(parseWatchLink(`?account=${ADDRESS}`, noDevnet)).toMatchObject({ kind: 'watch', market: ethereum })
  })

  test('unknown, malformed and contradictory chain/market parameters are refused with a reason', () => {
    expect(problemsOf(`?account=${ADDRESS}&market=compound`)).toMatch(/market “compound” is unknown/)
    expect(problemsOf(`?account=${ADDRESS}&chain=999`)).toMatch(/Chain 999 is not supported/)
    expect(problemsOf(`?account=${ADDRESS}&chain=mainnet`)).toMatch(/chain “mainnet” is not a chain id/)
    expect(problemsOf(`?account=${ADDRESS}&chain=-1`)).toMatch(/not a chain id/)
    expect(problemsOf(`?account=${ADDRESS}&chain=1&market=devnet`)).toMatch(/is on chain 31337, not chain 1/)
    expect(problemsOf(`?account=${ADDRESS}&chain=8453&market=aave-v3-ethereum`)).toMatch(
      /Aave V3 Ethereum is on chain 1, not chain 8453/,
    )
  })

  test('every problem of a link is reported at once', () => {
    const link = parseWatchLink('?account=nope&chain=abc', markets)
    expect(link).toMatchObject({ kind: 'invalid' })
    if (link.kind === 'invalid') expect(link.problems).toHaveLength(2)
  })

  test('with no market available, a link says so instead of failing', () => {
    expect(parseWatchLink(`?account=${ADDRESS}`, { available: [], known: [ethereum] })).toEqual({
      kind: 'invalid',
      problems: ['No market to watch on: this page reads no market yet.'],
    })
  })
})

describe('writeWatchLink', () => {
  const target = { address: ADDRESS, chainId: 31337, marketId: 'devnet' } as const

  test('writes account, chain and market, and the written link reads back as the same watch', () => {
    const search = writeWatchLink('', target)
    expect(search).toBe(`?account=${ADDRESS}&chain=31337&market=devnet`)
    expect(parseWatchLink(search, markets)).toEqual({
      kind: 'watch',
      account: { kind: 'address', address: ADDRESS },
      market: devnet,
    })
  })

  test('replaces an earlier watch and keeps unrelated parameters', () => {
    expect(writeWatchLink('?debug=1&account=0xbad&market=x', target)).toBe(
      `?debug=1&account=${ADDRESS}&chain=31337&market=devnet`,
    )
  })

  test('a market alone is written without an account, and reads back as that market', () => {
    const search = writeWatchLink(`?account=${ADDRESS}&chain=31337&market=devnet`, {
      chainId: 8453,
      marketId: 'aave-v3-base',
    })
    expect(search).toBe('?chain=8453&market=aave-v3-base')
    expect(parseWatchLink(search, markets)).toEqual({ kind: 'market', market: base })
  })

  test('stopping removes the watch parameters only', () => {
    expect(writeWatchLink(`?account=${ADDRESS}&chain=31337&market=devnet`, null)).toBe('')
    expect(writeWatchLink(`?debug=1&account=${ADDRESS}&chain=31337&market=devnet`, null)).toBe('?debug=1')
  })
})

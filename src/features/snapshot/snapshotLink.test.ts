import { describe, expect, test } from 'vitest'
import { buildSnapshotLink, parseSnapshotFragment, snapshotFragment } from './snapshotLink'

const SIG = `0x${'ab'.repeat(65)}`

describe('snapshot links', () => {
  test('the payload and the signature ride in the fragment, never in the query', () => {
    const link = buildSnapshotLink('https://mg.example/app/?market=main#old', 'AbC-_9', SIG)
    const url = new URL(link)
    expect(url.search).toBe('?market=main')
    expect(url.hash).toBe(`#snapshot=AbC-_9&sig=${SIG}`)
    expect(link).not.toContain('#old')
  })

  test('a link reads back to its payload and signature', () => {
    expect(parseSnapshotFragment(buildSnapshotLink('https://mg.example/', 'payload', SIG))).toEqual({
      payload: 'payload',
      signature: SIG,
    })
    expect(parseSnapshotFragment(snapshotFragment('payload'))).toEqual({ payload: 'payload', signature: null })
    expect(parseSnapshotFragment('snapshot=p&sig=')).toEqual({ payload: 'p', signature: null })
  })

  test('a fragment without a snapshot is not a snapshot link', () => {
    expect(parseSnapshotFragment('')).toBeNull()
    expect(parseSnapshotFragment('#watch=0x1234')).toBeNull()
    expect(parseSnapshotFragment('https://mg.example/?snapshot=p')).toBeNull()
  })

  test('the first occurrence of a key wins, and an oversized signature is cut', () => {
    expect(parseSnapshotFragment('#snapshot=a&snapshot=b&sig=x&sig=y')).toEqual({ payload: 'a', signature: 'x' })
    expect(parseSnapshotFragment(`#snapshot=a&sig=${'f'.repeat(5_000)}`)?.signature).toHaveLength(1_000)
  })
})

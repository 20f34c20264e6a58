import { describe, expect, test } from 'vitest'
import { parseAccountInput } from './parseAccountInput'

const CHECKSUMMED = '0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045'

describe('parseAccountInput', () => {
  test('a checksummed address is accepted as is', () => {
    expect(parseAccountInput(CHECKSUMMED)).toEqual({ kind: 'address', address: CHECKSUMMED })
  })

  test('an all lower-case or all upper-case address carries no checksum and is accepted, then checksummed', () => {
    expect(parseAccountInput(CHECKSUMMED.toLowerCase())).toEqual({ kind: 'address', address: CHECKSUMMED })
    expect(parseAccountInput(`0x${CHECKSUMMED.slice(2).toUpperCase()}`)).toEqual({
      kind: 'address',
      address: CHECKSUMMED,
    })
    expect(parseAccountInput(`0X${CHECKSUMMED.slice(2).toLowerCase()}`)).toEqual({
      kind: 'address',
      address: CHECKSUMMED,
    })
  })

  test('surrounding spaces (a careless paste) are ignored', () => {
    expect(parseAccountInput(`  ${CHECKSUMMED}\n`)).toEqual({ kind: 'address', address: CHECKSUMMED })
  })

  test('a mixed-case address whose checksum does not match is refused: a character is probably mistyped', () => {
    // One letter's case flipped: d8dA → d8Da.
    const result = parseAccountInput('0xd8Da6BF26964aF9D7eEd9e03E53415D37aA96045')
    expect(result).toMatchObject({ kind: 'invalid', reason: 'bad-checksum' })
    if (result.kind === 'invalid') expect(result.message).toMatch(/checksum/)
  })

  test('a wrong length or a non-hex character is a malformed address, with the length said', () => {
    const short = parseAccountInput(CHECKSUMMED.slice(0, -1))
    expect(short).toMatchObject({ kind: 'invalid', reason: 'malformed-address' })
    if (short.kind === 'invalid') expect(short.message).toContain('this one has 39')
    expect(parseAccountInput(`${CHECKSUMMED.slice(0, -1)}g`)).toMatchObject({
      kind: 'invalid',
      reason: 'malformed-address',
    })
    expect(parseAccountInput('0x')).toMatchObject({ kind: 'invalid', reason: 'malformed-address' })
  })

  test('a dotted name is taken for an ENS name, left as typed for the resolver to normalise', () => {
    expect(parseAccountInput('vitalik.eth')).toEqual({ kind: 'ens', name: 'vitalik.eth' })
    expect(parseAccountInput(' Pay.Uniswap.ETH ')).toEqual({ kind: 'ens', name: 'Pay.Uniswap.ETH' })
  })

  test('anything else is neither: empty input and plain words get a message saying what to enter', () => {
    expect(parseAccountInput('   ')).toMatchObject({ kind: 'invalid', reason: 'empty' })
    for (const raw of [
      'vitalik',
      'vitalik.',
      'has space.eth',
      'https://x.eth/a',
      'd8dA6BF26964aF9D7eEd9e03E53415D37aA96045',
    ])
      expect(parseAccountInput(raw)).toMatchObject({ kind: 'invalid', reason: 'not-an-account' })
  })
})

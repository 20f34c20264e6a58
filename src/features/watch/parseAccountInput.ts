import { type Address, getAddress, isAddress } from 'viem'

/** What a person typed (or a link carried) as the account to watch. */
export type AccountInput =
  | { kind: 'address'; address: Address }
  | { kind: 'ens'; name: string }
  | { kind: 'invalid'; reason: 'empty' | 'malformed-address' | 'bad-checksum' | 'not-an-account'; message: string }

const HEX_BODY = /^[0-9a-fA-F]*$/
// A dotted name without spaces or slashes: "vitalik.eth", "pay.uniswap.eth", "nick.box". Whether it is a
// valid ENS name is decided by normalize() when it is resolved (UTS-46 rules do not belong in a regex).
const NAME_LIKE = /^[^\s/\\?#]+\.[^\s/\\?#.]+$/

/**
 * Parses an account given as a 0x address or an ENS name. Addresses follow EIP-55: all lower or all
 * upper case is accepted as is (it carries no checksum); mixed case must match its checksum, since a
 * wrong one usually means a mistyped character. The address returned is always checksummed.
 */
export function parseAccountInput(raw: string): AccountInput {
  const input = raw.trim()
  if (input === '') return { kind: 'invalid', reason: 'empty', message: 'Enter an address (0x…) or an ENS name.' }

  if (/^0x/i.test(input)) {
    const body = input.slice(2)
    if (!HEX_BODY.test(body))
      return {
        kind: 'invalid',
        reason: 'malformed-address',
        message: 'An address holds only the digits 0–9 and letters a–f after 0x.',
      }
    if (body.length !== 40)
      return {
        kind: 'invalid',
        reason: 'malformed-address',
        message: `An address has 40 hexadecimal characters after 0x; this one has ${body.length}.`,
      }
    // All upper case carries no checksum either (EIP-55); viem's isAddress wants a lower-case "0x".
    const candidate = `0x${body === body.toUpperCase() ? body.toLowerCase() : body}`
    if (!isAddress(candidate, { strict: true }))
      return {
        kind: 'invalid',
        reason: 'bad-checksum',
        message:
          'The address’s upper/lower-case letters do not match its checksum (EIP-55): a character is probably mistyped. Check it, or paste it in all lower case.',
      }
    return { kind: 'address', address: getAddress(candidate) }
  }

  if (NAME_LIKE.test(input)) return { kind: 'ens', name: input }
  return {
    kind: 'invalid',
    reason: 'not-an-account',
    message: 'Not an address or an ENS name: paste a 0x address (42 characters) or a name such as vitalik.eth.',
  }
}

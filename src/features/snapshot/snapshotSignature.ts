import {
  getAddress,
  type Hex,
  isAddressEqual,
  keccak256,
  recoverTypedDataAddress,
  stringToBytes,
  zeroAddress,
} from 'viem'
import { canonicalJson } from './snapshotCodec'
import type { RiskSnapshot } from './snapshotModel'

/**
 * EIP-712 signatures over a snapshot. The wallet signs a small struct: the keccak256 of the
 * snapshot's canonical JSON (snapshotCodec.canonicalJson: exactly the bytes that are compressed),
 * with the chain, the block and the account spelled out so the wallet shows them. Any change to
 * any field changes the hash, so the recovered signer changes with it.
 *
 * A redacted snapshot (no account) can be signed too, but the signature itself reveals the signing
 * address to anyone who recovers it: signing a 'no-address' snapshot with the account's own wallet
 * undoes the redaction. The share dialog says so before it asks the wallet.
 */

export const SNAPSHOT_DOMAIN_NAME = 'MarginGuard snapshot'

export const SNAPSHOT_TYPES = {
  Snapshot: [
    { name: 'contentHash', type: 'bytes32' },
    { name: 'chainId', type: 'uint256' },
    { name: 'blockNumber', type: 'uint256' },
    { name: 'account', type: 'address' },
  ],
} as const

export function snapshotContentHash(snapshot: RiskSnapshot): Hex {
  return keccak256(stringToBytes(canonicalJson(snapshot)))
}

/** What to pass to signTypedData (viem wallet client, wagmi's useSignTypedData). The zero address stands for "redacted". */
export function typedDataFor(snapshot: RiskSnapshot) {
  return {
    domain: { name: SNAPSHOT_DOMAIN_NAME, version: '1', chainId: snapshot.chainId },
    types: SNAPSHOT_TYPES,
    primaryType: 'Snapshot',
    message: {
      contentHash: snapshotContentHash(snapshot),
      chainId: BigInt(snapshot.chainId),
      blockNumber: snapshot.block.number,
      account: snapshot.account ?? zeroAddress,
    },
  } as const
}

export type SnapshotTypedData = ReturnType<typeof typedDataFor>

export type SignatureStatus =
  /** byAccount: the signer is the snapshot's account; false only for a snapshot without one. */
  | { status: 'signed'; signer: Hex; byAccount: boolean }
  | { status: 'unsigned' }
  | { status: 'invalid'; reason: 'malformed' | 'not-the-account'; message: string }

const SIGNATURE_PATTERN = /^0x[0-9a-fA-F]{130}$/

/**
 * Who signed this snapshot. With an account in the snapshot, only that account's signature counts
 * ("signed by the account"); any other signer — which is also what a tampered snapshot recovers
 * to — is 'invalid'. Without an account the signer is reported as it is. Never throws.
 */
export async function verifySnapshotSignature(
  snapshot: RiskSnapshot,
  signature: string | null | undefined,
): Promise<SignatureStatus> {
  if (!signature) return { status: 'unsigned' }
  if (!SIGNATURE_PATTERN.test(signature))
    return { status: 'invalid', reason: 'malformed', message: 'The signature is not a 65-byte hex signature.' }
  let signer: Hex
  try {
    signer = getAddress(await recoverTypedDataAddress({ ...typedDataFor(snapshot), signature: signature as Hex }))
  } catch {
    return { status: 'invalid', reason: 'malformed', message: 'No signer can be recovered from the signature.' }
  }
  if (snapshot.account === null) return { status: 'signed', signer, byAccount: false }
  if (isAddressEqual(signer, snapshot.account)) return { status: 'signed', signer, byAccount: true }
  return {
    status: 'invalid',
    reason: 'not-the-account',
    message: `The signature does not come from the snapshot's account (it recovers to ${signer}): the snapshot was changed or signed by someone else.`,
  }
}

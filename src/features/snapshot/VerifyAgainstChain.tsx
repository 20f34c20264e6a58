import { useEffect, useRef, useState } from 'react'
import { type Address, type Client, formatUnits, maxUint256 } from 'viem'
import { formatBlockNumber, formatBps, formatUtcDateTime } from '../../ui/format'
import { BASE_DECIMALS, type RiskSnapshot } from './snapshotModel'
import { type VerifiedField, type VerifyResult, verifySnapshotAgainstChain } from './verifyAgainstChain'
import './snapshotActions.css'

export type VerifyAgainstChainProps = {
  snapshot: RiskSnapshot
  /** A client for the snapshot's chain (the market's RPC); undefined when the app knows none. */
  client: Client | undefined
  /** The app's own pool for the snapshot's market (never the one the link names); undefined when unknown. */
  pool: Address | undefined
}

const FIELD_WORDS: Record<VerifiedField, string> = {
  healthFactorWad: 'Health factor',
  totalCollateralBase: 'Total collateral',
  totalDebtBase: 'Total debt',
  availableBorrowsBase: 'Borrowing power left',
  liquidationThresholdBps: 'Liquidation threshold',
  ltvBps: 'LTV',
  blockTimestamp: 'Block time',
}

/** Exact values: a difference of one wei must not print as two equal strings. */
function exact(field: VerifiedField, value: bigint): string {
  switch (field) {
    case 'healthFactorWad':
      return value === maxUint256 ? '∞ (no debt)' : formatUnits(value, 18)
    case 'liquidationThresholdBps':
    case 'ltvBps':
      return formatBps(value)
    case 'blockTimestamp':
      return formatUtcDateTime(Number(value))
    default:
      return `${formatUnits(value, BASE_DECIMALS)} (base currency)`
  }
}

type State = { state: 'idle' } | { state: 'checking' } | { state: 'done'; result: VerifyResult }

/**
 * "Verify against chain" (issue 8, part 4): re-reads the account at the snapshot's block through
 * the market's RPC and says, in words, whether the numbers are the chain's.
 */
export function VerifyAgainstChain({ snapshot, client, pool }: VerifyAgainstChainProps) {
  const [state, setState] = useState<State>({ state: 'idle' })
  // A result belongs to the snapshot it was checked for; an answer for an older one is dropped.
  const current = useRef(snapshot)
  useEffect(() => {
    current.current = snapshot
    setState({ state: 'idle' })
  }, [snapshot])

  if (snapshot.account === null)
    return (
      <p className="snapshot-verify-note" data-testid="verify-against-chain">
        Not verifiable against the chain: this snapshot does not include the account.
      </p>
    )

  async function verify() {
    if (!client || !pool) return
    const checked = snapshot
    setState({ state: 'checking' })
    const result = await verifySnapshotAgainstChain(client, checked, { pool }).catch(
      (error: unknown): VerifyResult => ({ status: 'unavailable', reason: String(error) }),
    )
    if (current.current === checked) setState({ state: 'done', result })
  }

  const ready = client !== undefined && pool !== undefined
  return (
    <section className="snapshot-verify" aria-label="Verify against chain" data-testid="verify-against-chain">
      <button type="button" onClick={verify} disabled={!ready || state.state === 'checking'}>
        Verify against chain
      </button>
      {!ready && (
        <p className="snapshot-verify-note">
          This app has no RPC for chain {snapshot.chainId} and this market, so it cannot re-read the block.
        </p>
      )}
      <div role="status" className="snapshot-verify-result">
        {state.state === 'checking' && <p>Reading the account at block {formatBlockNumber(snapshot.block.number)}…</p>}
        {state.state === 'done' && <ResultWords result={state.result} />}
      </div>
    </section>
  )
}

function ResultWords({ result: r }: { result: VerifyResult }) {
  if (r.status === 'match')
    return (
      <p className="snapshot-action-ok">
        <strong>Matches the chain.</strong> At block {formatBlockNumber(r.blockNumber)}, Pool.getUserAccountData gives
        exactly the snapshot's{' '}
        {r.checked.map((f) => (f === 'ltvBps' ? 'LTV' : FIELD_WORDS[f].toLowerCase())).join(', ')} (compared to the last
        digit).
      </p>
    )
  if (r.status === 'mismatch')
    return (
      <div className="snapshot-action-bad">
        <p>
          <strong>Does not match the chain</strong> at block {formatBlockNumber(r.blockNumber)}:
        </p>
        <ul>
          {r.differences.map((d) => (
            <li key={d.field}>
              {FIELD_WORDS[d.field]}: the snapshot says {exact(d.field, d.snapshot)}, the chain{' '}
              {exact(d.field, d.chain)}.
            </li>
          ))}
        </ul>
      </div>
    )
  return (
    <p className={r.status === 'unavailable' ? 'snapshot-action-warn' : 'snapshot-action-muted'}>
      <strong>{r.status === 'unavailable' ? 'Cannot verify now.' : 'Not verifiable.'}</strong> {r.reason}
    </p>
  )
}

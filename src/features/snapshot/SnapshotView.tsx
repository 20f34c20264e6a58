import type { Hex } from '../../engine/snapshot'
import {
  formatBlockNumber,
  formatBps,
  formatDuration,
  formatPercentChange,
  formatProbability,
  formatSigmas,
  formatUtcDateTime,
} from '../../ui/format'
import { GreeksTable, PositionsTable, StressTable } from './SnapshotTables'
import {
  formatSnapshotHealthFactor,
  formatSnapshotValue,
  isNotional,
  PRIVACY_WORDS,
  STATUS_WORDS,
} from './snapshotFormat'
import type { RiskSnapshot } from './snapshotModel'
import type { SignatureStatus } from './snapshotSignature'
import './snapshot.css'

export type SnapshotViewProps = {
  snapshot: RiskSnapshot
  /** The verified signature (verifySnapshotSignature); absent while it is being checked. */
  signature?: SignatureStatus
  /** Offered when the snapshot names its account: leave the snapshot and watch the account live. */
  onWatchLive?: (account: Hex, chainId: number) => void
}

const HORIZON_WORDS: Record<number, string> = { 3600: '1 h', 86400: '24 h', 604800: '7 days' }

/**
 * A shared snapshot, read-only, from the snapshot alone (no wallet, no RPC): marked as a block in
 * the past, never as live. Every string comes from the validated snapshot and reaches the page as
 * React text, never as HTML.
 */
export function SnapshotView({ snapshot: s, signature, onWatchLive }: SnapshotViewProps) {
  const h = s.headline
  const notional = isNotional(s)
  return (
    <article className="snapshot" aria-labelledby="snapshot-title" data-testid="snapshot-view">
      <header className="snapshot-banner">
        <h2 id="snapshot-title" className="snapshot-title">
          Snapshot at block <span data-testid="snapshot-block">{formatBlockNumber(s.block.number)}</span>, not live
        </h2>
        <p className="snapshot-where">
          {s.market.name} · chain {s.chainId} · {formatUtcDateTime(s.block.timestamp)}
        </p>
        <p className="snapshot-where">
          {s.account ? (
            <>
              Account <code data-testid="snapshot-account">{s.account}</code>
            </>
          ) : (
            'Address not included'
          )}{' '}
          · {PRIVACY_WORDS[s.privacy]}
        </p>
        <SignatureLine status={signature} />
        {s.account && onWatchLive && (
          <button type="button" className="snapshot-live" onClick={() => onWatchLive(s.account as Hex, s.chainId)}>
            Watch this account live
          </button>
        )}
      </header>

      <section aria-label="Headline figures">
        <dl className="snapshot-headline">
          <div className={`snapshot-hf snapshot-status-${h.status}`}>
            <dt>Health factor</dt>
            <dd data-testid="snapshot-hf">{formatSnapshotHealthFactor(h.healthFactorWad)}</dd>
            <dd className="snapshot-status">{STATUS_WORDS[h.status]}</dd>
          </div>
          <Figure label="All volatile prices together liquidate at">
            {h.liquidation.shock === null ? 'no such move' : formatPercentChange(h.liquidation.shock)}
          </Figure>
          <Figure label={notional ? 'Collateral (notional)' : 'Collateral'}>
            {formatSnapshotValue(s, h.totalCollateralBase)}
          </Figure>
          <Figure label={notional ? 'Debt (per 100 collateral)' : 'Debt'}>
            {formatSnapshotValue(s, h.totalDebtBase)}
          </Figure>
          <Figure label={notional ? 'Borrowing power left (per 100)' : 'Borrowing power left'}>
            {formatSnapshotValue(s, h.availableBorrowsBase)}
          </Figure>
          <Figure label="Liquidation threshold · LTV">
            {formatBps(BigInt(h.liquidationThresholdBps))} · {formatBps(BigInt(h.ltvBps))}
          </Figure>
          <Odds snapshot={s} />
        </dl>
        <p className="snapshot-profile">
          The user's lines: warning below HF {s.profile.warningHealthFactor}, target {s.profile.targetHealthFactor}
          {s.profile.upperHealthFactor !== null && `, upper ${s.profile.upperHealthFactor}`}; accepted P(liquidation in
          24 h) {formatProbability(s.profile.probabilityLimit24h)}.
        </p>
      </section>

      <PositionsTable snapshot={s} />
      <StressTable snapshot={s} />
      <GreeksTable snapshot={s} />
    </article>
  )
}

function Figure({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  )
}

function Odds({ snapshot: s }: { snapshot: RiskSnapshot }) {
  const o = s.odds
  if (o.method === 'none') {
    const words = {
      'no-debt': '0 % (no debt)',
      'no-risk-factor': '0 % (no volatile price in the account)',
      'missing-volatility': 'not computed (no price history)',
      liquidatable: '100 % (already liquidatable)',
    }
    return <Figure label="Probability of liquidation">{words[o.reason]}</Figure>
  }
  return (
    <>
      {o.horizons.map((x) => (
        <Figure
          key={x.horizonSeconds}
          label={`P(liquidation) within ${HORIZON_WORDS[x.horizonSeconds] ?? formatDuration(x.horizonSeconds)}`}
        >
          {formatProbability(x.probability)} <span className="muted">({formatSigmas(x.distanceSigmas)})</span>
        </Figure>
      ))}
      <Figure label={`Time until P reaches ${formatProbability(o.threshold)}`}>
        {o.timeToThresholdSeconds === null ? 'not computed' : formatDuration(o.timeToThresholdSeconds)}
      </Figure>
    </>
  )
}

/** Says who signed, and only what the verification proved. */
export function SignatureLine({ status }: { status: SignatureStatus | undefined }) {
  let text: string
  let tone = 'muted'
  if (!status) text = 'Checking the signature…'
  else if (status.status === 'unsigned') text = 'Unsigned: anyone could have made this snapshot.'
  else if (status.status === 'invalid') {
    text = `Signature invalid: ${status.message}`
    tone = 'bad'
  } else if (status.byAccount) {
    text = `Signed by ${status.signer} (the account).`
    tone = 'ok'
  } else text = `Signed by ${status.signer} (address not in the snapshot).`
  return (
    <p className={`snapshot-signature snapshot-signature-${tone}`} data-testid="snapshot-signature" role="status">
      {text}
    </p>
  )
}

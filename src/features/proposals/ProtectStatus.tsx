import { useSwitchChain } from 'wagmi'
import { formatBlockNumber, formatHealthFactor } from '../../ui/format'
import { Notice } from '../../ui/Notice'
import { type CallStatus, type ProtectState, progressText } from './protectMachine'

const CALL_STATUS_TEXT: Record<CallStatus, string> = {
  waiting: 'waiting',
  signing: 'sign in your wallet',
  pending: 'sent, waiting for the block',
  confirmed: 'confirmed',
  reverted: 'reverted',
  notSent: 'not sent',
}

/** Where a Protect run stands, in words (announced politely), with what each call did. */
export function ProtectStatus({
  state,
  summary,
  chainId,
  chainName,
  onDismiss,
}: {
  state: ProtectState
  summary: string | undefined
  chainId: number
  chainName: string
  onDismiss: () => void
}) {
  const switchChain = useSwitchChain()
  if (state.phase === 'idle') return null
  const calls = 'calls' in state ? state.calls : undefined
  const progress = progressText(state)
  const dismiss = (
    <button type="button" onClick={onDismiss}>
      Dismiss
    </button>
  )
  return (
    <div className="protect-status" data-testid="protect-status" data-phase={state.phase}>
      {summary && <p className="protect-summary">{summary}</p>}
      <div aria-live="polite">
        {state.phase === 'rechecking' && <p>Re-checking the proposal on the latest block…</p>}
        {state.phase === 'signing' && (
          <p>
            {state.mode === 'batch' ? 'Confirm the batch in your wallet' : 'Confirm in your wallet'} · {progress}
          </p>
        )}
        {state.phase === 'pending' && <p>Waiting for the transactions to be mined · {progress}</p>}
        {state.phase === 'confirmed' && (
          <p
            className="protect-confirmed"
            data-testid="protect-result"
            data-health-factor-wad={state.healthFactorWad.toString()}
            data-block={state.blockNumber.toString()}
          >
            ✓ Protected. Health factor on chain now <strong>{formatHealthFactor(state.healthFactorWad)}</strong> (block{' '}
            {formatBlockNumber(state.blockNumber)}). {dismiss}
          </p>
        )}
      </div>
      {state.phase === 'stale' && (
        <Notice tone="warning" title="Your position changed">
          <p data-testid="protect-message">{state.message}</p>
          {dismiss}
        </Notice>
      )}
      {state.phase === 'failed' && (
        <Notice tone="error" title={state.failure.title}>
          <p data-testid="protect-message" data-kind={state.failure.kind}>
            {state.failure.message}
          </p>
          {state.failure.kind === 'wrongChain' && (
            <button
              type="button"
              disabled={switchChain.isPending}
              onClick={() => switchChain.mutate({ chainId: chainId as never })}
            >
              Switch to {chainName}
            </button>
          )}{' '}
          {dismiss}
        </Notice>
      )}
      {calls && calls.length > 1 && (
        <ol className="protect-calls">
          {calls.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the calls of a run never reorder
            <li key={i} data-status={c.status}>
              {c.label}: <span className={`protect-call-${c.status}`}>{CALL_STATUS_TEXT[c.status]}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}

import { useMutation } from '@tanstack/react-query'
import { type FormEvent, useId, useState } from 'react'
import type { MarketDefinition } from '../../chain/markets'
import { validateRpcUrl } from '../../chain/validateRpcUrl'
import { useMarketSettingsActions } from '../../state/marketSettingsStore'

type Outcome = { tone: 'error' | 'ok'; text: string }

/**
 * The user's own RPC URL for the shown market's chain. A URL is saved only once its node has
 * answered with this chain's id (validateRpcUrl): a wrong URL says why and changes nothing saved.
 * Reset goes back to the market's public default.
 */
export function RpcUrlSetting({
  market,
  rpcUrl,
  customRpc,
}: {
  market: MarketDefinition
  /** The RPC the chain is read through now. */
  rpcUrl: string
  customRpc: boolean
}) {
  const inputId = useId()
  const messageId = useId()
  const [value, setValue] = useState('')
  const [outcome, setOutcome] = useState<Outcome>()
  const { setRpcUrl, resetRpcUrl } = useMarketSettingsActions()
  const check = useMutation({ mutationFn: (url: string) => validateRpcUrl(url, market.chainId) })
  const chainName = market.chain.name

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const url = value.trim()
    if (url === '') {
      setOutcome({ tone: 'error', text: `Enter the http(s) URL of a node of ${chainName}.` })
      return
    }
    setOutcome(undefined)
    // Only this call's answer counts: callbacks passed to mutate fire for the latest call only.
    check.mutate(url, {
      onSuccess: (result) => {
        if (!result.ok) {
          const kept = customRpc ? `your saved RPC (${rpcUrl})` : `the public default (${rpcUrl})`
          setOutcome({ tone: 'error', text: `Not saved: ${result.error}. ${chainName} is still read through ${kept}.` })
          return
        }
        if (result.url === market.rpcUrl) resetRpcUrl(market.chainId)
        else setRpcUrl(market.chainId, result.url)
        setValue('')
        setOutcome({ tone: 'ok', text: `Saved: ${chainName} is now read through ${result.url}.` })
      },
    })
  }

  const reset = () => {
    resetRpcUrl(market.chainId)
    setOutcome({ tone: 'ok', text: `Back to the public default: ${chainName} is read through ${market.rpcUrl}.` })
  }

  const checking = check.isPending
  return (
    <form className="rpc-setting" onSubmit={submit} noValidate aria-label={`RPC for ${chainName}`}>
      <p className="rpc-in-use">
        <span className="muted">RPC for {chainName}:</span> <code data-testid="rpc-in-use">{rpcUrl}</code>{' '}
        <span className="badge">{customRpc ? 'yours' : 'public default'}</span>
      </p>
      <label htmlFor={inputId}>Your RPC URL for {chainName}</label>
      <div className="rpc-setting-row">
        <input
          id={inputId}
          name="rpcUrl"
          type="url"
          inputMode="url"
          value={value}
          onChange={(e) => {
            setValue(e.target.value)
            if (outcome?.tone === 'error') setOutcome(undefined)
          }}
          placeholder="https://…"
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          aria-invalid={outcome?.tone === 'error' ? true : undefined}
          aria-describedby={messageId}
        />
        <button type="submit" disabled={checking} aria-busy={checking}>
          Save
        </button>
        {customRpc && (
          <button type="button" onClick={reset} disabled={checking}>
            Reset to default
          </button>
        )}
      </div>
      {checking ? (
        <p id={messageId} className="field-message muted" role="status">
          Checking {check.variables}: asking it for its chain id…
        </p>
      ) : outcome?.tone === 'error' ? (
        <p id={messageId} className="field-message error" role="alert" data-testid="rpc-error">
          {outcome.text}
        </p>
      ) : outcome?.tone === 'ok' ? (
        <p id={messageId} className="field-message muted" role="status" data-testid="rpc-saved">
          {outcome.text}
        </p>
      ) : (
        <p id={messageId} className="field-message muted">
          Saved for this browser once the node answers with {chainName}’s chain id ({market.chainId}).
        </p>
      )}
    </form>
  )
}

import type { UseMutationResult } from '@tanstack/react-query'
import { type FormEvent, useId, useState } from 'react'
import type { EnsResolution } from '../../chain/resolveEns'
import { type AccountInput, parseAccountInput } from './parseAccountInput'
import { describeResolveError } from './resolveName'

type ValidInput = Exclude<AccountInput, { kind: 'invalid' }>

/**
 * An address or ENS name to watch read-only. A wrong entry is explained under the field (and
 * announced); ENS names resolve on Ethereum mainnet before anything is watched.
 */
export function WatchForm({
  onWatch,
  ens,
}: {
  onWatch: (input: ValidInput) => void
  ens: Pick<UseMutationResult<EnsResolution, Error, { name: string }>, 'status' | 'error' | 'variables' | 'data'>
}) {
  const inputId = useId()
  const messageId = useId()
  const [value, setValue] = useState('')
  const [invalid, setInvalid] = useState<string>()

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const input = parseAccountInput(value)
    if (input.kind === 'invalid') {
      setInvalid(input.message)
      return
    }
    setInvalid(undefined)
    onWatch(input)
    if (input.kind === 'address') setValue('')
  }

  const pendingName = ens.status === 'pending' ? ens.variables?.name : undefined
  const message = invalid ? (
    <p id={messageId} className="field-message error" role="alert" data-testid="watch-error">
      {invalid}
    </p>
  ) : ens.status === 'error' ? (
    <p id={messageId} className="field-message error" role="alert" data-testid="watch-error">
      {describeResolveError(ens.error, ens.variables?.name ?? '')}
    </p>
  ) : pendingName ? (
    <p id={messageId} className="field-message muted" role="status">
      Resolving {pendingName} on Ethereum mainnet…
    </p>
  ) : ens.status === 'success' && ens.data ? (
    <p id={messageId} className="field-message muted" role="status" data-testid="ens-resolved">
      {ens.data.name} resolves to <code>{ens.data.address}</code> on Ethereum mainnet.
    </p>
  ) : (
    <p id={messageId} className="field-message muted">
      A 0x address or an ENS name (resolved on Ethereum mainnet). Watching is read-only: no wallet needed.
    </p>
  )

  return (
    <form className="watch-form" onSubmit={submit} noValidate aria-label="Watch an account">
      <label htmlFor={inputId}>Watch any address</label>
      <div className="watch-form-row">
        <input
          id={inputId}
          name="account"
          type="text"
          value={value}
          onChange={(e) => {
            setValue(e.target.value)
            if (invalid) setInvalid(undefined)
          }}
          placeholder="0x… or name.eth"
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          aria-invalid={invalid || ens.status === 'error' ? true : undefined}
          aria-describedby={messageId}
        />
        <button type="submit" disabled={ens.status === 'pending'} aria-busy={ens.status === 'pending'}>
          Watch
        </button>
      </div>
      {message}
    </form>
  )
}

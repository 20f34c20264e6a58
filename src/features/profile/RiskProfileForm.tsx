import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react'
import type { Address } from 'viem'
import {
  type RiskProfile,
  resetRiskProfile,
  riskProfileKey,
  riskProfileStore,
  selectRiskProfile,
  setRiskProfile,
  useHasOwnRiskProfile,
  useRiskProfile,
} from '../../state/riskProfileStore'
import { formatHealthFactorValue, formatProbability } from '../../ui/format'
import { draftFromProfile, parseDraft, type RiskProfileDraft, sameDraft } from './profileDraft'
import './riskProfileForm.css'

type NumberField = 'warningHealthFactor' | 'targetHealthFactor' | 'upperHealthFactor' | 'probabilityLimitPercent'

function NumberInput({
  field,
  label,
  hint,
  draft,
  error,
  onChange,
  suffix,
}: {
  field: NumberField
  label: string
  hint: string
  draft: RiskProfileDraft
  error: string | undefined
  onChange(field: NumberField, value: string): void
  suffix?: string
}) {
  const id = useId()
  return (
    <div className="profile-field">
      <label htmlFor={id}>{label}</label>
      <span className="profile-input">
        {/* Text, not type="number": a number input empties its value on anything it cannot parse, and the draft must keep what was typed. */}
        <input
          id={id}
          name={field}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          value={draft[field]}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
          onChange={(e) => onChange(field, e.target.value)}
        />
        {suffix && <span aria-hidden="true">{suffix}</span>}
      </span>
      <p id={`${id}-hint`} className="profile-hint">
        {hint}
      </p>
      {error && (
        <p id={`${id}-error`} className="profile-error">
          {error}
        </p>
      )}
    </div>
  )
}

function Checkbox({
  label,
  hint,
  checked,
  disabled,
  onChange,
}: {
  label: string
  hint: string
  checked: boolean
  disabled?: boolean
  onChange(checked: boolean): void
}) {
  const id = useId()
  return (
    <div className="profile-check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="profile-hint">
        {hint}
      </p>
    </div>
  )
}

const summary = (p: RiskProfile) =>
  `warning ${formatHealthFactorValue(p.warningHealthFactor)} · target ${formatHealthFactorValue(p.targetHealthFactor)}` +
  (p.upperHealthFactor === null ? '' : ` · upper ${formatHealthFactorValue(p.upperHealthFactor)}`) +
  ` · 24 h limit ${formatProbability(p.probabilityLimit24h)}${p.guardMode ? ' · guard mode on' : ''}`

type Status = 'idle' | 'saved' | 'reset'

type EditorProps = {
  saved: RiskProfile
  /** Saves a valid profile for the account. */
  onSave(profile: RiskProfile): void
  /** Drops the account's own profile; returns the one it follows now. */
  onReset(): RiskProfile
}

function Editor({ saved, onSave, onReset }: EditorProps) {
  const [draft, setDraft] = useState(() => draftFromProfile(saved))
  const [showErrors, setShowErrors] = useState(false)
  const [focusError, setFocusError] = useState(0)
  const [status, setStatus] = useState<Status>('idle')
  const form = useRef<HTMLFormElement>(null)
  const { profile, errors } = useMemo(() => parseDraft(draft), [draft])
  const visible = showErrors ? errors : {}
  const dirty = !sameDraft(draft, draftFromProfile(saved))

  // After a refused save, the first field in error gets focus so a keyboard user lands on it.
  useEffect(() => {
    if (focusError > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [focusError])

  const update = (patch: Partial<RiskProfileDraft>) => {
    setDraft((d) => ({ ...d, ...patch }))
    setStatus('idle')
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (Object.keys(errors).length > 0) {
      // The draft stays as typed and the saved profile is untouched: fix and save again.
      setShowErrors(true)
      setFocusError((n) => n + 1)
      return
    }
    onSave(profile)
    setDraft(draftFromProfile(profile))
    setShowErrors(false)
    setStatus('saved')
  }
  const reset = () => {
    setDraft(draftFromProfile(onReset()))
    setShowErrors(false)
    setStatus('reset')
  }
  const onNumber = (field: NumberField, value: string) => update({ [field]: value })

  return (
    <form ref={form} className="profile-form" onSubmit={submit} noValidate data-testid="risk-profile-form">
      <fieldset>
        <legend>Health factor lines</legend>
        <NumberInput
          field="warningHealthFactor"
          label="Warning health factor"
          hint="Alert when the health factor falls below this line."
          draft={draft}
          error={visible.warningHealthFactor}
          onChange={onNumber}
        />
        <NumberInput
          field="targetHealthFactor"
          label="Target health factor"
          hint="Protective proposals bring the health factor back up to this."
          draft={draft}
          error={visible.targetHealthFactor}
          onChange={onNumber}
        />
        <NumberInput
          field="upperHealthFactor"
          label="Upper health factor (optional)"
          hint="Alert when the health factor rises above this: room to borrow. Leave empty for none."
          draft={draft}
          error={visible.upperHealthFactor}
          onChange={onNumber}
        />
      </fieldset>
      <fieldset>
        <legend>Risk and alerts</legend>
        <NumberInput
          field="probabilityLimitPercent"
          label="Accepted chance of liquidation within 24 h"
          hint="Alert when the estimated probability is above this, in percent."
          draft={draft}
          error={visible.probabilityLimit24h}
          onChange={onNumber}
          suffix="%"
        />
        <Checkbox
          label="Alert when an oracle is stale"
          hint="A feed older than its heartbeat may give an out-of-date price."
          checked={draft.alertOnStaleOracle}
          onChange={(alertOnStaleOracle) => update({ alertOnStaleOracle })}
        />
        <Checkbox
          label="Guard mode"
          hint="On an alert, put the best protective proposal in front of you, ready to confirm."
          checked={draft.guardMode}
          onChange={(guardMode) => update({ guardMode })}
        />
        <Checkbox
          label="Let guard mode execute by itself"
          hint="Only with the devnet’s demo wallet: the best proposal is sent without asking."
          checked={draft.guardMode && draft.guardAutoExecute}
          disabled={!draft.guardMode}
          onChange={(guardAutoExecute) => update({ guardAutoExecute })}
        />
      </fieldset>
      <div className="profile-actions">
        <button type="submit">Save</button>
        <button type="button" onClick={reset}>
          Reset to defaults
        </button>
        <p className="profile-status" role="status">
          {status === 'saved' && 'Saved.'}
          {status === 'reset' && 'Back to the defaults.'}
          {status === 'idle' && dirty && <span className="muted">Unsaved changes.</span>}
        </p>
      </div>
    </form>
  )
}

export type RiskProfileFormViewProps = EditorProps & {
  /** The account has its own profile (false: it follows the default). */
  own: boolean
  /** Changes with the account: the draft starts again from that account's saved profile. */
  accountKey: string
  defaultOpen?: boolean
}

/** The form over any saved profile and save/reset callbacks (RiskProfileForm wires the store). */
export function RiskProfileFormView({
  saved,
  own,
  accountKey,
  defaultOpen = false,
  onSave,
  onReset,
}: RiskProfileFormViewProps) {
  return (
    <details className="panel risk-profile" open={defaultOpen} data-testid="risk-profile">
      <summary>
        <span className="risk-profile-title">Risk profile</span>{' '}
        <span className="muted">
          {summary(saved)}
          {own ? '' : ' (defaults)'}
        </span>
      </summary>
      {/* A new account starts from its own saved profile, not the previous account's draft. */}
      <Editor key={accountKey} saved={saved} onSave={onSave} onReset={onReset} />
    </details>
  )
}

/**
 * The account's risk profile (issue 7, part 4): its alert lines, the target proposals aim for and
 * guard mode, saved per chain and account. A collapsible panel whose summary shows the saved lines.
 */
export function RiskProfileForm({
  chainId,
  address,
  defaultOpen = false,
}: {
  chainId: number
  address: Address
  defaultOpen?: boolean
}) {
  const saved = useRiskProfile(chainId, address)
  const own = useHasOwnRiskProfile(chainId, address)
  const accountKey = riskProfileKey(chainId, address)
  return (
    <RiskProfileFormView
      saved={saved}
      own={own}
      accountKey={accountKey}
      defaultOpen={defaultOpen}
      onSave={(profile) => setRiskProfile(chainId, address, profile)}
      onReset={() => {
        resetRiskProfile(chainId, address)
        return selectRiskProfile(riskProfileStore.getState(), accountKey)
      }}
    />
  )
}

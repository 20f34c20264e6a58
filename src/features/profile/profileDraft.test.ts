import { describe, expect, test } from 'vitest'
import { DEFAULT_RISK_PROFILE } from '../../state/riskProfileStore'
import { draftFromProfile, parseDecimal, parseDraft, sameDraft } from './profileDraft'

describe('risk profile draft', () => {
  test('the defaults read as a person would type them, and parse back to the same profile', () => {
    const draft = draftFromProfile(DEFAULT_RISK_PROFILE)
    expect(draft).toMatchObject({
      warningHealthFactor: '1.2',
      targetHealthFactor: '1.5',
      upperHealthFactor: '',
      probabilityLimitPercent: '5',
    })
    expect(parseDraft(draft)).toEqual({ profile: DEFAULT_RISK_PROFILE, errors: {} })
    expect(draftFromProfile({ ...DEFAULT_RISK_PROFILE, probabilityLimit24h: 0.07 }).probabilityLimitPercent).toBe('7')
  })

  test('numbers: a decimal comma and a trailing % are understood; anything else is not guessed', () => {
    expect(parseDecimal(' 1,25 ')).toBe(1.25)
    expect(parseDecimal('2.5%')).toBe(2.5)
    expect(parseDecimal('.5')).toBe(0.5)
    for (const text of ['', 'abc', '1.2.3', '-1', '1e3', '0x10', 'Infinity']) expect(parseDecimal(text)).toBeNaN()
  })

  test('what cannot be saved is reported per field, with the typed text kept in the draft', () => {
    const draft = {
      ...draftFromProfile(DEFAULT_RISK_PROFILE),
      warningHealthFactor: '1.6',
      upperHealthFactor: 'lots',
      probabilityLimitPercent: '120',
    }
    const { errors } = parseDraft(draft)
    expect(Object.keys(errors).sort()).toEqual(['probabilityLimit24h', 'targetHealthFactor', 'upperHealthFactor'])
    expect(errors.targetHealthFactor).toBe('The target must be above the warning line.')
    expect(draft.upperHealthFactor).toBe('lots')
  })

  test('the percent field becomes a fraction; auto-execute is off without guard mode', () => {
    const draft = { ...draftFromProfile(DEFAULT_RISK_PROFILE), probabilityLimitPercent: '2.5', guardAutoExecute: true }
    expect(parseDraft(draft).profile).toMatchObject({ probabilityLimit24h: 0.025, guardAutoExecute: false })
    expect(parseDraft({ ...draft, guardMode: true }).profile.guardAutoExecute).toBe(true)
  })

  test('sameDraft tells unsaved changes apart', () => {
    const a = draftFromProfile(DEFAULT_RISK_PROFILE)
    expect(sameDraft(a, { ...a })).toBe(true)
    expect(sameDraft(a, { ...a, targetHealthFactor: '1.50' })).toBe(false)
  })
})

import { type RiskProfile, type RiskProfileErrors, validateRiskProfile } from '../../state/riskProfileStore'

/**
 * The form's copy of a profile: numbers as the text the user typed (so nothing they type is lost,
 * even when it is not a number yet), the probability limit in percent as people say it.
 */
export type RiskProfileDraft = {
  warningHealthFactor: string
  targetHealthFactor: string
  /** Empty: no upper line. */
  upperHealthFactor: string
  probabilityLimitPercent: string
  alertOnStaleOracle: boolean
  guardMode: boolean
  guardAutoExecute: boolean
}

// A value read back into an input: the shortest decimal, without float noise (0.07 × 100 = 7.000000000000001).
const asInput = (x: number) => String(Math.round(x * 1e8) / 1e8)

export function draftFromProfile(profile: RiskProfile): RiskProfileDraft {
  return {
    warningHealthFactor: asInput(profile.warningHealthFactor),
    targetHealthFactor: asInput(profile.targetHealthFactor),
    upperHealthFactor: profile.upperHealthFactor === null ? '' : asInput(profile.upperHealthFactor),
    probabilityLimitPercent: asInput(profile.probabilityLimit24h * 100),
    alertOnStaleOracle: profile.alertOnStaleOracle,
    guardMode: profile.guardMode,
    guardAutoExecute: profile.guardAutoExecute,
  }
}

/**
 * A typed number: digits with one decimal point or comma (a decimal comma is common outside the
 * US), optional surrounding spaces and a trailing "%". Anything else is NaN, never a guess.
 */
export function parseDecimal(text: string): number {
  const t = text.trim().replace(/%$/, '').trim().replace(',', '.')
  return /^\d+(\.\d*)?$|^\.\d+$/.test(t) ? Number(t) : Number.NaN
}

/** The profile the draft describes and what is wrong with it, per field (empty: it can be saved). */
export function parseDraft(draft: RiskProfileDraft): { profile: RiskProfile; errors: RiskProfileErrors } {
  const upper = draft.upperHealthFactor.trim() === '' ? null : parseDecimal(draft.upperHealthFactor)
  const profile: RiskProfile = {
    warningHealthFactor: parseDecimal(draft.warningHealthFactor),
    targetHealthFactor: parseDecimal(draft.targetHealthFactor),
    upperHealthFactor: upper,
    probabilityLimit24h: parseDecimal(draft.probabilityLimitPercent) / 100,
    alertOnStaleOracle: draft.alertOnStaleOracle,
    guardMode: draft.guardMode,
    // Auto-execution is part of guard mode: off with it, so turning guard mode on later does not surprise.
    guardAutoExecute: draft.guardMode && draft.guardAutoExecute,
  }
  return { profile, errors: validateRiskProfile(profile) }
}

export const sameDraft = (a: RiskProfileDraft, b: RiskProfileDraft) =>
  (Object.keys(a) as (keyof RiskProfileDraft)[]).every((k) => a[k] === b[k])

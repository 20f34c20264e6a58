import { parseUnits } from 'viem'
import { HEALTH_FACTOR_NO_DEBT } from '../../ui/format'

/** The user's own lines (risk profile): health factors as plain numbers (1.2 = HF 1.2), P(liquidation) as a fraction. */
export type HealthProfile = {
  warningHealthFactor: number
  targetHealthFactor: number
  /** Above it the account holds more collateral than it needs (room to borrow or withdraw); null = no upper line. */
  upperHealthFactor: number | null
  /** The chance of liquidation within 24 h the user accepts (0.01 = 1 %). */
  probabilityLimit24h: number
}

/**
 * How alarming the account is against the user's lines, worst first. The colour follows the level, and
 * so do the words (never colour alone): liquidatable (HF < 1: Aave's HEALTH_FACTOR_LIQUIDATION_THRESHOLD);
 * near liquidation (in the lower half between 1 and the warning line, or the 24 h chance of liquidation
 * above the user's limit: a volatile market can be near even at a comfortable-looking HF); below the
 * warning line; safe.
 */
export type HealthLevel = 'liquidatable' | 'near-liquidation' | 'warning' | 'safe'

export const HEALTH_LEVEL_WORDS: Record<HealthLevel, string> = {
  liquidatable: 'Liquidatable',
  'near-liquidation': 'Near liquidation',
  warning: 'Below your warning line',
  safe: 'Safe',
}

const ONE = parseUnits('1', 18)

/** A health factor typed by a person (1.2) as WAD, to compare with the chain's bigint exactly. */
export const healthFactorWad = (hf: number): bigint => parseUnits(hf.toFixed(6), 18)

export function healthLevel(hfWad: bigint, probability24h: number | null, profile: HealthProfile): HealthLevel {
  if (hfWad === HEALTH_FACTOR_NO_DEBT) return 'safe'
  if (hfWad < ONE) return 'liquidatable'
  const warning = healthFactorWad(profile.warningHealthFactor)
  const nearBelow = ONE + (warning - ONE) / 2n
  if (hfWad < nearBelow || (probability24h !== null && probability24h > profile.probabilityLimit24h))
    return 'near-liquidation'
  return hfWad < warning ? 'warning' : 'safe'
}

/** A second line for a safe account: where it sits against the target and the upper line. */
export function safeDetail(hfWad: bigint, profile: HealthProfile): string | null {
  if (hfWad === HEALTH_FACTOR_NO_DEBT) return 'no debt'
  if (hfWad < healthFactorWad(profile.targetHealthFactor)) return 'below your target'
  if (profile.upperHealthFactor !== null && hfWad > healthFactorWad(profile.upperHealthFactor))
    return 'above your upper line: room to borrow or withdraw'
  return null
}

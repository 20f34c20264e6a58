import { parseUnits } from 'viem'

const ONE = parseUnits('1', 18)
// Below 1.1 a routine price move can liquidate the account: warn before it is too late.
const WARNING_BELOW = parseUnits('1.1', 18)

export type HealthTone = 'liquidatable' | 'at-risk' | 'safe'

/** How alarming a health factor (WAD) is; HF < 1 is liquidatable (Aave's HEALTH_FACTOR_LIQUIDATION_THRESHOLD). */
export function healthTone(healthFactorWad: bigint): HealthTone {
  if (healthFactorWad < ONE) return 'liquidatable'
  if (healthFactorWad < WARNING_BELOW) return 'at-risk'
  return 'safe'
}

import type { ReserveSnapshot } from '../snapshot'
import { RAY, SECONDS_PER_YEAR, tokenUnit, WAD } from '../wadRayMath'
import type { ProposalCost, ProposalStep } from './proposal'
import type { ProposalInputs } from './proposalInputs'

/**
 * Gas per call, measured on the devnet (Aave v3.0.2, Uniswap V3 1.0.1; gasUsed with the 21,000
 * intrinsic, first touch of the reserve in the block). A swap costs more per initialized tick it
 * crosses. Estimates only: src/chain/tx simulates the real figure before anything is sent.
 */
export const GAS_ESTIMATE = {
  approve: 46_300n, // devnet: 46,153–46,276
  supply: 200_000n, // 135,427–202,564
  withdraw: 290_000n, // 231,646–344,088 (HF check over every reserve)
  repay: 185_000n, // 161,550–187,565
  setCollateral: 95_000n,
  swap: 110_000n, // 94,834–123,428 within one tick range
  swapPerInitializedTick: 30_000n,
} as const

/** ⌊amount · price / 10^decimals⌋, as GenericLogic values balances. */
export function valueBase(reserve: ReserveSnapshot, amount: bigint): bigint {
  return (amount * reserve.priceBase) / tokenUnit(reserve.decimals)
}

/** Simple interest on a value over `seconds` at a ray-denominated annual rate. */
export function interestBase(value: bigint, rateRay: bigint, seconds: number): bigint {
  return (value * rateRay * BigInt(seconds)) / (RAY * SECONDS_PER_YEAR)
}

export type CostParts = { swapFeeBase?: bigint; priceImpactBase?: bigint; lostYieldBase?: bigint }

/**
 * total = gas · gasPrice · p_native / 10^18 + swap fee + price impact + lost yield (signed: a
 * repay saves the borrow rate, a supply earns the supply rate, a withdraw gives it up).
 */
export function proposalCost(inputs: ProposalInputs, steps: readonly ProposalStep[], parts: CostParts): ProposalCost {
  const gasUnits = steps.reduce((sum, s) => sum + s.gasEstimate, 0n)
  const gasBase =
    inputs.nativePriceBase === undefined ? 0n : (gasUnits * inputs.settings.gasPriceWei * inputs.nativePriceBase) / WAD
  const swapFeeBase = parts.swapFeeBase ?? 0n
  const priceImpactBase = parts.priceImpactBase ?? 0n
  const lostYieldBase = parts.lostYieldBase ?? 0n
  return {
    gasUnits,
    gasBase,
    swapFeeBase,
    priceImpactBase,
    lostYieldBase,
    totalBase: gasBase + swapFeeBase + priceImpactBase + lostYieldBase,
    ...(inputs.liquidationLossBase !== undefined ? { liquidationLossBase: inputs.liquidationLossBase } : {}),
  }
}

import type { PriceRound } from '../../snapshot'
import type { GarchParameters } from '../garch'
import { SECONDS_PER_YEAR } from '../timeBasis'
import { seededNormal, seededUniform } from './seededNormal'

/**
 * A GARCH(1,1) feed for tests: time-scaled returns z_i = √h_i·ε_i with known (ω, α, β) on the
 * annualised basis, unevenly spaced (gaps uniform in [minGap, maxGap] seconds, like a feed mixing
 * deviation updates and heartbeats), turned into 8-decimal bigint rounds the way a feed stores them.
 */
export function simulateGarchRounds(
  parameters: GarchParameters,
  count: number,
  seed: number,
  gapSeconds: { min: number; max: number } = { min: 600, max: 3_600 },
): { rounds: PriceRound[]; z: Float64Array } {
  const normal = seededNormal(seed)
  const uniform = seededUniform(seed ^ 0x9e3779b9)
  const { omega, alpha, beta } = parameters
  let h = omega / (1 - alpha - beta)
  let logPrice = Math.log(2_000)
  let t = 1_700_000_000
  const z = new Float64Array(count)
  const rounds: PriceRound[] = [{ roundId: 1n, answer: toAnswer(logPrice), updatedAt: t }]
  for (let i = 0; i < count; i++) {
    const zi = Math.sqrt(h) * normal()
    z[i] = zi
    const dt = Math.round(gapSeconds.min + (gapSeconds.max - gapSeconds.min) * uniform())
    t += dt
    logPrice += zi * Math.sqrt(dt / SECONDS_PER_YEAR)
    rounds.push({ roundId: BigInt(i + 2), answer: toAnswer(logPrice), updatedAt: t })
    h = omega + alpha * zi * zi + beta * h
  }
  return { rounds, z }
}

function toAnswer(logPrice: number): bigint {
  return BigInt(Math.round(Math.exp(logPrice) * 1e8))
}

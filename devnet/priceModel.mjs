// A seeded model of correlated crypto prices with volatility clustering:
// GARCH(1,1) log-returns per asset driven by a common market factor, plus
// occasional market-wide jumps and an optional deterministic drift (a crash).
import { createRandom } from './random.mjs'

const SECONDS_PER_YEAR = 365 * 24 * 3600

/**
 * @typedef {{ volMultiplier: number, jumpsPerDay: number, jumpMean: number, jumpStd: number,
 *   crash?: { totalLogReturn: number, seconds: number } }} ScenarioShape
 */

export const scenarioShapes = {
  calm: { volMultiplier: 1, jumpsPerDay: 0, jumpMean: 0, jumpStd: 0 },
  volatile: { volMultiplier: 2.2, jumpsPerDay: 6, jumpMean: -0.01, jumpStd: 0.025 },
  // −35 % over three market hours (three minutes at the simulator's default pace), then a nervous market.
  crash: {
    volMultiplier: 1.6,
    jumpsPerDay: 4,
    jumpMean: -0.01,
    jumpStd: 0.02,
    crash: { totalLogReturn: Math.log(0.65), seconds: 10_800 },
  },
}

/**
 * @param {{ seed: number, assets: {symbol: string, price: number, annualVol: number}[], shape: ScenarioShape,
 *   correlation?: number, alpha?: number, beta?: number }} opts
 */
export function createPriceModel({ seed, assets, shape, correlation = 0.7, alpha = 0.08, beta = 0.9 }) {
  const random = createRandom(seed)
  const state = assets.map((a) => ({
    symbol: a.symbol,
    logPrice: Math.log(a.price),
    annualVol: a.annualVol,
    variance: NaN,
  }))
  let elapsed = 0
  const loading = Math.sqrt(correlation)
  const idiosyncratic = Math.sqrt(1 - correlation)

  /** Advances the market by dtSeconds of market time; returns the new prices by symbol. */
  function step(dtSeconds) {
    const factor = random.normal()
    const jumpProbability = (shape.jumpsPerDay * dtSeconds) / 86400
    const jump = random.uniform() < jumpProbability ? shape.jumpMean + shape.jumpStd * random.normal() : 0
    let drift = 0
    if (shape.crash && elapsed < shape.crash.seconds) {
      const dt = Math.min(dtSeconds, shape.crash.seconds - elapsed)
      drift = (shape.crash.totalLogReturn * dt) / shape.crash.seconds
    }
    for (const s of state) {
      const longRun = (s.annualVol * shape.volMultiplier) ** 2 * (dtSeconds / SECONDS_PER_YEAR)
      if (Number.isNaN(s.variance)) s.variance = longRun
      const z = loading * factor + idiosyncratic * random.normal()
      const shock = Math.sqrt(s.variance) * z
      if (s.annualVol > 0) s.logPrice += shock - s.variance / 2 + drift + jump
      // GARCH(1,1): h' = ω + α ε² + β h, with ω set so the long-run variance is the asset's own.
      s.variance = longRun * (1 - alpha - beta) + alpha * shock * shock + beta * s.variance
    }
    elapsed += dtSeconds
    return prices()
  }

  function prices() {
    return Object.fromEntries(state.map((s) => [s.symbol, Math.exp(s.logPrice)]))
  }

  return { step, prices }
}

/**
 * A feed's update rule: a new round when the price has moved by `deviation` from the
 * last answer, or when `heartbeat` seconds have passed (as Chainlink feeds update).
 */
export function feedUpdateDue(lastAnswer, lastTime, price, time, { deviation, heartbeat }) {
  // (1e-12: 100.5 / 100 − 1 is 0.004999… in floating point)
  return Math.abs(price / lastAnswer - 1) >= deviation - 1e-12 || time - lastTime >= heartbeat
}

/**
 * Past rounds for each asset: `days` of minute steps, a round on 0.5 % deviation or a
 * one-hour heartbeat, rescaled so the last round equals the asset's current price.
 * @returns {Record<string, {answers: number[], timestamps: number[]}>}
 */
export function generateHistory({ seed, assets, endTime, days = 14, stepSeconds = 60 }) {
  const model = createPriceModel({ seed, assets, shape: scenarioShapes.calm })
  const rules = { deviation: 0.005, heartbeat: 3600 }
  const out = Object.fromEntries(assets.map((a) => [a.symbol, { answers: [], timestamps: [] }]))
  const steps = Math.floor((days * 86400) / stepSeconds)
  const start = endTime - steps * stepSeconds
  let prices = model.prices()
  for (const a of assets) push(a.symbol, prices[a.symbol], start)
  for (let i = 1; i <= steps; i++) {
    prices = model.step(stepSeconds)
    const t = start + i * stepSeconds
    for (const a of assets) {
      const h = out[a.symbol]
      const last = h.answers.length - 1
      if (i === steps || feedUpdateDue(h.answers[last], h.timestamps[last], prices[a.symbol], t, rules))
        push(a.symbol, prices[a.symbol], t)
    }
  }
  for (const a of assets) {
    const h = out[a.symbol]
    const scale = a.price / h.answers[h.answers.length - 1]
    h.answers = h.answers.map((p) => p * scale)
  }
  return out

  function push(symbol, price, t) {
    out[symbol].answers.push(price)
    out[symbol].timestamps.push(t)
  }
}

import { getAddress } from 'viem'
import type { Hex } from '../../engine/snapshot'
import type { RiskSnapshot, SnapshotLiquidation, SnapshotOdds, SnapshotPosition } from './snapshotModel'
import {
  DIRECTION_CODES,
  INFINITE_HEALTH_FACTOR,
  NEVER,
  NO_ODDS_CODES,
  NO_PRICE_CODES,
  NO_SHOCK_CODES,
  ODDS_METHOD_CODES,
  PRIVACY_CODES,
  STATUS_CODES,
  type WireSnapshot,
} from './snapshotSchema'

/**
 * The model ↔ wire mapping (snapshotSchema.ts describes the wire). Lossless for every snapshot
 * fromReport makes: decode(encode(s)) deep-equals s, which the signature relies on (the signed hash
 * is over the re-encoded snapshot). Addresses are checksummed on both sides for the same reason.
 */

const index = <T>(table: readonly T[], value: T) => table.indexOf(value)
const at = <T>(table: readonly T[], i: number) => table[i] as T

// Thousandths, with ∞ as the sentinel: exact for the values fromReport makes (already truncated to 3 decimals).
const hfToWire = (x: number) => (x === Number.POSITIVE_INFINITY ? INFINITE_HEALTH_FACTOR : Math.round(x * 1000))
const hfFromWire = (k: number) => (k === INFINITE_HEALTH_FACTOR ? Number.POSITIVE_INFINITY : k / 1000)

function liquidationToWire(l: SnapshotLiquidation): WireSnapshot['r'][number][7] {
  return l.priceBase === null
    ? index(NO_PRICE_CODES, l.reason)
    : [l.priceBase.toString(), index(DIRECTION_CODES, l.direction), l.distanceFraction]
}

function oddsToWire(o: SnapshotOdds): WireSnapshot['o'] {
  if (o.method === 'none') return [0, index(NO_ODDS_CODES, o.reason)]
  const t = o.timeToThresholdSeconds
  return [
    index(ODDS_METHOD_CODES, o.method) as 1 | 2,
    o.threshold,
    t === Number.POSITIVE_INFINITY ? NEVER : t,
    o.horizons.map((h) => [h.horizonSeconds, h.probability, h.distanceSigmas] as [number, number, number]),
  ]
}

export function toWire(s: RiskSnapshot): WireSnapshot {
  const h = s.headline
  const l = h.liquidation
  return {
    v: s.v,
    p: index(PRIVACY_CODES, s.privacy),
    c: s.chainId,
    m: [s.market.name, getAddress(s.market.pool)],
    b: [s.block.number.toString(), s.block.timestamp],
    ...(s.account === null ? {} : { a: getAddress(s.account) }),
    h: [
      h.healthFactorWad.toString(),
      index(STATUS_CODES, h.status),
      h.totalCollateralBase.toString(),
      h.totalDebtBase.toString(),
      h.availableBorrowsBase.toString(),
      h.liquidationThresholdBps,
      h.ltvBps,
      l.shock,
      l.shock === null ? index(NO_SHOCK_CODES, l.reason) : index(DIRECTION_CODES, l.direction),
    ],
    r: s.positions.map((p) => [
      p.symbol,
      p.decimals,
      p.priceBase.toString(),
      p.supplied.toString(),
      p.borrowed.toString(),
      (p.countsAsCollateral ? 1 : 0) | (p.volatile ? 2 : 0),
      p.liquidationThresholdBps,
      liquidationToWire(p.liquidation),
    ]),
    o: oddsToWire(s.odds),
    s: [
      s.stress.fromShock,
      s.stress.toShock,
      s.stress.curves.map((c) => [c.label, c.crossingShock, c.healthFactor.map(hfToWire)]),
    ],
    g: [
      s.greeks.underlyings.map((g) => [
        g.symbol,
        g.volatile ? 1 : 0,
        g.deltaUsd.lending,
        g.deltaUsd.lp,
        g.deltaUsd.external,
        g.gammaUsdPerPercent,
        g.vegaUsdPerVolPoint,
      ]),
      s.greeks.netVolatileDeltaUsd,
    ],
    f: [
      s.profile.warningHealthFactor,
      s.profile.targetHealthFactor,
      s.profile.upperHealthFactor,
      s.profile.probabilityLimit24h,
    ],
  }
}

function positionFromWire([symbol, decimals, price, supplied, borrowed, flags, lt, liq]: WireSnapshot['r'][number]) {
  const liquidation: SnapshotLiquidation =
    typeof liq === 'number'
      ? { priceBase: null, reason: at(NO_PRICE_CODES, liq) }
      : { priceBase: BigInt(liq[0]), direction: at(DIRECTION_CODES, liq[1]), distanceFraction: liq[2] }
  const position: SnapshotPosition = {
    symbol,
    decimals,
    priceBase: BigInt(price),
    supplied: BigInt(supplied),
    borrowed: BigInt(borrowed),
    countsAsCollateral: (flags & 1) !== 0,
    volatile: (flags & 2) !== 0,
    liquidationThresholdBps: lt,
    liquidation,
  }
  return position
}

function oddsFromWire(o: WireSnapshot['o']): SnapshotOdds {
  if (o[0] === 0) return { method: 'none', reason: at(NO_ODDS_CODES, o[1]) }
  const [method, threshold, t, horizons] = o
  return {
    method: at(ODDS_METHOD_CODES, method) as 'closed-form' | 'monte-carlo',
    threshold,
    timeToThresholdSeconds: t === NEVER ? Number.POSITIVE_INFINITY : t,
    horizons: horizons.map(([horizonSeconds, probability, distanceSigmas]) => ({
      horizonSeconds,
      probability,
      distanceSigmas,
    })),
  }
}

/**
 * The model from schema-valid wire data, or why the data does not hang together (what a
 * per-field schema cannot say: curves of one length, an account exactly when the level keeps it).
 */
export function fromWire(w: WireSnapshot): RiskSnapshot | { error: string } {
  const privacy = at(PRIVACY_CODES, w.p)
  if ((privacy === 'full') !== (w.a !== undefined)) return { error: 'the account is present at a redacted level' }
  const [shock, reasonOrDirection] = [w.h[7], w.h[8]]
  if (shock !== null && reasonOrDirection >= DIRECTION_CODES.length) return { error: 'unknown direction' }
  const [fromShock, toShock, curves] = w.s
  const points = curves[0]?.[2].length ?? 0
  if (curves.some((c) => c[2].length !== points)) return { error: 'stress curves of different lengths' }
  if (points > 0 && !(fromShock < toShock || (points === 1 && fromShock === toShock)))
    return { error: 'stress grid out of order' }
  return {
    v: w.v,
    privacy,
    chainId: w.c,
    market: { name: w.m[0], pool: getAddress(w.m[1]) },
    block: { number: BigInt(w.b[0]), timestamp: w.b[1] },
    account: w.a === undefined ? null : (getAddress(w.a) as Hex),
    headline: {
      healthFactorWad: BigInt(w.h[0]),
      status: at(STATUS_CODES, w.h[1]),
      totalCollateralBase: BigInt(w.h[2]),
      totalDebtBase: BigInt(w.h[3]),
      availableBorrowsBase: BigInt(w.h[4]),
      liquidationThresholdBps: w.h[5],
      ltvBps: w.h[6],
      liquidation:
        shock === null
          ? { shock: null, reason: at(NO_SHOCK_CODES, reasonOrDirection) }
          : { shock, direction: at(DIRECTION_CODES, reasonOrDirection) },
    },
    positions: w.r.map(positionFromWire),
    odds: oddsFromWire(w.o),
    stress: {
      fromShock,
      toShock,
      curves: curves.map(([label, crossingShock, hf]) => ({ label, crossingShock, healthFactor: hf.map(hfFromWire) })),
    },
    greeks: {
      underlyings: w.g[0].map(([symbol, volatile, lending, lp, external, gamma, vega]) => ({
        symbol,
        volatile: volatile === 1,
        deltaUsd: { lending, lp, external },
        gammaUsdPerPercent: gamma,
        vegaUsdPerVolPoint: vega,
      })),
      netVolatileDeltaUsd: w.g[1],
    },
    profile: {
      warningHealthFactor: w.f[0],
      targetHealthFactor: w.f[1],
      upperHealthFactor: w.f[2],
      probabilityLimit24h: w.f[3],
    },
  }
}

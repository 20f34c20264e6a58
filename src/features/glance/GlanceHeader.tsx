import type { RiskReport } from '../../engine/riskReport'
import {
  formatBlockNumber,
  formatDuration,
  formatHealthFactor,
  formatProbability,
  formatRatio,
  formatSeconds,
  formatSigmas,
  formatUsd,
} from '../../ui/format'
import { HEALTH_LEVEL_WORDS, type HealthProfile, healthFactorWad, healthLevel, safeDetail } from './healthLevel'
import {
  borrowingPowerUsed,
  distanceSigmasWithin,
  liquidationDistance,
  netWorthBase,
  probabilityWithin,
} from './reportFigures'
import './glance.css'

export type GlanceHeaderProps = {
  report: RiskReport | undefined
  profile: HealthProfile
  /** Age of the block the report describes, when the caller tracks the clock (seconds). */
  blockAgeSeconds?: number
  /** How to name the active account: an ENS name, a watchlist label, or a shortened address. */
  accountLabel: string
  chainName: string
}

/**
 * The top of the page: within two seconds a trader knows whether they are safe (the health factor,
 * large, coloured and worded against their own lines), how far from liquidation they are, how likely
 * it is within a day and when it becomes likely, and what the account holds.
 */
export function GlanceHeader({ report, profile, blockAgeSeconds, accountLabel, chainName }: GlanceHeaderProps) {
  const where = (
    <p className="glance-where">
      <span data-testid="glance-account">{accountLabel}</span> <span className="muted">on</span>{' '}
      <span data-testid="glance-chain">{chainName}</span>
      {report && (
        <span className="muted">
          {' '}
          · block {formatBlockNumber(report.block.number)}
          {blockAgeSeconds !== undefined && `, ${formatSeconds(blockAgeSeconds)} old`}
        </span>
      )}
    </p>
  )
  if (!report)
    return (
      <section className="glance glance-loading" aria-label="At a glance" aria-busy="true" data-testid="glance">
        {where}
        <p role="status" className="glance-loading-text">
          Reading your position…
        </p>
        <div className="glance-skeleton" aria-hidden="true">
          <span className="glance-skeleton-hf" />
          <span />
          <span />
          <span />
        </div>
      </section>
    )

  const hf = report.accountData.healthFactorWad
  const p24 = probabilityWithin(report)
  const level = healthLevel(hf, p24, profile)
  const detail = level === 'safe' ? safeDetail(hf, profile) : null
  return (
    <section className={`glance glance-${level}`} aria-label="At a glance" data-testid="glance" data-level={level}>
      {where}
      <div className="glance-main">
        <div className="glance-hf-block">
          <span className="glance-label" id="glance-hf-label">
            Health factor
          </span>
          <output
            className="glance-hf"
            aria-labelledby="glance-hf-label"
            data-testid="glance-hf"
            data-wad={hf.toString()}
          >
            {formatHealthFactor(hf)}
          </output>
          <span className="glance-level" data-testid="glance-level">
            <LevelIcon level={level} /> {HEALTH_LEVEL_WORDS[level]}
            {detail && <span className="glance-level-detail">, {detail}</span>}
          </span>
          <span className="glance-lines muted">
            warning {formatHealthFactor(healthFactorWad(profile.warningHealthFactor))} · target{' '}
            {formatHealthFactor(healthFactorWad(profile.targetHealthFactor))}
          </span>
        </div>
        <dl className="glance-risk">
          <div>
            <dt>Distance to liquidation</dt>
            <dd data-testid="glance-distance">
              <Distance report={report} />
            </dd>
          </div>
          <div>
            <dt>Chance of liquidation in 24 h</dt>
            <dd data-testid="glance-p24h" data-probability={p24 ?? ''}>
              {p24 === null ? <span className="muted">not enough price history</span> : formatProbability(p24)}
              {p24 !== null && p24 > profile.probabilityLimit24h && (
                <span className="glance-over">
                  {' '}
                  (above your {formatProbability(profile.probabilityLimit24h)} limit)
                </span>
              )}
            </dd>
          </div>
          <div>
            <dt>Time to trouble</dt>
            <dd data-testid="glance-time-to-trouble">
              <TimeToTrouble report={report} />
            </dd>
          </div>
        </dl>
      </div>
      <dl className="glance-money">
        <div>
          <dt>Net worth</dt>
          <dd data-testid="glance-net-worth">{formatUsd(netWorthBase(report))}</dd>
        </div>
        <div>
          <dt>Collateral</dt>
          <dd>{formatUsd(report.accountData.totalCollateralBase)}</dd>
        </div>
        <div>
          <dt>Debt</dt>
          <dd>{formatUsd(report.accountData.totalDebtBase)}</dd>
        </div>
        <div>
          <dt>Borrowing power</dt>
          <dd>
            {formatUsd(report.accountData.availableBorrowsBase)} <span className="muted">left</span>
            <BorrowingUsed used={borrowingPowerUsed(report)} />
          </dd>
        </div>
      </dl>
    </section>
  )
}

function Distance({ report }: { report: RiskReport }) {
  const d = liquidationDistance(report)
  if (d.fraction === null) return <span className="muted">{d.why}</span>
  const sigmas = distanceSigmasWithin(report)
  return (
    <>
      {formatRatio(Math.abs(d.fraction))} {d.direction === 'down' ? 'fall' : 'rise'}
      {sigmas !== null && <span className="muted"> · {formatSigmas(sigmas)} in 24 h</span>}
      <span className="glance-hint">of every volatile price together</span>
    </>
  )
}

function TimeToTrouble({ report }: { report: RiskReport }) {
  const p = report.liquidationProbability
  if (p.method === 'none')
    return (
      <span className="muted">
        {p.reason === 'liquidatable' ? 'now' : p.reason === 'missing-volatility' ? '—' : 'none'}
      </span>
    )
  if (p.timeToThresholdSeconds === null) return <span className="muted">—</span>
  return (
    <>
      {formatDuration(p.timeToThresholdSeconds)}
      <span className="glance-hint">until a {formatProbability(p.threshold)} chance</span>
    </>
  )
}

function BorrowingUsed({ used }: { used: number | null }) {
  if (used === null) return null
  return <span className="glance-hint">{formatRatio(used)} used</span>
}

/** A shape per level, so the level reads without colour (and in forced-colours mode). */
function LevelIcon({ level }: { level: keyof typeof HEALTH_LEVEL_WORDS }) {
  const glyph = { safe: '✓', warning: '!', 'near-liquidation': '▲', liquidatable: '✕' }[level]
  return (
    <span className="glance-icon" aria-hidden="true">
      {glyph}
    </span>
  )
}

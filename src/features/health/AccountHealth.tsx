import type { UseQueryResult } from '@tanstack/react-query'
import type { AccountDataAtBlock } from '../../chain/useAccountHealth'
import { formatBps, formatHealthFactor, formatUsd } from '../../ui/format'
import { Notice } from '../../ui/Notice'
import { Stat } from '../../ui/Stat'
import { describeReadError, type ReadErrorMarket } from './describeReadError'
import { healthTone } from './healthTone'

const toneLabel = { liquidatable: 'liquidatable', 'at-risk': 'at risk', safe: 'safe' } as const

/** The account's health factor and Aave totals, as read at the block shown beside them. */
export function AccountHealth({
  query,
  market,
}: {
  query: UseQueryResult<AccountDataAtBlock>
  market: ReadErrorMarket
}) {
  if (query.isError && !query.data)
    return (
      <Notice tone="error" title="Cannot read the account">
        {describeReadError(query.error, market)}
      </Notice>
    )
  if (!query.data) return <p className="muted">Reading the account…</p>

  const data = query.data
  const tone = healthTone(data.healthFactor)
  return (
    <div className="account-health">
      <div className={`health-factor health-${tone}`}>
        <span className="health-factor-label">Health factor</span>
        <output data-testid="health-factor" data-wad={data.healthFactor.toString()}>
          {formatHealthFactor(data.healthFactor)}
        </output>
        <span className="health-factor-tone">{toneLabel[tone]}</span>
      </div>
      <dl className="stats">
        <Stat label="Total collateral">{formatUsd(data.totalCollateralBase)}</Stat>
        <Stat label="Total debt">{formatUsd(data.totalDebtBase)}</Stat>
        <Stat label="Available to borrow">{formatUsd(data.availableBorrowsBase)}</Stat>
        <Stat label="Liquidation threshold" hint="Collateral-weighted average">
          {formatBps(data.currentLiquidationThreshold)}
        </Stat>
        <Stat label="Max LTV" hint="Collateral-weighted average loan-to-value">
          {formatBps(data.ltv)}
        </Stat>
      </dl>
    </div>
  )
}

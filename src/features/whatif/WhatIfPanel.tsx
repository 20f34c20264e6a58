import { useMemo, useState } from 'react'
import type { RiskReport } from '../../engine/riskReport'
import type { RiskSettings } from '../../engine/settings'
import type { Hex, PortfolioSnapshot } from '../../engine/snapshot'
import type { RiskMarketContext } from '../../state/riskReportFeed'
import { formatMultiplier, formatPercentChange } from '../../ui/format'
import { shockSnapshot } from './shockSnapshot'
import { useFrameThrottled } from './useFrameThrottled'
import { useWhatIfReport } from './useWhatIfReport'
import { WhatIfResult } from './WhatIfResult'
import {
  assetSliderText,
  isLive,
  LIVE_INPUTS,
  priceShocks,
  SHOCK_LIMIT_PERCENT,
  shockWords,
  VOLATILITY_RANGE,
  volatilityWords,
  type WhatIfInputs,
} from './whatIfInputs'
import './whatif.css'

export type WhatIfPanelProps = {
  /** The live snapshot and its report: the sliders move prices relative to them, block after block. */
  snapshot: PortfolioSnapshot
  report: RiskReport
  market: RiskMarketContext
  /** The live settings (the user's risk profile); the volatility slider multiplies their volatilityScale. */
  settings: Partial<RiskSettings>
}

/**
 * What-if: move each asset's price (−60 %…+60 %), every volatile price together, and volatility
 * (0.5×–3×); the engine in the worker answers with the hypothetical health factor, liquidation prices,
 * P(liquidation) and best proposal. Shocks are relative to the live prices, so the answer follows the
 * chain block by block until "Back to live".
 */
export function WhatIfPanel({ snapshot, report, market, settings }: WhatIfPanelProps) {
  const [inputs, setInputs] = useState<WhatIfInputs>(LIVE_INPUTS)
  const committed = useFrameThrottled(inputs)
  const live = isLive(committed)
  const assets = report.assets
  const shocked = useMemo(
    () => (live ? undefined : shockSnapshot(snapshot, priceShocks(assets, committed))),
    [live, snapshot, assets, committed],
  )
  const whatIfSettings = useMemo(
    () => ({ ...settings, volatilityScale: (settings.volatilityScale ?? 1) * committed.volatilityScale }),
    [settings, committed.volatilityScale],
  )
  const whatIf = useWhatIfReport(shocked, whatIfSettings, market)
  const setAsset = (asset: Hex, percent: number) =>
    setInputs((i) => ({ ...i, assets: { ...i.assets, [asset]: percent } }))
  const hasVolatile = assets.some((a) => a.volatile)

  return (
    <section className="panel whatif" aria-labelledby="whatif-title" data-testid="whatif-panel">
      <div className="whatif-head">
        <h2 id="whatif-title">What-if</h2>
        <button
          type="button"
          onClick={() => setInputs(LIVE_INPUTS)}
          disabled={isLive(inputs)}
          data-testid="whatif-reset"
        >
          Back to live
        </button>
      </div>
      <fieldset className="whatif-sliders">
        <legend>Price moves from the live oracle price</legend>
        {assets.map((a) => (
          <ShockSlider
            key={a.address}
            id={`whatif-${a.symbol}`}
            label={a.symbol}
            value={inputs.assets[a.address] ?? 0}
            valueText={assetSliderText(a, inputs)}
            onChange={(p) => setAsset(a.address, p)}
          />
        ))}
        {hasVolatile && (
          <ShockSlider
            id="whatif-all"
            label="All volatile together"
            value={inputs.all}
            valueText={`Every volatile price ${shockWords(inputs.all)}`}
            onChange={(all) => setInputs((i) => ({ ...i, all }))}
          />
        )}
      </fieldset>
      <div className="whatif-slider">
        <label htmlFor="whatif-volatility">Volatility</label>
        <input
          id="whatif-volatility"
          type="range"
          min={VOLATILITY_RANGE.min}
          max={VOLATILITY_RANGE.max}
          step={VOLATILITY_RANGE.step}
          value={inputs.volatilityScale}
          aria-valuetext={volatilityWords(inputs.volatilityScale)}
          onChange={(e) => setInputs((i) => ({ ...i, volatilityScale: Number(e.currentTarget.value) }))}
          data-testid="whatif-volatility"
        />
        <output htmlFor="whatif-volatility">{formatMultiplier(inputs.volatilityScale)}</output>
      </div>
      {live ? (
        <p className="muted whatif-hint">Move a slider to see your account under other prices or volatility.</p>
      ) : (
        <WhatIfResult live={report} whatIf={whatIf} />
      )}
    </section>
  )
}

function ShockSlider({
  id,
  label,
  value,
  valueText,
  onChange,
}: {
  id: string
  label: string
  value: number
  valueText: string
  onChange: (percent: number) => void
}) {
  return (
    <div className="whatif-slider">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="range"
        min={-SHOCK_LIMIT_PERCENT}
        max={SHOCK_LIMIT_PERCENT}
        step={1}
        value={value}
        aria-valuetext={valueText}
        onChange={(e) => onChange(Number(e.currentTarget.value))}
        data-testid={id}
      />
      <output htmlFor={id}>{formatPercentChange(value / 100)}</output>
    </div>
  )
}

import { useCallback, useEffect, useMemo, useState } from 'react'
import type { Chain } from 'viem'
import { useConfig } from 'wagmi'
import { DEMO_WALLET_ID } from '../../chain/demoWalletConnector'
import type { Proposal } from '../../engine/proposals/proposal'
import type { RiskReport } from '../../engine/riskReport'
import type { PortfolioSnapshot } from '../../engine/snapshot'
import { probability24h } from '../../state/history/historyPoint'
import { formatHealthFactor } from '../../ui/format'
import { Notice } from '../../ui/Notice'
import { useThrottledValue } from '../../ui/useThrottledValue'
import { ProposalRow } from './ProposalRow'
import { ProtectStatus } from './ProtectStatus'
import { stepLabel, type TokenInfo } from './proposalFormat'
import { isBusy } from './protectMachine'
import { simulationAgrees, useProposalSimulation } from './useProposalSimulation'
import { useProtect } from './useProtect'
import './proposals.css'

export type ProposalsGuard = {
  /** A threshold was crossed: the best proposal goes to the top, with the alert. */
  triggered: boolean
  /** Execute the best proposal by itself (honoured on the devnet's demo wallet only). */
  autoExecute: boolean
  /** Identifies one crossing (e.g. its block); default: the block at which `triggered` turned on. */
  triggerKey?: string
}

export type ProposalsPanelProps = {
  report: RiskReport
  /** Symbols and decimals of every reserve (the report's own assets and amounts cover the usual case). */
  snapshot?: PortfolioSnapshot | undefined
  /** A watched account: proposals are shown, never sent. */
  readOnly: boolean
  chainId: number
  guard?: ProposalsGuard | undefined
}

/** How many proposals are shown (each simulated on the node) before "Show all". */
const SHOWN = 8
/**
 * The shown proposals move on to a new block's at most this often (each move is one eth_simulateV1
 * per shown proposal): every block on a chain slower than this, every fourth on a 250 ms chain.
 */
const PROPOSALS_REFRESH_MS = 1_000
/** Crossings already auto-executed, by chain, account and trigger: never twice, even if the panel remounts. */
const autoExecuted = new Set<string>()

/**
 * The engine's protective proposals, ranked (cheapest way to the target first), each simulated on
 * the node before its Protect button turns on; the Protect run's status; and guard mode.
 */
export function ProposalsPanel({ report, snapshot, readOnly, chainId, guard }: ProposalsPanelProps) {
  const config = useConfig()
  const chain = config.chains.find((c) => c.id === chainId) as Chain | undefined
  const tokens = useMemo(() => {
    const book = new Map<string, TokenInfo>()
    for (const r of snapshot?.reserves ?? []) book.set(r.asset.toLowerCase(), r)
    for (const a of report.assets) book.set(a.address.toLowerCase(), a)
    for (const p of report.proposals) for (const a of p.amounts) book.set(a.asset.toLowerCase(), a)
    return (asset: string) => {
      const t = book.get(asset.toLowerCase())
      return t ? { symbol: t.symbol, decimals: t.decimals } : { symbol: `${asset.slice(0, 6)}…`, decimals: 18 }
    }
  }, [snapshot, report])
  const pool = report.market.pool
  const describeCalls = useCallback(
    (p: Proposal) => p.steps.map((s) => ({ label: stepLabel(s, tokens, pool), type: s.type })),
    [tokens, pool],
  )
  if (!chain) return <p className="muted">Chain {chainId} is not configured: proposals cannot be simulated.</p>
  return (
    <ProposalsBody
      report={report}
      readOnly={readOnly}
      chain={chain}
      guard={guard}
      tokens={tokens}
      describeCalls={describeCalls}
    />
  )
}

function ProposalsBody({
  report,
  readOnly,
  chain,
  guard,
  tokens,
  describeCalls,
}: {
  report: RiskReport
  readOnly: boolean
  chain: Chain
  guard: ProposalsGuard | undefined
  tokens: (asset: string) => TokenInfo
  describeCalls: (p: Proposal) => { label: string; type: string }[]
}) {
  const pool = report.market.pool
  const protect = useProtect({
    chain,
    account: report.account,
    pool,
    targetHealthFactorWad: report.settings.targetHealthFactorWad,
    describeCalls,
  })
  const [showAll, setShowAll] = useState(false)
  const [activeSummary, setActiveSummary] = useState<string>()
  // Each row shows one block's proposal beside that block's simulation (useSettledSimulation) and
  // Protect re-checks on the latest block before anything is signed, so the list need not follow
  // every block of a fast chain: amounts a second old are as good to read, and in danger too.
  const proposals = useThrottledValue(report.proposals, PROPOSALS_REFRESH_MS)
  const best = proposals[0]
  const guardOn = guard?.triggered === true && best !== undefined
  const busy = isBusy(protect.state)
  const blockedReason = readOnly
    ? 'Read-only: a watched account'
    : !protect.walletReady
      ? 'Connect this account’s wallet'
      : protect.pending
        ? 'A protective transaction is pending'
        : busy
          ? 'Another protect is in progress'
          : undefined

  const onProtect = useCallback(
    (p: Proposal) => {
      setActiveSummary(p.summary)
      protect.protect(p)
    },
    [protect.protect],
  )

  // Guard mode's automatic execution: on the demo wallet only, once per crossing, and with this
  // report's best proposal (the list shown can be a block behind), simulated only while it may run.
  const latestBest = report.proposals[0]
  const bestSimulation = useProposalSimulation(guard?.triggered && guard.autoExecute ? latestBest : undefined)
  // The block at which the guard turned on identifies the crossing when the caller gives no key.
  const [triggerBlock, setTriggerBlock] = useState<string>()
  const triggered = guard?.triggered === true
  const blockNumber = report.block.number
  // The alert can run ahead of the report shown here (the dashboard hands panels a deferred report):
  // act only on a report that itself shows the crossing, or the proposal would predate it.
  const p24 = probability24h(report)
  const crossed =
    report.accountData.healthFactorWad < report.settings.warningHealthFactorWad ||
    (p24 !== undefined && p24 > report.settings.probabilityThreshold)
  useEffect(() => {
    setTriggerBlock((b) => (triggered ? (b ?? (crossed ? blockNumber.toString() : undefined)) : undefined))
  }, [triggered, crossed, blockNumber])
  const triggerKey = guard?.triggerKey ?? triggerBlock
  const bestAgrees = bestSimulation.data ? simulationAgrees(bestSimulation.data) : false
  useEffect(() => {
    if (!guard?.triggered || !guard.autoExecute || !latestBest || !triggerKey || !crossed) return
    if (protect.connectorId !== DEMO_WALLET_ID || blockedReason !== undefined || !bestAgrees) return
    const key = `${chain.id}:${report.account}:${triggerKey}`
    if (autoExecuted.has(key)) return
    autoExecuted.add(key)
    onProtect(latestBest)
  }, [
    guard,
    latestBest,
    triggerKey,
    crossed,
    protect.connectorId,
    blockedReason,
    bestAgrees,
    chain.id,
    report.account,
    onProtect,
  ])

  const rest = guardOn ? proposals.slice(1) : proposals
  const shown = showAll ? rest : rest.slice(0, SHOWN)
  const liquidationLoss =
    report.liquidationCost.scenario === null ? undefined : report.liquidationCost.best?.userLossBase
  const row = (p: Proposal, highlighted = false) => (
    <ProposalRow
      key={p.id}
      proposal={p}
      tokens={tokens}
      pool={pool}
      liquidationLossBase={liquidationLoss}
      blockedReason={blockedReason}
      onProtect={onProtect}
      highlighted={highlighted}
    />
  )
  return (
    <div
      className="proposals-panel"
      data-testid="proposals-panel"
      data-target-health-factor-wad={report.settings.targetHealthFactorWad.toString()}
    >
      {guardOn && best && (
        <div className="proposal-guard" role="alert" aria-label="Protect now">
          <strong className="proposal-guard-title">
            Health factor {formatHealthFactor(report.accountData.healthFactorWad)} crossed your line: protect now
          </strong>
          {guard?.autoExecute && protect.connectorId === DEMO_WALLET_ID && (
            <p className="muted">Guard mode executes this proposal by itself on the demo wallet.</p>
          )}
          <ol className="proposals">{row(best, true)}</ol>
        </div>
      )}
      <ProtectStatus
        state={protect.state}
        summary={activeSummary ?? protect.pending?.summary}
        chainId={chain.id}
        chainName={chain.name}
        onDismiss={protect.dismiss}
      />
      {protect.pending && protect.state.phase === 'idle' && (
        <Notice title="A protective transaction is pending">
          Waiting for its receipts before anything else is sent…
        </Notice>
      )}
      {readOnly && proposals.length > 0 && (
        <p className="muted">
          Read-only: these proposals are for information; only the account’s own wallet can carry one out.
        </p>
      )}
      {proposals.length === 0 ? (
        <p className="muted">No action needed: the account is at or above its target health factor.</p>
      ) : (
        rest.length > 0 && (
          <ol className="proposals" data-testid="proposals">
            {shown.map((p) => row(p))}
          </ol>
        )
      )}
      {rest.length > SHOWN && (
        <button type="button" className="proposals-more" onClick={() => setShowAll((v) => !v)} aria-expanded={showAll}>
          {showAll ? 'Show fewer' : `Show all ${rest.length} proposals`}
        </button>
      )}
    </div>
  )
}

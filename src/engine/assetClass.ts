import type { EModeCategory, Hex, PortfolioSnapshot, ReserveSnapshot } from './snapshot'

/**
 * Which assets are "volatile" (their price moves in the correlated liquidation price and the
 * stress curves) and which are stablecoins (held fixed). The one place that decides it:
 * liquidation prices, stress and proposals all ask `isVolatile`.
 *
 * Rule, first match wins:
 * 1. the caller's override (`stable` / `volatile` asset lists, e.g. from a market config or the
 *    devnet manifest's `volatile` flag);
 * 2. a known USD stablecoin symbol (below) → stable;
 * 3. the reserve sits in an e-mode category whose label says "stable" (Aave labels its USD
 *    categories "Stablecoins", "sUSDe Stablecoins", …) → stable;
 * 4. everything else → volatile (ETH, BTC, LSTs, governance tokens, and non-USD stablecoins such as
 *    EURC, whose USD price moves with EUR/USD).
 */
export type AssetClassOverrides = {
  stable?: readonly Hex[]
  volatile?: readonly Hex[]
}

/** USD-pegged symbols as Aave V3 markets list them (upper-cased; bridged variants included). */
const USD_STABLECOINS = new Set([
  'USDC',
  'USDC.E',
  'USDBC',
  'USDT',
  'USDT0',
  'USD₮0',
  'DAI',
  'DAI.E',
  'SDAI',
  'USDS',
  'SUSDS',
  'GHO',
  'LUSD',
  'FRAX',
  'PYUSD',
  'CRVUSD',
  'USDE',
  'SUSDE',
  'RLUSD',
  'TUSD',
  'USDP',
  'FDUSD',
  'DOLA',
  'MAI',
  'M.USDC',
])

const labelSaysStable = (category: EModeCategory) => /stable/i.test(category.label)

/** true when the asset is a stablecoin by the rules above. */
export function isStable(snapshot: PortfolioSnapshot, reserve: ReserveSnapshot, overrides?: AssetClassOverrides) {
  const asset = reserve.asset.toLowerCase()
  if (overrides?.stable?.some((a) => a.toLowerCase() === asset)) return true
  if (overrides?.volatile?.some((a) => a.toLowerCase() === asset)) return false
  if (USD_STABLECOINS.has(reserve.symbol.toUpperCase())) return true
  const legacy = snapshot.revision.version === '3.0' || snapshot.revision.version === '3.1'
  return snapshot.eModes.some((category) => {
    if (!labelSaysStable(category)) return false
    if (legacy) return reserve.eModeCategoryId === category.id
    const bitmap = (category.collateralBitmap ?? 0n) | (category.borrowableBitmap ?? 0n)
    return ((bitmap >> BigInt(reserve.id)) & 1n) === 1n
  })
}

/** The complement of isStable: the assets whose prices the correlated move and the stress grid shock. */
export function isVolatile(snapshot: PortfolioSnapshot, reserve: ReserveSnapshot, overrides?: AssetClassOverrides) {
  return !isStable(snapshot, reserve, overrides)
}

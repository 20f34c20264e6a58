import type { PortfolioSnapshot } from '../../snapshot'
import { type FixtureOptions, snapshotFixture } from '../../testing/snapshotFixture'
import { withPools } from '../../testing/uniswapPoolFixture'
import { WAD } from '../../wadRayMath'
import type { ProposalSettings } from '../proposal'

/**
 * The devnet's demo accounts as fixtures (devnet/seed.mjs), with its pools (each volatile asset
 * against USDC, $15M a side) and some interest running, for the proposal tests.
 */

const RAY_PCT = 10n ** 25n // 1 % a year in ray

const market: FixtureOptions = {
  blockTimestamp: 1_750_000_000,
  reserveOverrides: {
    USDC: { variableBorrowRate: 6n * RAY_PCT, liquidityRate: 4n * RAY_PCT, lastUpdateTimestamp: 1_749_990_000 },
    DAI: { variableBorrowRate: 5n * RAY_PCT, liquidityRate: 3n * RAY_PCT, lastUpdateTimestamp: 1_749_900_000 },
    WETH: { liquidityRate: 2n * RAY_PCT, variableBorrowRate: 3n * RAY_PCT, lastUpdateTimestamp: 1_749_999_000 },
  },
}

const pools = (s: PortfolioSnapshot) => withPools(s, 'USDC', ['WETH', 'WBTC', 'LINK', 'CRV'], 15_000_000n * 10n ** 8n)

/** HF ≈ 1.40: 20 WETH, 0.5 WBTC, 2000 LINK against 50k USDC + 25k DAI; wallet 8k USDC, 3k DAI, 1.5 WETH. */
export const traderFixture = (options: FixtureOptions = {}) =>
  pools(
    snapshotFixture({
      ...market,
      positions: {
        WETH: { supplied: 20 },
        WBTC: { supplied: '0.5' },
        LINK: { supplied: 2000 },
        USDC: { borrowed: 50_000 },
        DAI: { borrowed: 25_000 },
      },
      walletBalances: { USDC: 8_000, DAI: 3_000, WETH: '1.5' },
      ...options,
    }),
  )

/** HF ≈ 1.05: 10 WETH against 23.5k USDC; wallet 2k USDC. */
export const nearLiquidationFixture = (options: FixtureOptions = {}) =>
  pools(
    snapshotFixture({
      ...market,
      positions: { WETH: { supplied: 10 }, USDC: { borrowed: 23_500 } },
      walletBalances: { USDC: 2_000 },
      ...options,
    }),
  )

export const SWAP_ROUTER = '0x00000000000000000000000000000000000000e1' as const

export const defaultProposalSettings: ProposalSettings = {
  targetHealthFactorWad: (15n * WAD) / 10n,
  minIntermediateHealthFactorWad: (101n * WAD) / 100n,
  maxSlippageBps: 50n,
  gasPriceWei: 10n ** 9n,
}

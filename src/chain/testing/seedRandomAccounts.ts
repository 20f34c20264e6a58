import { type Address, encodeFunctionData, type Hex, numberToHex, type PublicClient, parseAbi } from 'viem'
import { multicall } from 'viem/actions'
import type { DevnetManifest } from '../devnetManifest'
import { type AccountPlan, DECIMALS, type DevnetSymbol, planRandomAccounts, STABLE_RATE_ASSETS } from './randomAccounts'

/**
 * Carries out AccountPlans on a devnet (a fresh anvil from devnet/testing.mjs) quickly: a funded
 * "bank" supplies on the accounts' behalf, the accounts (impersonated) set their flags, e-mode and
 * borrows; each phase is many transactions mined in one block (automine off), so hundreds of
 * accounts take seconds, not minutes. Every transaction must succeed, or the seeding throws
 * naming the ones that did not.
 */

const poolAbi = parseAbi([
  'function supply(address asset, uint256 amount, address onBehalfOf, uint16 referralCode)',
  'function borrow(address asset, uint256 amount, uint256 interestRateMode, uint16 referralCode, address onBehalfOf)',
  'function setUserEMode(uint8 categoryId)',
  'function setUserUseReserveAsCollateral(address asset, bool useAsCollateral)',
  'function getUserAccountData(address user) view returns (uint256, uint256, uint256, uint256, uint256, uint256)',
])
const tokenAbi = parseAbi([
  'function mint(address account, uint256 value) returns (bool)',
  'function approve(address spender, uint256 amount) returns (bool)',
])
export const configuratorAbi = parseAbi([
  'function setReserveStableRateBorrowing(address asset, bool enabled)',
  'function configureReserveAsCollateral(address asset, uint256 ltv, uint256 liquidationThreshold, uint256 liquidationBonus)',
  'function setEModeCategory(uint8 categoryId, uint16 ltv, uint16 liquidationThreshold, uint16 liquidationBonus, address oracle, string label)',
])
const oracleAbi = parseAbi(['function getAssetPrice(address asset) view returns (uint256)'])

export type Tx = { from: Address; to: Address; data: Hex; label: string }

/** The bank: a fresh address that funds every account's supplies and the market's liquidity. */
export const BANK: Address = '0x00000000000000000000000000000000ba4cba4c'

/** Liquidity the bank supplies for itself, so borrows never run out (within the devnet's supply caps). */
const LIQUIDITY: Record<DevnetSymbol, bigint> = {
  WETH: 20_000n,
  WBTC: 500n,
  LINK: 1_000_000n,
  CRV: 5_000_000n,
  USDC: 20_000_000n,
  DAI: 20_000_000n,
  USDT: 20_000_000n,
}

export function devnetRpc(client: PublicClient) {
  return (method: string, params: unknown[] = []) =>
    client.request({ method, params } as unknown as Parameters<PublicClient['request']>[0]) as Promise<unknown>
}

/** Sends `txs` (in order per sender) with automine off, mines them in one block and checks every receipt. */
export async function mineBatch(client: PublicClient, txs: Tx[]): Promise<void> {
  if (txs.length === 0) return
  const rpc = devnetRpc(client)
  const bySender = new Map<Address, Tx[]>()
  for (const tx of txs) bySender.set(tx.from, [...(bySender.get(tx.from) ?? []), tx])
  await rpc('evm_setAutomine', [false])
  let sent: { tx: Tx; hash: Hex }[]
  try {
    const groups = await Promise.all(
      [...bySender.values()].map(async (group) => {
        const out: { tx: Tx; hash: Hex }[] = []
        for (const tx of group) {
          const hash = (await rpc('eth_sendTransaction', [
            { from: tx.from, to: tx.to, data: tx.data, gas: numberToHex(3_000_000) },
          ])) as Hex
          out.push({ tx, hash })
        }
        return out
      }),
    )
    sent = groups.flat()
    await rpc('evm_mine')
  } finally {
    await rpc('evm_setAutomine', [true])
  }
  const receipts = await Promise.all(sent.map(({ hash }) => client.getTransactionReceipt({ hash })))
  const failed = sent.filter((_, i) => receipts[i]?.status !== 'success')
  if (failed.length > 0)
    throw new Error(
      `${failed.length} of ${sent.length} transactions failed: ${failed.map((f) => f.tx.label).join('; ')}`,
    )
  if (new Set(receipts.map((r) => r.blockNumber)).size !== 1) throw new Error('a batch did not fit in one block')
}

export type SeedEnvironment = { client: PublicClient; manifest: DevnetManifest }

export function assetOf(manifest: DevnetManifest, symbol: DevnetSymbol): Address {
  const asset = manifest.assets.find((a) => a.symbol === symbol)
  if (!asset) throw new Error(`the devnet lists no ${symbol}`)
  return asset.address
}

/** Oracle prices (base units, 8 decimals) of every devnet asset. */
export async function oraclePrices({ client, manifest }: SeedEnvironment): Promise<Record<DevnetSymbol, bigint>> {
  const symbols = Object.keys(DECIMALS) as DevnetSymbol[]
  const prices = await multicall(client, {
    multicallAddress: manifest.multicall3,
    allowFailure: false,
    contracts: symbols.map((s) => ({
      address: manifest.aave.oracle,
      abi: oracleAbi,
      functionName: 'getAssetPrice' as const,
      args: [assetOf(manifest, s)],
    })),
  })
  return Object.fromEntries(symbols.map((s, i) => [s, prices[i]])) as Record<DevnetSymbol, bigint>
}

/** Plans `count` seeded random accounts at the feeds' current prices, seeds them, and returns the plans. */
export async function seedAccountsAtOraclePrices(
  env: SeedEnvironment,
  seed: number,
  count: number,
): Promise<AccountPlan[]> {
  const base = await oraclePrices(env)
  const usd = Object.fromEntries(Object.entries(base).map(([s, p]) => [s, Number(p) / 1e8])) as Record<
    DevnetSymbol,
    number
  >
  const plans = planRandomAccounts(seed, count, usd)
  await seedRandomAccounts(env, plans)
  return plans
}

/** Runs the plans: liquidity, supplies, flags, e-mode, isolation, later supplies, borrows, wallets. */
export async function seedRandomAccounts(env: SeedEnvironment, plans: AccountPlan[]): Promise<void> {
  const { client, manifest } = env
  const rpc = devnetRpc(client)
  const pool = manifest.aave.pool
  const asset = (s: DevnetSymbol) => assetOf(manifest, s)
  const call = (from: Address, to: Address, data: Hex, label: string): Tx => ({ from, to, data, label })
  const supplyTx = (symbol: DevnetSymbol, amount: bigint, onBehalfOf: Address) =>
    call(
      BANK,
      pool,
      encodeFunctionData({ abi: poolAbi, functionName: 'supply', args: [asset(symbol), amount, onBehalfOf, 0] }),
      `supply ${symbol} for ${onBehalfOf}`,
    )
  const poolCall = (from: Address, data: Hex, label: string) => call(from, pool, data, `${label} by ${from}`)

  await rpc('anvil_autoImpersonateAccount', [true])
  await rpc('evm_setBlockGasLimit', [numberToHex(10n ** 10n)])
  await Promise.all(
    [BANK, ...plans.map((p) => p.address)].map((a) => rpc('anvil_setBalance', [a, numberToHex(10n ** 21n)])),
  )

  // Market set-up (pool admin): stable-rate borrowing on a few reserves, so stable debt is exercised too.
  const symbols = Object.keys(DECIMALS) as DevnetSymbol[]
  const admin = manifest.accounts.deployer.address
  await mineBatch(client, [
    ...STABLE_RATE_ASSETS.map((s) =>
      call(
        admin,
        manifest.aave.poolConfigurator,
        encodeFunctionData({
          abi: configuratorAbi,
          functionName: 'setReserveStableRateBorrowing',
          args: [asset(s), true],
        }),
        `enable stable borrowing of ${s}`,
      ),
    ),
    ...symbols.flatMap((s) => {
      const unit = 10n ** BigInt(DECIMALS[s])
      const need = plans
        .flatMap((p) => [...p.supplies, ...p.laterSupplies, ...p.wallet])
        .filter((x) => x.symbol === s)
        .reduce((sum, x) => sum + x.amount, 0n)
      return [
        call(
          BANK,
          asset(s),
          encodeFunctionData({ abi: tokenAbi, functionName: 'mint', args: [BANK, need + LIQUIDITY[s] * unit] }),
          `mint ${s}`,
        ),
        call(
          BANK,
          asset(s),
          encodeFunctionData({ abi: tokenAbi, functionName: 'approve', args: [pool, 2n ** 255n] }),
          `approve ${s}`,
        ),
        supplyTx(s, LIQUIDITY[s] * unit, BANK),
      ]
    }),
  ])

  // Supplies (the first supply of a non-isolated asset turns its collateral flag on).
  await mineBatch(
    client,
    plans.flatMap((p) => p.supplies.map((s) => supplyTx(s.symbol, s.amount, p.address))),
  )
  // Flags: e-mode, isolation (v3.0.2 never enables an isolated asset automatically), collateral off.
  await mineBatch(
    client,
    plans.flatMap((p) => [
      ...(p.kind === 'emode'
        ? [poolCall(p.address, encodeFunctionData({ abi: poolAbi, functionName: 'setUserEMode', args: [1] }), 'e-mode')]
        : []),
      ...(p.kind === 'isolated'
        ? [
            poolCall(
              p.address,
              encodeFunctionData({
                abi: poolAbi,
                functionName: 'setUserUseReserveAsCollateral',
                args: [asset('CRV'), true],
              }),
              'CRV collateral on',
            ),
          ]
        : []),
      ...p.collateralOff.map((s) =>
        poolCall(
          p.address,
          encodeFunctionData({ abi: poolAbi, functionName: 'setUserUseReserveAsCollateral', args: [asset(s), false] }),
          `${s} collateral off`,
        ),
      ),
    ]),
  )
  await mineBatch(
    client,
    plans.flatMap((p) => [
      ...p.laterSupplies.map((s) => supplyTx(s.symbol, s.amount, p.address)),
      ...p.wallet.map((w) =>
        call(
          BANK,
          asset(w.symbol),
          encodeFunctionData({ abi: tokenAbi, functionName: 'mint', args: [p.address, w.amount] }),
          `wallet ${w.symbol} for ${p.address}`,
        ),
      ),
    ]),
  )

  // Borrows: shares of each account's borrowing power, priced at the oracle now.
  const prices = await oraclePrices(env)
  const data = await multicall(client, {
    multicallAddress: manifest.multicall3,
    allowFailure: false,
    contracts: plans.map((p) => ({
      address: pool,
      abi: poolAbi,
      functionName: 'getUserAccountData' as const,
      args: [p.address],
    })),
  })
  await mineBatch(
    client,
    plans.flatMap((p, i) => {
      const available = (data[i] as readonly bigint[])[2] as bigint
      return p.borrows.flatMap((b) => {
        const amount =
          (available * BigInt(Math.floor(b.share * 1e6)) * 10n ** BigInt(DECIMALS[b.symbol])) /
          (prices[b.symbol] * 1_000_000n)
        if (amount === 0n) return []
        return [
          poolCall(
            p.address,
            encodeFunctionData({
              abi: poolAbi,
              functionName: 'borrow',
              args: [asset(b.symbol), amount, b.stable ? 1n : 2n, 0, p.address],
            }),
            `borrow ${amount} ${b.symbol} ${b.stable ? 'stable' : 'variable'}`,
          ),
        ]
      })
    }),
  )
}

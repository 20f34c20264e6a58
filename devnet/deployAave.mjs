// Deploys a real Aave V3 (v3.0.2) market from the compiled artifacts in @aave/core-v3
// and @aave/periphery-v3, with Chainlink-style feeds carrying a seeded round history.
import { parseUnits, zeroAddress } from 'viem'
import { artifact, linkedBytecode } from './artifacts.mjs'
import { compileDevnetContracts } from './compile.mjs'
import { generateHistory } from './priceModel.mjs'
import { eModeCategories, FEED_DECIMALS, liquidationProtocolFeeBps, reserves } from './reserves.mjs'

const RAY = 10n ** 27n
const ray = (x) => (BigInt(Math.round(x * 1e6)) * RAY) / 1_000_000n
export const toFeedAnswer = (price) => BigInt(Math.round(price * 10 ** FEED_DECIMALS))

const strategies = {
  volatile: { optimal: 0.45, base: 0, slope1: 0.04, slope2: 3 },
  stable: { optimal: 0.9, base: 0, slope1: 0.04, slope2: 0.6 },
}

/**
 * @param {ReturnType<import('./client.mjs').createDevnetClients>} c
 * @param {`0x${string}`} admin deployer, pool admin and treasury
 */
export async function deployAave(c, admin, { historySeed = 20261125 } = {}) {
  const a = (name) => artifact(name)
  const deploy = (name, args = [], libraries) =>
    c.deploy(admin, { abi: a(name).abi, bytecode: linkedBytecode(name, libraries), args }, name)
  const call = (address, name, functionName, args) => c.write(admin, { address, abi: a(name).abi, functionName, args })
  const read = (address, name, functionName, args = []) =>
    c.publicClient.readContract({ address, abi: a(name).abi, functionName, args })

  // Tokens: WETH9 (deposit/withdraw like mainnet), the rest mintable ERC-20s.
  const tokens = {}
  for (const r of reserves)
    tokens[r.symbol] =
      r.symbol === 'WETH' ? await deploy('WETH9Mocked') : await deploy('MintableERC20', [r.name, r.symbol, r.decimals])

  const provider = await deploy('PoolAddressesProvider', ['MarginGuard Devnet Market', admin])
  await call(provider, 'PoolAddressesProvider', 'setACLAdmin', [admin])
  const aclManager = await deploy('ACLManager', [provider])
  await call(provider, 'PoolAddressesProvider', 'setACLManager', [aclManager])
  await call(aclManager, 'ACLManager', 'addPoolAdmin', [admin])
  await call(aclManager, 'ACLManager', 'addRiskAdmin', [admin])

  const libs = {}
  for (const name of [
    'SupplyLogic',
    'BorrowLogic',
    'LiquidationLogic',
    'EModeLogic',
    'BridgeLogic',
    'PoolLogic',
    'ConfiguratorLogic',
  ])
    libs[name] = await deploy(name)
  libs.FlashLoanLogic = await deploy('FlashLoanLogic', [], { BorrowLogic: libs.BorrowLogic })

  const poolImpl = await deploy('Pool', [provider], libs)
  await call(provider, 'PoolAddressesProvider', 'setPoolImpl', [poolImpl])
  const pool = await read(provider, 'PoolAddressesProvider', 'getPool')
  const configuratorImpl = await deploy('PoolConfigurator', [], libs)
  await call(provider, 'PoolAddressesProvider', 'setPoolConfiguratorImpl', [configuratorImpl])
  const configurator = await read(provider, 'PoolAddressesProvider', 'getPoolConfigurator')

  // Feeds: seeded history up to now, so volatility estimates have rounds from the start.
  const { DevnetPriceFeed } = compileDevnetContracts()
  const block = await c.publicClient.getBlock()
  const history = generateHistory({
    seed: historySeed,
    assets: reserves.filter((r) => r.annualVol > 0),
    endTime: Number(block.timestamp) - 60,
  })
  const feeds = {}
  for (const r of reserves) {
    feeds[r.symbol] = await c.deploy(
      admin,
      { ...DevnetPriceFeed, args: [FEED_DECIMALS, `${r.symbol} / USD`] },
      `${r.symbol} feed`,
    )
    const h = history[r.symbol] ?? { answers: [r.price], timestamps: [Number(block.timestamp) - 60] }
    for (let i = 0; i < h.answers.length; i += 400) {
      const answers = h.answers.slice(i, i + 400).map(toFeedAnswer)
      const timestamps = h.timestamps.slice(i, i + 400).map(BigInt)
      await c.write(admin, {
        address: feeds[r.symbol],
        abi: DevnetPriceFeed.abi,
        functionName: 'pushHistory',
        args: [answers, timestamps],
      })
    }
  }
  const usdUsdFeed = await c.deploy(admin, { ...DevnetPriceFeed, args: [FEED_DECIMALS, 'USD / USD'] }, 'USD feed')
  await c.write(admin, {
    address: usdUsdFeed,
    abi: DevnetPriceFeed.abi,
    functionName: 'updateAnswer',
    args: [10n ** BigInt(FEED_DECIMALS)],
  })

  const assets = reserves.map((r) => tokens[r.symbol])
  const oracle = await deploy('AaveOracle', [
    provider,
    assets,
    assets.map((_, i) => feeds[reserves[i].symbol]),
    zeroAddress,
    zeroAddress,
    10n ** 8n,
  ])
  await call(provider, 'PoolAddressesProvider', 'setPriceOracle', [oracle])
  const dataProvider = await deploy('AaveProtocolDataProvider', [provider])
  await call(provider, 'PoolAddressesProvider', 'setPoolDataProvider', [dataProvider])

  const strategyAddress = {}
  for (const [kind, s] of Object.entries(strategies))
    strategyAddress[kind] = await deploy('DefaultReserveInterestRateStrategy', [
      provider,
      ray(s.optimal),
      ray(s.base),
      ray(s.slope1),
      ray(s.slope2),
      ray(0.04),
      ray(0.6),
      ray(0.02),
      ray(0.08),
      ray(0.2),
    ])
  const aTokenImpl = await deploy('AToken', [pool])
  const stableImpl = await deploy('StableDebtToken', [pool])
  const variableImpl = await deploy('VariableDebtToken', [pool])

  await call(configurator, 'PoolConfigurator', 'initReserves', [
    reserves.map((r) => ({
      aTokenImpl,
      stableDebtTokenImpl: stableImpl,
      variableDebtTokenImpl: variableImpl,
      underlyingAssetDecimals: r.decimals,
      interestRateStrategyAddress: strategyAddress[r.strategy],
      underlyingAsset: tokens[r.symbol],
      treasury: admin,
      incentivesController: zeroAddress,
      aTokenName: `Aave Devnet ${r.symbol}`,
      aTokenSymbol: `aDev${r.symbol}`,
      variableDebtTokenName: `Aave Devnet Variable Debt ${r.symbol}`,
      variableDebtTokenSymbol: `variableDebtDev${r.symbol}`,
      stableDebtTokenName: `Aave Devnet Stable Debt ${r.symbol}`,
      stableDebtTokenSymbol: `stableDebtDev${r.symbol}`,
      params: '0x',
    })),
  ])

  for (const e of eModeCategories)
    await call(configurator, 'PoolConfigurator', 'setEModeCategory', [e.id, e.ltv, e.lt, e.bonus, zeroAddress, e.label])
  for (const r of reserves) {
    const asset = tokens[r.symbol]
    const cfg = (fn, ...args) => call(configurator, 'PoolConfigurator', fn, [asset, ...args])
    await cfg('configureReserveAsCollateral', BigInt(r.ltv), BigInt(r.lt), BigInt(r.bonus))
    await cfg('setReserveBorrowing', true)
    await cfg('setReserveFactor', BigInt(r.reserveFactor))
    await cfg('setSupplyCap', BigInt(r.supplyCap))
    await cfg('setBorrowCap', BigInt(r.borrowCap))
    await cfg('setLiquidationProtocolFee', BigInt(liquidationProtocolFeeBps))
    await cfg('setReserveFlashLoaning', true)
    // The debt ceiling has two decimals (ReserveConfiguration.DEBT_CEILING_DECIMALS).
    if (r.debtCeiling) await cfg('setDebtCeiling', BigInt(r.debtCeiling) * 100n)
    if (r.borrowableInIsolation) await cfg('setBorrowableInIsolation', true)
    if (r.eModeCategory) await cfg('setAssetEModeCategory', r.eModeCategory)
  }

  // What Aave's own web app reads: UiPoolDataProviderV3 and WalletBalanceProvider.
  const uiPoolDataProvider = await deploy('UiPoolDataProviderV3', [feeds.WETH, usdUsdFeed])
  const walletBalanceProvider = await deploy('WalletBalanceProvider')

  const reserveTokens = {}
  for (const r of reserves) {
    const [aToken, stableDebtToken, variableDebtToken] = await read(
      dataProvider,
      'AaveProtocolDataProvider',
      'getReserveTokensAddresses',
      [tokens[r.symbol]],
    )
    reserveTokens[r.symbol] = { aToken, stableDebtToken, variableDebtToken }
  }

  return {
    aave: {
      poolAddressesProvider: provider,
      pool,
      poolConfigurator: configurator,
      aclManager,
      oracle,
      protocolDataProvider: dataProvider,
      uiPoolDataProvider,
      walletBalanceProvider,
      ethUsdFeed: feeds.WETH,
      usdUsdFeed,
    },
    tokens,
    feeds,
    reserveTokens,
  }
}

export const parseAmount = (amount, decimals) => parseUnits(String(amount), decimals)

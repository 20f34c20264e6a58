// Compiled bytecode shipped in npm packages: Aave V3 (@aave/core-v3, @aave/periphery-v3)
// and Uniswap V3 (@uniswap/v3-core, @uniswap/v3-periphery). Nothing is recompiled.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

const paths = {
  PoolAddressesProvider:
    '@aave/core-v3/artifacts/contracts/protocol/configuration/PoolAddressesProvider.sol/PoolAddressesProvider.json',
  ACLManager: '@aave/core-v3/artifacts/contracts/protocol/configuration/ACLManager.sol/ACLManager.json',
  Pool: '@aave/core-v3/artifacts/contracts/protocol/pool/Pool.sol/Pool.json',
  PoolConfigurator: '@aave/core-v3/artifacts/contracts/protocol/pool/PoolConfigurator.sol/PoolConfigurator.json',
  AaveOracle: '@aave/core-v3/artifacts/contracts/misc/AaveOracle.sol/AaveOracle.json',
  AaveProtocolDataProvider:
    '@aave/core-v3/artifacts/contracts/misc/AaveProtocolDataProvider.sol/AaveProtocolDataProvider.json',
  DefaultReserveInterestRateStrategy:
    '@aave/core-v3/artifacts/contracts/protocol/pool/DefaultReserveInterestRateStrategy.sol/DefaultReserveInterestRateStrategy.json',
  AToken: '@aave/core-v3/artifacts/contracts/protocol/tokenization/AToken.sol/AToken.json',
  StableDebtToken: '@aave/core-v3/artifacts/contracts/protocol/tokenization/StableDebtToken.sol/StableDebtToken.json',
  VariableDebtToken:
    '@aave/core-v3/artifacts/contracts/protocol/tokenization/VariableDebtToken.sol/VariableDebtToken.json',
  MintableERC20: '@aave/core-v3/artifacts/contracts/mocks/tokens/MintableERC20.sol/MintableERC20.json',
  WETH9Mocked: '@aave/core-v3/artifacts/contracts/mocks/tokens/WETH9Mocked.sol/WETH9Mocked.json',
  SupplyLogic: '@aave/core-v3/artifacts/contracts/protocol/libraries/logic/SupplyLogic.sol/SupplyLogic.json',
  BorrowLogic: '@aave/core-v3/artifacts/contracts/protocol/libraries/logic/BorrowLogic.sol/BorrowLogic.json',
  LiquidationLogic:
    '@aave/core-v3/artifacts/contracts/protocol/libraries/logic/LiquidationLogic.sol/LiquidationLogic.json',
  EModeLogic: '@aave/core-v3/artifacts/contracts/protocol/libraries/logic/EModeLogic.sol/EModeLogic.json',
  BridgeLogic: '@aave/core-v3/artifacts/contracts/protocol/libraries/logic/BridgeLogic.sol/BridgeLogic.json',
  FlashLoanLogic: '@aave/core-v3/artifacts/contracts/protocol/libraries/logic/FlashLoanLogic.sol/FlashLoanLogic.json',
  PoolLogic: '@aave/core-v3/artifacts/contracts/protocol/libraries/logic/PoolLogic.sol/PoolLogic.json',
  ConfiguratorLogic:
    '@aave/core-v3/artifacts/contracts/protocol/libraries/logic/ConfiguratorLogic.sol/ConfiguratorLogic.json',
  UiPoolDataProviderV3:
    '@aave/periphery-v3/artifacts/contracts/misc/UiPoolDataProviderV3.sol/UiPoolDataProviderV3.json',
  WalletBalanceProvider:
    '@aave/periphery-v3/artifacts/contracts/misc/WalletBalanceProvider.sol/WalletBalanceProvider.json',
  UniswapV3Factory: '@uniswap/v3-core/artifacts/contracts/UniswapV3Factory.sol/UniswapV3Factory.json',
  UniswapV3Pool: '@uniswap/v3-core/artifacts/contracts/UniswapV3Pool.sol/UniswapV3Pool.json',
  SwapRouter: '@uniswap/v3-periphery/artifacts/contracts/SwapRouter.sol/SwapRouter.json',
  QuoterV2: '@uniswap/v3-periphery/artifacts/contracts/lens/QuoterV2.sol/QuoterV2.json',
  NonfungiblePositionManager:
    '@uniswap/v3-periphery/artifacts/contracts/NonfungiblePositionManager.sol/NonfungiblePositionManager.json',
}

const cache = new Map()

/** @returns {{abi: any[], bytecode: `0x${string}`, linkReferences: Record<string, Record<string, {start:number,length:number}[]>>}} */
export function artifact(name) {
  if (!cache.has(name)) {
    const path = paths[name]
    if (!path) throw new Error(`unknown artifact ${name}`)
    cache.set(name, JSON.parse(readFileSync(require.resolve(path), 'utf8')))
  }
  return cache.get(name)
}

/**
 * Creation bytecode with library addresses written at the byte offsets the
 * artifact's `linkReferences` name (the `__$hash$__` placeholders).
 * @param {string} name
 * @param {Record<string, `0x${string}`>} libraries by library name
 */
export function linkedBytecode(name, libraries = {}) {
  const a = artifact(name)
  let code = a.bytecode.slice(2)
  for (const libs of Object.values(a.linkReferences ?? {}))
    for (const [lib, refs] of Object.entries(libs)) {
      const address = libraries[lib]
      if (!address) throw new Error(`${name} needs library ${lib} linked`)
      for (const { start, length } of refs)
        code = code.slice(0, start * 2) + address.slice(2).toLowerCase() + code.slice((start + length) * 2)
    }
  if (code.includes('__$')) throw new Error(`${name} still has unlinked libraries`)
  return `0x${code}`
}

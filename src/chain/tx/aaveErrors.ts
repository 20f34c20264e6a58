import { decodeErrorResult, type Hex, parseAbi } from 'viem'
import { errorChain } from './walletErrors'

/**
 * Aave's revert reasons in words. Aave v3.0.x reverts with `require(cond, Errors.X)`, an
 * Error(string) whose string is a number ('35' = HEALTH_FACTOR_LOWER_THAN_LIQUIDATION_THRESHOLD);
 * later revisions (v3.4+) revert with custom errors of the same names in CamelCase. Both are
 * decoded here, with the Uniswap router's and ERC-20s' reasons a protective proposal can meet.
 */

/** Errors.sol of @aave/core-v3 1.19.x (v3.0.2), code → [constant, Aave's own comment]; 48 is unused there. */
export const AAVE_V3_ERROR_CODES: Readonly<Record<string, readonly [name: string, text: string]>> = {
  '1': ['CALLER_NOT_POOL_ADMIN', 'The caller of the function is not a pool admin'],
  '2': ['CALLER_NOT_EMERGENCY_ADMIN', 'The caller of the function is not an emergency admin'],
  '3': ['CALLER_NOT_POOL_OR_EMERGENCY_ADMIN', 'The caller of the function is not a pool or emergency admin'],
  '4': ['CALLER_NOT_RISK_OR_POOL_ADMIN', 'The caller of the function is not a risk or pool admin'],
  '5': ['CALLER_NOT_ASSET_LISTING_OR_POOL_ADMIN', 'The caller of the function is not an asset listing or pool admin'],
  '6': ['CALLER_NOT_BRIDGE', 'The caller of the function is not a bridge'],
  '7': ['ADDRESSES_PROVIDER_NOT_REGISTERED', 'Pool addresses provider is not registered'],
  '8': ['INVALID_ADDRESSES_PROVIDER_ID', 'Invalid id for the pool addresses provider'],
  '9': ['NOT_CONTRACT', 'Address is not a contract'],
  '10': ['CALLER_NOT_POOL_CONFIGURATOR', 'The caller of the function is not the pool configurator'],
  '11': ['CALLER_NOT_ATOKEN', 'The caller of the function is not an AToken'],
  '12': ['INVALID_ADDRESSES_PROVIDER', 'The address of the pool addresses provider is invalid'],
  '13': ['INVALID_FLASHLOAN_EXECUTOR_RETURN', 'Invalid return value of the flashloan executor function'],
  '14': ['RESERVE_ALREADY_ADDED', 'Reserve has already been added to reserve list'],
  '15': ['NO_MORE_RESERVES_ALLOWED', 'Maximum amount of reserves in the pool reached'],
  '16': ['EMODE_CATEGORY_RESERVED', 'Zero eMode category is reserved for volatile heterogeneous assets'],
  '17': ['INVALID_EMODE_CATEGORY_ASSIGNMENT', 'Invalid eMode category assignment to asset'],
  '18': ['RESERVE_LIQUIDITY_NOT_ZERO', 'The liquidity of the reserve needs to be 0'],
  '19': ['FLASHLOAN_PREMIUM_INVALID', 'Invalid flashloan premium'],
  '20': ['INVALID_RESERVE_PARAMS', 'Invalid risk parameters for the reserve'],
  '21': ['INVALID_EMODE_CATEGORY_PARAMS', 'Invalid risk parameters for the eMode category'],
  '22': ['BRIDGE_PROTOCOL_FEE_INVALID', 'Invalid bridge protocol fee'],
  '23': ['CALLER_MUST_BE_POOL', 'The caller of this function must be a pool'],
  '24': ['INVALID_MINT_AMOUNT', 'Invalid amount to mint'],
  '25': ['INVALID_BURN_AMOUNT', 'Invalid amount to burn'],
  '26': ['INVALID_AMOUNT', 'Amount must be greater than 0'],
  '27': ['RESERVE_INACTIVE', 'Action requires an active reserve'],
  '28': ['RESERVE_FROZEN', 'Action cannot be performed because the reserve is frozen'],
  '29': ['RESERVE_PAUSED', 'Action cannot be performed because the reserve is paused'],
  '30': ['BORROWING_NOT_ENABLED', 'Borrowing is not enabled'],
  '31': ['STABLE_BORROWING_NOT_ENABLED', 'Stable borrowing is not enabled'],
  '32': ['NOT_ENOUGH_AVAILABLE_USER_BALANCE', 'User cannot withdraw more than the available balance'],
  '33': ['INVALID_INTEREST_RATE_MODE_SELECTED', 'Invalid interest rate mode selected'],
  '34': ['COLLATERAL_BALANCE_IS_ZERO', 'The collateral balance is 0'],
  '35': ['HEALTH_FACTOR_LOWER_THAN_LIQUIDATION_THRESHOLD', 'Health factor is lesser than the liquidation threshold'],
  '36': ['COLLATERAL_CANNOT_COVER_NEW_BORROW', 'There is not enough collateral to cover a new borrow'],
  '37': ['COLLATERAL_SAME_AS_BORROWING_CURRENCY', 'Collateral is (mostly) the same currency that is being borrowed'],
  '38': [
    'AMOUNT_BIGGER_THAN_MAX_LOAN_SIZE_STABLE',
    'The requested amount is greater than the max loan size in stable rate mode',
  ],
  '39': ['NO_DEBT_OF_SELECTED_TYPE', 'For repayment of a specific type of debt, the user needs to have debt that type'],
  '40': ['NO_EXPLICIT_AMOUNT_TO_REPAY_ON_BEHALF', 'To repay on behalf of a user an explicit amount to repay is needed'],
  '41': ['NO_OUTSTANDING_STABLE_DEBT', 'User does not have outstanding stable rate debt on this reserve'],
  '42': ['NO_OUTSTANDING_VARIABLE_DEBT', 'User does not have outstanding variable rate debt on this reserve'],
  '43': ['UNDERLYING_BALANCE_ZERO', 'The underlying balance needs to be greater than 0'],
  '44': ['INTEREST_RATE_REBALANCE_CONDITIONS_NOT_MET', 'Interest rate rebalance conditions were not met'],
  '45': ['HEALTH_FACTOR_NOT_BELOW_THRESHOLD', 'Health factor is not below the threshold'],
  '46': ['COLLATERAL_CANNOT_BE_LIQUIDATED', 'The collateral chosen cannot be liquidated'],
  '47': ['SPECIFIED_CURRENCY_NOT_BORROWED_BY_USER', 'User did not borrow the specified currency'],
  '49': ['INCONSISTENT_FLASHLOAN_PARAMS', 'Inconsistent flashloan parameters'],
  '50': ['BORROW_CAP_EXCEEDED', 'Borrow cap is exceeded'],
  '51': ['SUPPLY_CAP_EXCEEDED', 'Supply cap is exceeded'],
  '52': ['UNBACKED_MINT_CAP_EXCEEDED', 'Unbacked mint cap is exceeded'],
  '53': ['DEBT_CEILING_EXCEEDED', 'Debt ceiling is exceeded'],
  '54': [
    'UNDERLYING_CLAIMABLE_RIGHTS_NOT_ZERO',
    'Claimable rights over underlying not zero (aToken supply or accruedToTreasury)',
  ],
  '55': ['STABLE_DEBT_NOT_ZERO', 'Stable debt supply is not zero'],
  '56': ['VARIABLE_DEBT_SUPPLY_NOT_ZERO', 'Variable debt supply is not zero'],
  '57': ['LTV_VALIDATION_FAILED', 'Ltv validation failed'],
  '58': ['INCONSISTENT_EMODE_CATEGORY', 'Inconsistent eMode category'],
  '59': ['PRICE_ORACLE_SENTINEL_CHECK_FAILED', 'Price oracle sentinel validation failed'],
  '60': ['ASSET_NOT_BORROWABLE_IN_ISOLATION', 'Asset is not borrowable in isolation mode'],
  '61': ['RESERVE_ALREADY_INITIALIZED', 'Reserve has already been initialized'],
  '62': ['USER_IN_ISOLATION_MODE_OR_LTV_ZERO', 'User is in isolation mode or ltv is zero'],
  '63': ['INVALID_LTV', 'Invalid ltv parameter for the reserve'],
  '64': ['INVALID_LIQ_THRESHOLD', 'Invalid liquidity threshold parameter for the reserve'],
  '65': ['INVALID_LIQ_BONUS', 'Invalid liquidity bonus parameter for the reserve'],
  '66': ['INVALID_DECIMALS', 'Invalid decimals parameter of the underlying asset of the reserve'],
  '67': ['INVALID_RESERVE_FACTOR', 'Invalid reserve factor parameter for the reserve'],
  '68': ['INVALID_BORROW_CAP', 'Invalid borrow cap for the reserve'],
  '69': ['INVALID_SUPPLY_CAP', 'Invalid supply cap for the reserve'],
  '70': ['INVALID_LIQUIDATION_PROTOCOL_FEE', 'Invalid liquidation protocol fee for the reserve'],
  '71': ['INVALID_EMODE_CATEGORY', 'Invalid eMode category for the reserve'],
  '72': ['INVALID_UNBACKED_MINT_CAP', 'Invalid unbacked mint cap for the reserve'],
  '73': ['INVALID_DEBT_CEILING', 'Invalid debt ceiling for the reserve'],
  '74': ['INVALID_RESERVE_INDEX', 'Invalid reserve index'],
  '75': ['ACL_ADMIN_CANNOT_BE_ZERO', 'ACL admin cannot be set to the zero address'],
  '76': ['INCONSISTENT_PARAMS_LENGTH', 'Array parameters that should be equal length are not'],
  '77': ['ZERO_ADDRESS_NOT_VALID', 'Zero address not valid'],
  '78': ['INVALID_EXPIRATION', 'Invalid expiration'],
  '79': ['INVALID_SIGNATURE', 'Invalid signature'],
  '80': ['OPERATION_NOT_SUPPORTED', 'Operation not supported'],
  '81': ['DEBT_CEILING_NOT_ZERO', 'Debt ceiling is not zero'],
  '82': ['ASSET_NOT_LISTED', 'Asset is not listed'],
  '83': ['INVALID_OPTIMAL_USAGE_RATIO', 'Invalid optimal usage ratio'],
  '84': ['INVALID_OPTIMAL_STABLE_TO_TOTAL_DEBT_RATIO', 'Invalid optimal stable to total debt ratio'],
  '85': ['UNDERLYING_CANNOT_BE_RESCUED', 'The underlying asset cannot be rescued'],
  '86': ['ADDRESSES_PROVIDER_ALREADY_ADDED', 'Reserve has already been added to reserve list'],
  '87': [
    'POOL_ADDRESSES_DO_NOT_MATCH',
    'The token implementation pool address and the pool address provided by the initializing pool do not match',
  ],
  '88': ['STABLE_BORROWING_ENABLED', 'Stable borrowing is enabled'],
  '89': ['SILOED_BORROWING_VIOLATION', 'User is trying to borrow multiple assets including a siloed one'],
  '90': ['RESERVE_DEBT_NOT_ZERO', 'The total debt of the reserve needs to be 0'],
  '91': ['FLASHLOAN_DISABLED', 'FlashLoaning for this asset is disabled'],
}

/** What the errors a protective proposal can actually meet mean for the user (others keep Aave's text). */
const AAVE_EXPLANATIONS: Readonly<Record<string, string>> = {
  HEALTH_FACTOR_LOWER_THAN_LIQUIDATION_THRESHOLD:
    'Aave refused the call because it would leave your health factor below 1 (prices or your position moved since the proposal).',
  NOT_ENOUGH_AVAILABLE_USER_BALANCE: 'Aave refused the withdrawal: you have less supplied than the proposal withdraws.',
  INVALID_AMOUNT: 'Aave refused an amount of 0.',
  RESERVE_INACTIVE: 'Aave refused: this reserve is not active.',
  RESERVE_FROZEN: 'Aave refused: this reserve is frozen by governance (no new supply or borrowing).',
  RESERVE_PAUSED:
    'Aave refused: this reserve is paused by governance; nothing can be done with it until it is unpaused.',
  NO_DEBT_OF_SELECTED_TYPE:
    'Aave refused the repayment: there is no debt of this kind left (it may already be repaid).',
  COLLATERAL_BALANCE_IS_ZERO: 'Aave refused: you have no collateral of this asset.',
  UNDERLYING_BALANCE_ZERO: 'Aave refused: you have none of this asset supplied.',
  SUPPLY_CAP_EXCEEDED: 'Aave refused the supply: the reserve’s supply cap is reached.',
  LTV_VALIDATION_FAILED: 'Aave refused: an asset with a loan-to-value of 0 must be withdrawn or disabled first.',
  PRICE_ORACLE_SENTINEL_CHECK_FAILED:
    'Aave’s price-oracle sentinel blocks this action (the network’s sequencer is down or has just come back).',
  DEBT_CEILING_EXCEEDED: 'Aave refused: the isolated asset’s debt ceiling is reached.',
  USER_IN_ISOLATION_MODE_OR_LTV_ZERO:
    'Aave refused to count this supply as collateral (isolation mode or a loan-to-value of 0).',
}

/** Later Aave revisions' custom errors (same meaning as the v3.0 codes), and OpenZeppelin 5's ERC-20 errors. */
const customErrorsAbi = parseAbi([
  'error Error(string reason)',
  'error HealthFactorLowerThanLiquidationThreshold()',
  'error NotEnoughAvailableUserBalance()',
  'error InvalidAmount()',
  'error ReserveInactive()',
  'error ReserveFrozen()',
  'error ReservePaused()',
  'error NoDebtOfSelectedType()',
  'error CollateralBalanceIsZero()',
  'error UnderlyingBalanceZero()',
  'error SupplyCapExceeded()',
  'error LtvValidationFailed()',
  'error PriceOracleSentinelCheckFailed()',
  'error DebtCeilingExceeded()',
  'error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)',
  'error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)',
])

/** Reason strings of the Uniswap V3 router and of OpenZeppelin 4 ERC-20s. */
const OTHER_REASONS: Readonly<Record<string, string>> = {
  'Too little received':
    'The swap would have paid less than its minimum: the pool’s price moved past the slippage bound, so it was refused.',
  'Transaction too old': 'The swap’s deadline passed before it was mined.',
  STF: 'The swap router could not take the tokens in (balance or approval too small).',
  'ERC20: transfer amount exceeds balance': 'Your wallet holds less of the token than the call moves.',
  'ERC20: insufficient allowance': 'The token’s approval is smaller than the call needs.',
  'ERC20: transfer amount exceeds allowance': 'The token’s approval is smaller than the call needs.',
  ERC20InsufficientBalance: 'Your wallet holds less of the token than the call moves.',
  ERC20InsufficientAllowance: 'The token’s approval is smaller than the call needs.',
}

export type DecodedRevert = {
  /** The raw reason: the Error(string) text ('35') or the custom error's name. */
  reason: string
  /** Aave's constant name, when it is one of Aave's errors. */
  name?: string
  /** Aave v3.0 numeric code, when the reason was one. */
  code?: string
  /** One sentence for the user. */
  message: string
}

/** HealthFactorLowerThanLiquidationThreshold → HEALTH_FACTOR_LOWER_THAN_LIQUIDATION_THRESHOLD. */
const constantName = (camel: string) => camel.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()

const AAVE_NAMES = new Set(Object.values(AAVE_V3_ERROR_CODES).map(([name]) => name))

/** The words for a revert reason: an Aave code ('35'), an Aave custom error name, or a known string. */
export function describeRevertReason(reason: string): DecodedRevert {
  const trimmed = reason.trim()
  const coded = AAVE_V3_ERROR_CODES[trimmed]
  if (coded) {
    const [name, text] = coded
    return {
      reason: trimmed,
      code: trimmed,
      name,
      message: `${AAVE_EXPLANATIONS[name] ?? `Aave: ${text}.`} (Aave error ${trimmed}: ${name})`,
    }
  }
  const name = constantName(trimmed)
  if (AAVE_NAMES.has(name)) {
    const code = Object.entries(AAVE_V3_ERROR_CODES).find(([, [n]]) => n === name)?.[0]
    const text = code ? AAVE_V3_ERROR_CODES[code]?.[1] : undefined
    return { reason: trimmed, name, message: `${AAVE_EXPLANATIONS[name] ?? `Aave: ${text}.`} (Aave error ${trimmed})` }
  }
  const other = OTHER_REASONS[trimmed]
  if (other) return { reason: trimmed, message: `${other} (“${trimmed}”)` }
  return { reason: trimmed, message: `The call reverted: “${trimmed}”.` }
}

/** Decodes revert data (Error(string) or a known custom error); undefined when it is neither. */
export function decodeRevertData(data: Hex): DecodedRevert | undefined {
  if (data.length < 10) return undefined
  try {
    const decoded = decodeErrorResult({ abi: customErrorsAbi, data })
    if (decoded.errorName === 'Error') return describeRevertReason(String(decoded.args[0]))
    return describeRevertReason(decoded.errorName)
  } catch {
    return undefined
  }
}

// "execution reverted: 35" (node), "Execution reverted with reason: 35." (viem), "reverted with reason string '35'" (hardhat).
const REASON_IN_MESSAGE = /reverted(?: with reason(?: string)?)?:?\s*['"“]?(?:revert:\s*)?([^'"”\n]+?)['"”]?\.?\s*$/im

/**
 * The revert inside a wallet or node error, decoded: revert data where any error in the chain
 * carries it (`data`, or `data.data` as some wallets nest it), else the reason in a message.
 * Undefined when the error is not a revert (a rejection, a network failure, …).
 */
export function decodeRevert(error: unknown): DecodedRevert | undefined {
  const chain = errorChain(error)
  for (const e of chain) {
    const raw = (e as { data?: unknown }).data
    const data = typeof raw === 'string' ? raw : (raw as { data?: unknown } | undefined)?.data
    if (typeof data === 'string' && /^0x[0-9a-f]*$/i.test(data)) {
      const decoded = decodeRevertData(data as Hex)
      if (decoded) return decoded
    }
  }
  for (const e of chain) {
    for (const key of ['details', 'shortMessage', 'message'] as const) {
      const text = (e as Record<string, unknown>)[key]
      if (typeof text !== 'string' || !/revert/i.test(text)) continue
      for (const line of text.split('\n')) {
        const match = REASON_IN_MESSAGE.exec(line)
        const reason = match?.[1]?.trim()
        if (reason && !/^for an unknown reason$/i.test(reason)) return describeRevertReason(reason)
      }
    }
  }
  return undefined
}

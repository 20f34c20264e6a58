// The installed Errors.sol itself (Vite's ?raw import), so the table cannot drift from the protocol's source.
import errorsSol from '@aave/core-v3/contracts/protocol/libraries/helpers/Errors.sol?raw'
import { ExecutionRevertedError, encodeErrorResult, parseAbi, RpcRequestError, TransactionExecutionError } from 'viem'
import { describe, expect, test } from 'vitest'
import { AAVE_V3_ERROR_CODES, decodeRevert, decodeRevertData, describeRevertReason } from './aaveErrors'

const errorString = parseAbi(['error Error(string reason)'])
const encodeReason = (reason: string) => encodeErrorResult({ abi: errorString, errorName: 'Error', args: [reason] })

describe('Aave error codes', () => {
  test('the table is Errors.sol of the installed @aave/core-v3, code for code', () => {
    const constants = [...errorsSol.matchAll(/string public constant (\w+) = '(\d+)';/g)].map(([, name, code]) => [
      code,
      name,
    ])
    expect(constants.length).toBeGreaterThan(80)
    expect(Object.entries(AAVE_V3_ERROR_CODES).map(([code, [name]]) => [code, name])).toEqual(constants)
  })

  test("'35' is the health factor falling below 1, in words and with its name", () => {
    const d = describeRevertReason('35')
    expect(d).toMatchObject({ code: '35', name: 'HEALTH_FACTOR_LOWER_THAN_LIQUIDATION_THRESHOLD' })
    expect(d.message).toMatch(/health factor below 1/)
    expect(d.message).toContain('Aave error 35')
  })

  test('a code without a tailored sentence keeps Aave’s own text', () => {
    expect(describeRevertReason('30').message).toBe(
      'Aave: Borrowing is not enabled. (Aave error 30: BORROWING_NOT_ENABLED)',
    )
  })

  test('later revisions’ custom errors decode to the same words as the v3.0 codes', () => {
    const abi = parseAbi(['error HealthFactorLowerThanLiquidationThreshold()'])
    const data = encodeErrorResult({ abi, errorName: 'HealthFactorLowerThanLiquidationThreshold' })
    const d = decodeRevertData(data)
    expect(d?.name).toBe('HEALTH_FACTOR_LOWER_THAN_LIQUIDATION_THRESHOLD')
    expect(d?.message).toMatch(/health factor below 1/)
  })

  test('Uniswap’s and ERC-20 reasons, and unknown ones verbatim', () => {
    expect(describeRevertReason('Too little received').message).toMatch(/less than its minimum/)
    expect(describeRevertReason('ERC20: transfer amount exceeds balance').message).toMatch(/holds less/)
    expect(describeRevertReason('weird').message).toBe('The call reverted: “weird”.')
    expect(decodeRevertData('0x12345678')).toBeUndefined()
  })
})

describe('decodeRevert: finds the revert in whatever a wallet or node threw', () => {
  test('revert data on an RPC error deep in the cause chain', () => {
    const rpc = new RpcRequestError({
      body: {},
      url: 'http://127.0.0.1',
      error: { code: 3, message: 'execution reverted', data: encodeReason('32') },
    })
    const wrapped = new TransactionExecutionError(new ExecutionRevertedError({ cause: rpc }), {} as never)
    expect(decodeRevert(wrapped)?.name).toBe('NOT_ENOUGH_AVAILABLE_USER_BALANCE')
  })

  test('data nested as { data: { data } } (some wallets)', () => {
    const e = Object.assign(new Error('Internal JSON-RPC error.'), { code: -32603, data: { data: encodeReason('35') } })
    expect(decodeRevert(e)?.code).toBe('35')
  })

  test('the reason in a node’s or viem’s message when no data came along', () => {
    expect(decodeRevert(new Error('execution reverted: 35'))?.code).toBe('35')
    expect(decodeRevert(new ExecutionRevertedError({ message: 'execution reverted: 29' }))?.code).toBe('29')
    expect(decodeRevert(new Error("VM Exception: reverted with reason string 'Too little received'"))?.reason).toBe(
      'Too little received',
    )
  })

  test('not a revert: a rejection or a revert without a reason decode to nothing', () => {
    expect(decodeRevert(Object.assign(new Error('User rejected the request.'), { code: 4001 }))).toBeUndefined()
    expect(decodeRevert(new ExecutionRevertedError({}))).toBeUndefined()
    expect(decodeRevert(undefined)).toBeUndefined()
  })
})

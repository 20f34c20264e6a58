import { describe, expect, test } from 'vitest'
import { CliError, oneLine } from './cliError'
import { parseReportArgs } from './reportArgs'

const account = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8'
const usage = (argv: string[]) => {
  try {
    parseReportArgs(argv)
  } catch (error) {
    if (!(error instanceof CliError)) throw error
    return { message: error.message, exitCode: error.exitCode }
  }
  throw new Error('expected a usage error')
}

describe('parseReportArgs', () => {
  test('defaults to the devnet, checksums the account, and reads --json', () => {
    expect(parseReportArgs(['--account', account, '--json'])).toEqual({
      rpc: undefined,
      account: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
      market: { kind: 'devnet' },
      manifestPath: undefined,
      uiPoolDataProvider: undefined,
      json: true,
    })
  })

  test('a PoolAddressesProvider market needs an RPC URL', () => {
    const provider = '0x2f39d218133afab8f2b819b1066c7e434ad94e9e'
    expect(usage(['--account', account, '--market', provider])).toEqual({
      message: '--rpc URL is required for a market other than the devnet',
      exitCode: 2,
    })
    expect(
      parseReportArgs(['--account', account, '--market', provider, '--rpc', 'https://eth.example']).market,
    ).toEqual({
      kind: 'provider',
      poolAddressesProvider: '0x2f39d218133AFaB8F2B819B1066c7E434Ad94E9e',
    })
  })

  test('bad input is a one-line usage error (exit 2) that names the bad value', () => {
    expect(usage(['--account', '0x1234'])).toMatchObject({
      message: '--account is not an address: 0x1234',
      exitCode: 2,
    })
    expect(usage([])).toMatchObject({ message: '--account ADDRESS is required' })
    expect(usage(['--account', account, '--rpc', 'not a url']).message).toBe('--rpc is not a URL: not a url')
    expect(usage(['--account', account, '--rpc', 'ftp://x']).message).toMatch(/must be an http\(s\) URL/)
    expect(usage(['--account', account, '--market', 'mainnet']).message).toMatch(/--market .* is not an address/)
    expect(usage(['--account', account, '--verbose']).message).toMatch(/^Unknown option '--verbose'/)
    for (const argv of [['--account', account, '--verbose'], ['--account']])
      expect(usage(argv).message).not.toMatch(/\n/)
  })
})

describe('oneLine', () => {
  test("prefers viem's short message and never returns more than the first line", () => {
    expect(oneLine(Object.assign(new Error('long\ndetails'), { shortMessage: 'HTTP request failed.' }))).toBe(
      'HTTP request failed.',
    )
    expect(oneLine(new Error('first\n    at frame'))).toBe('first')
    expect(oneLine('plain')).toBe('plain')
  })
})

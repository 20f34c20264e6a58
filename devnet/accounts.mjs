// The devnet's accounts: anvil's default mnemonic, one role per index.
import { bytesToHex } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { MNEMONIC } from './anvil.mjs'

export const roles = [
  'deployer',
  'trader',
  'nearLiquidation',
  'emode',
  'lp',
  'liquidator',
  'supplier',
  'arbitrageur',
  'isolated',
  'spare',
]

/** @returns {Record<string, {address: `0x${string}`, privateKey: `0x${string}`, role: string}>} */
export function devnetAccounts() {
  return Object.fromEntries(
    roles.map((role, addressIndex) => {
      const account = mnemonicToAccount(MNEMONIC, { addressIndex })
      return [role, { address: account.address, privateKey: bytesToHex(account.getHdKey().privateKey), role }]
    }),
  )
}

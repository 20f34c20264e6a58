// Minting and approving the devnet's test tokens (MintableERC20 / WETH9Mocked: anyone may mint).
import { erc20Abi, maxUint256, parseUnits } from 'viem'
import { artifact } from './artifacts.mjs'
import { reserves } from './reserves.mjs'

const decimalsOf = (symbol) => reserves.find((r) => r.symbol === symbol).decimals

export function tokenHelpers(c, tokens) {
  const abiOf = (symbol) => artifact(symbol === 'WETH' ? 'WETH9Mocked' : 'MintableERC20').abi
  const units = (symbol, amount) => parseUnits(String(amount), decimalsOf(symbol))
  return {
    units,
    /** Mints `amount` whole tokens to `to`. */
    mint: (symbol, to, amount) =>
      c.write(to, {
        address: tokens[symbol],
        abi: abiOf(symbol),
        functionName: 'mint',
        args: [to, units(symbol, amount)],
      }),
    approve: (symbol, owner, spender, amount = maxUint256) =>
      c.write(owner, { address: tokens[symbol], abi: erc20Abi, functionName: 'approve', args: [spender, amount] }),
  }
}

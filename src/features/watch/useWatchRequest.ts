import { useMutation } from '@tanstack/react-query'
import { useCallback, useRef } from 'react'
import { mainnet } from 'viem/chains'
import { useCustomRpcUrls } from '../../state/marketSettingsStore'
import type { AccountInput } from './parseAccountInput'
import { ENS_RPC_URL, resolveName } from './resolveName'
import { useWatchControls } from './useWatchControls'
import type { LinkMarket } from './watchLink'

type ValidInput = Exclude<AccountInput, { kind: 'invalid' }>

/**
 * Watches an account given as an address (at once) or an ENS name (once resolved on mainnet).
 * The resolution is a mutation: a one-off lookup a person asked for, whose pending state and
 * failure the form shows. Only the latest request wins: a name that resolves after the person
 * has moved on to another account is not watched.
 */
export function useWatchRequest() {
  const controls = useWatchControls()
  const latest = useRef(0)
  const ensRpcUrl = useCustomRpcUrls()[String(mainnet.id)] ?? ENS_RPC_URL
  const ens = useMutation({
    mutationFn: ({ name }: { name: string; market: LinkMarket; request: number }) => resolveName(name, ensRpcUrl),
    onSuccess: ({ name, address }, { market, request }) => {
      if (request === latest.current)
        controls.start({ address, chainId: market.chainId, marketId: market.id, ensName: name })
    },
  })

  const { mutate, reset } = ens
  const request = useCallback(
    (input: ValidInput, market: LinkMarket) => {
      const id = ++latest.current
      if (input.kind === 'address') {
        reset()
        controls.start({ address: input.address, chainId: market.chainId, marketId: market.id })
      } else mutate({ name: input.name, market, request: id })
    },
    [controls, mutate, reset],
  )
  return { request, ens }
}

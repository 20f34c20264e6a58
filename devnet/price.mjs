#!/usr/bin/env node
// Sets an oracle price on the running devnet: `node devnet/price.mjs WETH 2400 [--manifest PATH]`.
import { parseArgs } from 'node:util'
import { createDevnetClients } from './client.mjs'
import { readManifest } from './manifest.mjs'
import { setPrice } from './prices.mjs'

const { values, positionals } = parseArgs({ allowPositionals: true, options: { manifest: { type: 'string' } } })
const [symbol, price] = positionals
if (!symbol || !price || !/^\d+(\.\d+)?$/.test(price)) {
  console.error(
    'usage: node devnet/price.mjs SYMBOL PRICE_USD [--manifest PATH]   e.g. node devnet/price.mjs WETH 2400',
  )
  process.exit(1)
}
try {
  const manifest = readManifest(values.manifest)
  const receipt = await setPrice(createDevnetClients(manifest.rpcUrl), manifest, symbol.toUpperCase(), price)
  console.log(`${symbol.toUpperCase()} = $${price} in block ${receipt.blockNumber}`)
  process.exit(0)
} catch (e) {
  console.error(`error: ${e.shortMessage ?? e.message}`)
  process.exit(1)
}

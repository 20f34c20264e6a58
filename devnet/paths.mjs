import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const devnetDir = dirname(fileURLToPath(import.meta.url))
export const rootDir = dirname(devnetDir)
/** Git-ignored: compiled contracts and the dumped chain state. */
export const cacheDir = join(rootDir, '.devnet-cache')
export const defaultManifestPath = join(devnetDir, 'deployments.json')
export const anvilBin = join(rootDir, 'node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil')

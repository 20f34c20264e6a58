// Reading and writing the deployment manifest (devnet/deployments.json by default).
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { DEVNET_CHAIN_ID } from './anvil.mjs'
import { defaultManifestPath } from './paths.mjs'

export function writeManifest(path, { deployment, rpcUrl, wsUrl, scenario }) {
  const manifest = { version: 1, chainId: DEVNET_CHAIN_ID, rpcUrl, wsUrl, scenario, ...deployment }
  writeFileSync(`${path}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`)
  renameSync(`${path}.tmp`, path)
  return manifest
}

/** Reads the manifest a running devnet wrote, with a message saying what to do when there is none. */
export function readManifest(path = process.env.MG_MANIFEST ?? defaultManifestPath) {
  if (!existsSync(path))
    throw new Error(`no devnet manifest at ${path}: start the devnet with \`npm run devnet\` (or \`npm start\`)`)
  const manifest = JSON.parse(readFileSync(path, 'utf8'))
  if (manifest.version !== 1)
    throw new Error(`devnet manifest at ${path} has version ${manifest.version}; restart the devnet`)
  return manifest
}

/** Removes the manifest only if it still describes our node (another devnet may have replaced it). */
export function removeManifest(path, rpcUrl) {
  try {
    if (JSON.parse(readFileSync(path, 'utf8')).rpcUrl === rpcUrl) rmSync(path, { force: true })
  } catch {
    // already gone or unreadable: nothing of ours to remove
  }
}

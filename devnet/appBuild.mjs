// `npm start` serves the production build (one bundle, loads in a fraction of the dev
// server's time) and rebuilds it only when the app's sources changed since the last build.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { rootDir } from './paths.mjs'

const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'package-lock.json']
const stampPath = join(rootDir, 'dist', '.marginguard-build')

function sourcesHash() {
  const h = createHash('sha256')
  const walk = (path) => {
    if (!existsSync(path)) return
    if (statSync(path).isDirectory()) for (const f of readdirSync(path).sort()) walk(join(path, f))
    else h.update(path).update(readFileSync(path))
  }
  for (const i of inputs) walk(join(rootDir, i))
  return h.digest('hex')
}

/** Builds the app into dist/ unless the last build is of the same sources. */
export async function ensureAppBuild({ log = () => {} } = {}) {
  const hash = sourcesHash()
  if (existsSync(stampPath) && readFileSync(stampPath, 'utf8') === hash) return { built: false }
  log('building the app (once per change of its sources)…')
  const { build } = await import('vite')
  await build({ root: rootDir, logLevel: 'warn' })
  writeFileSync(stampPath, hash)
  return { built: true }
}

/** Serves dist/ (vite preview, with the /devnet.json plugin); resolves to the URL. */
export async function serveApp({ port }) {
  const { preview } = await import('vite')
  const server = await preview({ root: rootDir, preview: { port, strictPort: false, host: '127.0.0.1' } })
  return { server, url: server.resolvedUrls?.local?.[0] ?? `http://127.0.0.1:${port}/` }
}

/// <reference types="vitest/config" />
import { readFile } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'
import { configDefaults } from 'vitest/config'

const host = '127.0.0.1'
const MANIFEST_URL = '/devnet.json'

/**
 * Serves the devnet manifest at `/devnet.json` in `vite` and `vite preview`.
 * The app fetches it at runtime (never imports it at build time) because the file
 * changes whenever the devnet restarts and because tests point the app at their own
 * anvil by intercepting this URL. Read fresh from disk on every request.
 */
function devnetManifest(): Plugin {
  let root = process.cwd()
  const manifestPath = () => resolve(process.env.MG_MANIFEST ?? resolve(root, 'devnet/deployments.json'))

  async function serve(req: IncomingMessage, res: ServerResponse, next: () => void) {
    if (req.url?.split('?')[0] !== MANIFEST_URL) return next()
    const path = manifestPath()
    res.setHeader('Cache-Control', 'no-store')
    res.setHeader('Content-Type', 'application/json; charset=utf-8')
    try {
      res.end(await readFile(path))
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      res.statusCode = code === 'ENOENT' ? 404 : 500
      res.end(JSON.stringify({ error: code === 'ENOENT' ? `no devnet manifest at ${path}` : String(error), path }))
    }
  }

  return {
    name: 'marginguard:devnet-manifest',
    configResolved(config) {
      root = config.root
    },
    configureServer(server) {
      server.middlewares.use(serve)
    },
    configurePreviewServer(server) {
      server.middlewares.use(serve)
    },
  }
}

const port = (fallback: number) => (process.env.PORT ? Number(process.env.PORT) : fallback)

export default defineConfig({
  plugins: [react(), devnetManifest()],
  // strictPort: scripts and tests print and use this exact port; a busy port must fail loudly, not move.
  server: { host, port: port(5173), strictPort: true },
  preview: { host, port: port(4173), strictPort: true },
  build: {
    // Charts (recharts) and other heavy screens are loaded with dynamic import() so they land in their own
    // chunks after the first paint; nothing here may pull them into the entry chunk (initial JS ≤ 200 KB gzip).
    target: 'es2022',
    sourcemap: true,
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.{ts,tsx}'],
          exclude: [...configDefaults.exclude, 'src/**/*.devnet.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'devnet',
          environment: 'node',
          include: ['src/**/*.devnet.test.ts', 'devnet/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Each file starts its own anvil; running them one at a time keeps ports and CPU predictable on 2 cores.
          fileParallelism: false,
        },
      },
    ],
  },
})

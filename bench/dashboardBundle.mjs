// Initial JavaScript of the page, gzip: what the browser must fetch before the first paint (the entry
// script and its modulepreload links in index.html), against DESIGN.md's 200 KB; and the chunks loaded
// later (charts, the risk worker) each on its own line.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { rootDir } from '../devnet/paths.mjs'

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
const gzipSize = (path) => gzipSync(readFileSync(path), { level: 9 }).length

/** The JS files index.html loads before anything runs: `<script type="module" src>` and `<link rel="modulepreload" href>`. */
export function initialScripts(html) {
  const srcs = [...html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1])
  const preloads = [...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)].map((m) => m[1])
  return [...new Set([...srcs, ...preloads])]
}

/** Builds the app into a temporary directory (with Vite's manifest) and measures it. */
export async function initialJavaScriptRows() {
  const outDir = mkdtempSync(join(tmpdir(), 'mg-bench-bundle-'))
  try {
    const { build } = await import('vite')
    await build({ root: rootDir, logLevel: 'warn', build: { outDir, emptyOutDir: true, manifest: true } })
    const html = readFileSync(join(outDir, 'index.html'), 'utf8')
    const initial = initialScripts(html)
    if (initial.length === 0) throw new Error('no module script in the built index.html')
    const file = (url) => join(outDir, url.replace(/^\//, ''))
    const sizes = initial.map((url) => ({ url, gzip: gzipSize(file(url)) }))
    const total = sizes.reduce((s, x) => s + x.gzip, 0)
    const largest = [...sizes].sort((a, b) => b.gzip - a.gzip).slice(0, 3)

    // Lazily loaded chunks: dynamic entries of Vite's manifest that the first paint does not fetch.
    const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8'))
    const initialFiles = new Set(initial.map((u) => u.replace(/^\//, '')))
    const lazy = Object.entries(manifest)
      .filter(([, chunk]) => chunk.file.endsWith('.js') && !initialFiles.has(chunk.file) && chunk.isDynamicEntry)
      .map(([src, chunk]) => ({ src, gzip: gzipSize(join(outDir, chunk.file)) }))
    const charts = lazy.filter((c) => /chart/i.test(c.src))
    const worker = readWorkerSize(outDir, manifest)

    const rows = [
      {
        figure: `initial JavaScript, gzip (${initial.length} files: entry + modulepreload)`,
        value: `${kb(total)} — largest ${largest.map((x) => `${x.url.split('/').pop()} ${kb(x.gzip)}`).join(', ')}`,
        target: '≤ 200 KB',
        peer: 'one-chunk wagmi + viem + React + Recharts ≈ 250 KB (issue 7)',
      },
      {
        figure: 'charts chunk(s), gzip, loaded after the first paint',
        value: charts.length
          ? charts.map((c) => `${c.src.split('/').pop()} ${kb(c.gzip)}`).join(', ')
          : `no lazily loaded charts chunk (dynamic chunks: ${lazy.map((c) => c.src.split('/').pop()).join(', ') || 'none'})`,
        target: 'outside the initial JS',
      },
    ]
    if (worker) rows.push({ figure: 'risk worker chunk, gzip (off the main thread)', value: kb(worker), target: '—' })
    return rows
  } finally {
    rmSync(outDir, { recursive: true, force: true })
  }
}

/** The worker is bundled as an asset, not a manifest entry: find it by name among the manifest's files. */
function readWorkerSize(outDir, manifest) {
  for (const chunk of Object.values(manifest))
    for (const asset of chunk.assets ?? []) if (/risk\.worker/.test(asset)) return gzipSize(join(outDir, asset))
  return null
}

#!/usr/bin/env node
// `npm test`: every check, in order, failing fast with the step named.
// type-check → lint → unit tests → devnet integration tests → build → browser tests.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'
import { chromiumLaunchOptions } from '../e2e/chromiumLaunch.mjs'

const steps = [
  ['type-check', 'npx', ['tsc', '-b']],
  ['lint', 'npx', ['biome', 'check', '.']],
  ['unit tests', 'npx', ['vitest', 'run', '--project', 'unit']],
  ['devnet integration tests', 'npx', ['vitest', 'run', '--project', 'devnet']],
  ['build', 'npx', ['vite', 'build']],
  ['browser tests (Playwright, Chromium)', 'npx', ['playwright', 'test']],
]

const only = process.argv.slice(2)
const started = performance.now()
for (const [name, cmd, args] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue
  if (name.startsWith('browser') && !chromiumLaunchOptions.executablePath && !existsSync(chromium.executablePath())) {
    console.error('\n✗ browser tests need Chromium: install it with `apt-get install -y chromium` (.ci/run does this)')
    process.exit(1)
  }
  console.log(`\n▶ ${name}`)
  const t = performance.now()
  const r = spawnSync(cmd, args, { stdio: 'inherit' })
  if (r.status !== 0) {
    console.error(`\n✗ ${name} failed (exit ${r.status ?? r.signal})`)
    process.exit(r.status || 1)
  }
  console.log(`✓ ${name} (${((performance.now() - t) / 1000).toFixed(1)} s)`)
}
console.log(`\nall checks passed in ${((performance.now() - started) / 1000).toFixed(0)} s`)

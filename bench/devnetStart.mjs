// Devnet figures: cold deploy, warm start from the saved state, and `npm start` → health
// factor visible in the page (Chromium via Playwright).
import { spawn } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { freePort, startAnvil } from '../devnet/anvil.mjs'
import { deployAll, ensureDevnetState } from '../devnet/build.mjs'
import { rootDir } from '../devnet/paths.mjs'
import { chromiumLaunchOptions } from '../e2e/chromiumLaunch.mjs'
import { median, ms, seconds } from './table.mjs'

export async function coldDeploy() {
  const anvil = await startAnvil({ port: 0 })
  const t = performance.now()
  try {
    await deployAll(anvil.rpcUrl)
  } finally {
    await anvil.stop()
  }
  return {
    figure: 'devnet cold deploy (Aave V3 + Uniswap V3 + seed)',
    value: seconds(performance.now() - t),
    target: 'once; cached',
  }
}

export async function warmStart(runs = 7) {
  const { statePath } = await ensureDevnetState()
  const times = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    const anvil = await startAnvil({ port: 0, loadState: statePath })
    times.push(performance.now() - t)
    await anvil.stop()
  }
  return {
    figure: `devnet warm start (--load-state), median of ${runs}`,
    value: ms(median(times)),
    target: '≈ 0.2 s (KNOWN.md)',
  }
}

/** Spawns `npm start`'s command on free ports and measures until the page shows a health factor. */
export async function startToHealthFactor() {
  const [chainPort, appPort] = [await freePort(), await freePort()]
  const manifest = join(tmpdir(), `mg-bench-${process.pid}.json`)
  const t = performance.now()
  const child = spawn(
    process.execPath,
    ['devnet/start.mjs', '--serve', '--port', String(chainPort), '--app-port', String(appPort), '--manifest', manifest],
    {
      cwd: rootDir,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const browser = await chromium.launch(chromiumLaunchOptions)
  try {
    const url = await new Promise((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (d) => {
        out += d
        const m = out.match(/MarginGuard is at (\S+)/)
        if (m) resolve(m[1])
      })
      child.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${out}`)))
    })
    const page = await browser.newPage()
    await page.goto(url)
    await page.getByRole('button', { name: 'Demo wallet' }).click()
    await page.getByTestId('health-factor').and(page.locator('[data-wad]')).waitFor({ timeout: 60_000 })
    return {
      figure: '`npm start` → health factor visible (warm caches)',
      value: seconds(performance.now() - t),
      target: '—',
    }
  } finally {
    await browser.close()
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
  }
}

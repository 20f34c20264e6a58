// Oracle update mined on the devnet → the new health factor in the page, measured in Chromium
// (Playwright) against the built app, over many updates; and what the page sends to the node per
// block while it streams, counted from the browser's own requests.
//
// Clocks: the page stamps the moment `[data-testid=health-factor]`'s data-wad becomes the chain's
// new value (a MutationObserver: right after React commits) and the next frame after it; node
// stamps the moment the update's receipt came back (the block is mined). Both are
// performance.timeOrigin + performance.now() on one machine; the offset between the two processes'
// clocks is measured (page.evaluate round trips, narrowest one) and taken out.

import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { encodeFunctionData, parseAbi } from 'viem'
import { freePort } from '../devnet/anvil.mjs'
import { ensureAppBuild, serveApp } from '../devnet/appBuild.mjs'
import { feedAbi, feedAnswer } from '../devnet/prices.mjs'
import { startTestDevnet } from '../devnet/testing.mjs'
import { chromiumLaunchOptions } from '../e2e/chromiumLaunch.mjs'
import { median, ms, percentile } from './table.mjs'

const poolAbi = parseAbi([
  'function getUserAccountData(address user) view returns (uint256, uint256, uint256, uint256, uint256, uint256)',
])
const now = () => performance.timeOrigin + performance.now()

/** Installed before the app's scripts: every distinct data-wad the health factor element shows, stamped. */
function observeHealthFactor() {
  const seen = []
  window.__mgHealthFactors = seen
  const stamp = () => performance.timeOrigin + performance.now()
  const record = () => {
    const wad = document.querySelector('[data-testid=health-factor]')?.getAttribute('data-wad')
    if (wad == null || seen.at(-1)?.wad === wad) return
    const entry = { wad, shown: stamp(), painted: 0 }
    seen.push(entry)
    // The frame that paints it: rAF runs before that frame's paint, a task posted from it after.
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => {
        entry.painted = stamp()
      }
      channel.port2.postMessage(0)
    })
  }
  new MutationObserver(record).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-wad'],
  })
}

/** Page clock minus node clock (ms), from the narrowest of several round trips. */
async function clockOffset(page) {
  let best = { rtt: Number.POSITIVE_INFINITY, offset: 0 }
  for (let i = 0; i < 25; i++) {
    const before = now()
    const pageNow = await page.evaluate(() => performance.timeOrigin + performance.now())
    const after = now()
    if (after - before < best.rtt) best = { rtt: after - before, offset: pageNow - (before + after) / 2 }
  }
  return best
}

/**
 * @param {{ updates?: number, pauseMs?: number }} [opts] updates ≥ 50 for the figure; a pause
 *   between updates (with jitter) so each block is read on its own, as on a live chain.
 */
export async function oracleToPageRows({ updates = 60, pauseMs = 300 } = {}) {
  await ensureAppBuild()
  const devnet = await startTestDevnet()
  const manifestPath = join(tmpdir(), `mg-bench-live-${process.pid}.json`)
  writeFileSync(manifestPath, JSON.stringify(devnet.manifest))
  // The preview server reads the manifest path per request (vite.config.ts): no request interception
  // in the browser, which would put a hop through node on every RPC request of the page.
  process.env.MG_MANIFEST = manifestPath
  const served = await serveApp({ port: await freePort() })
  const browser = await chromium.launch(chromiumLaunchOptions)
  try {
    const { manifest, clients } = devnet
    const trader = manifest.accounts.trader.address
    const page = await browser.newPage()
    const rpc = []
    page.on('request', (request) => {
      if (!request.url().startsWith(manifest.rpcUrl) || request.method() !== 'POST') return
      const body = JSON.parse(request.postData() ?? '[]')
      for (const call of Array.isArray(body) ? body : [body]) rpc.push({ method: call.method, http: true })
    })
    page.on('websocket', (ws) => {
      ws.on('framesent', (frame) => {
        try {
          const body = JSON.parse(String(frame.payload))
          for (const call of Array.isArray(body) ? body : [body]) rpc.push({ method: call.method, http: false })
        } catch {
          rpc.push({ method: 'websocket frame', http: false })
        }
      })
    })
    await page.addInitScript(observeHealthFactor)
    await page.goto(served.url)
    await page.getByRole('button', { name: 'Demo wallet' }).click()
    await page.getByTestId('health-factor').and(page.locator('[data-wad]')).waitFor({ timeout: 60_000 })
    // Let the first block's work (layouts, the oracle history walk, the first risk report) finish.
    await page.waitForTimeout(2_000)
    const clock = await clockOffset(page)

    const weth = manifest.assets.find((a) => a.symbol === 'WETH')
    const [, answer] = await clients.publicClient.readContract({
      address: weth.feed,
      abi: feedAbi(),
      functionName: 'latestRoundData',
    })
    const base = Number(answer) / 1e8
    const latencies = []
    const perBlock = []
    for (let i = 0; i < updates; i++) {
      const seenBefore = await page.evaluate(() => window.__mgHealthFactors.length)
      const rpcBefore = rpc.length
      // Alternately up and down 2 %: the trader's health factor changes on every update.
      const data = encodeFunctionData({
        abi: feedAbi(),
        functionName: 'updateAnswer',
        args: [feedAnswer(base * (i % 2 ? 0.98 : 1.02))],
      })
      const sent = now()
      const hash = await clients.publicClient.request({
        method: 'eth_sendTransaction',
        params: [{ from: manifest.accounts.deployer.address, to: weth.feed, data }],
      })
      let receipt = null
      while (!receipt) receipt = await clients.publicClient.getTransactionReceipt({ hash }).catch(() => null)
      const mined = now()
      const [, , , , , hf] = await clients.publicClient.readContract({
        address: manifest.aave.pool,
        abi: poolAbi,
        functionName: 'getUserAccountData',
        args: [trader],
        blockNumber: receipt.blockNumber,
      })
      const handle = await page.waitForFunction(
        ([from, wad]) => {
          const entry = window.__mgHealthFactors.slice(from).find((e) => e.wad === wad)
          return entry && (entry.painted || performance.timeOrigin + performance.now() - entry.shown > 1_000) && entry
        },
        [seenBefore, hf.toString()],
        { timeout: 15_000 },
      )
      const entry = await handle.jsonValue()
      latencies.push({
        shown: entry.shown - clock.offset - mined,
        painted: entry.painted ? entry.painted - clock.offset - mined : Number.NaN,
        fromSend: entry.shown - clock.offset - sent,
      })
      await page.waitForTimeout(pauseMs + Math.random() * 100)
      perBlock.push(rpc.slice(rpcBefore))
    }

    const shown = latencies.map((l) => l.shown)
    const painted = latencies.map((l) => l.painted).filter(Number.isFinite)
    const fromSend = latencies.map((l) => l.fromSend)
    const count = (pred) => perBlock.map((calls) => calls.filter(pred).length)
    const ethCalls = count((c) => c.method === 'eth_call')
    const otherHttp = count((c) => c.http && c.method !== 'eth_call')
    const ws = count((c) => !c.http)
    const methods = [...new Set(perBlock.flat().map((c) => c.method))]
      .sort()
      .map((m) => `${m} ×${median(count((c) => c.method === m))}`)
      .join(', ')
    return [
      {
        figure: `oracle update mined → HF in the page (Chromium, ${latencies.length} updates)`,
        value: `p50 ${ms(median(shown))}, p95 ${ms(percentile(shown, 95))} (max ${ms(Math.max(...shown))}; clock offset ${clock.offset.toFixed(2)} ± ${(clock.rtt / 2).toFixed(2)} ms)`,
        target: 'p95 ≤ 100 ms',
        peer: 'Aave app: next 60 s poll (0–60 s)',
      },
      {
        figure: 'oracle update mined → HF painted (next frame)',
        value: painted.length
          ? `p50 ${ms(median(painted))}, p95 ${ms(percentile(painted, 95))} (${painted.length} frames seen)`
          : 'no frame observed (rAF did not run)',
        target: 'p95 ≤ 100 ms',
      },
      {
        figure: 'oracle tx sent → HF in the page (incl. mining, receipt)',
        value: `p50 ${ms(median(fromSend))}, p95 ${ms(percentile(fromSend, 95))}`,
        target: '—',
      },
      {
        figure: `the page's JSON-RPC requests per block (Chromium, ${perBlock.length} blocks)`,
        value: `eth_call median ${median(ethCalls)} (max ${Math.max(...ethCalls)}); other HTTP median ${median(otherHttp)} (max ${Math.max(...otherHttp)}); WebSocket sends ${Math.max(...ws)} — median per method: ${methods}`,
        target: '1 eth_call per block',
      },
    ]
  } finally {
    await browser.close()
    await served.server.close()
    await devnet.stop()
    delete process.env.MG_MANIFEST
  }
}

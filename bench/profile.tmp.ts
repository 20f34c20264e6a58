import { computeAccountData } from '../src/engine/accountData'
import { userPositions } from '../src/engine/positions'
import { proposeProtections } from '../src/engine/proposals/proposeProtections'
import { resolveRiskSettings } from '../src/engine/settings'
import { BENCH_SWAP_ROUTER, BENCH_WETH, tenReserveSnapshot } from './tenReserveSnapshot'
const s = tenReserveSnapshot()
const time = (name: string, f: () => unknown, n = 20000) => { for (let i = 0; i < 2000; i++) f(); const t = performance.now(); for (let i = 0; i < n; i++) f(); console.log(name, ((performance.now() - t) / n * 1000).toFixed(2), 'µs') }
time('computeAccountData', () => computeAccountData(s))
time('userPositions', () => userPositions(s))
const settings = resolveRiskSettings({})
if (process.argv[2] === 'prop') {
  const ctx = { swapRouter: BENCH_SWAP_ROUTER, wrappedNativeAsset: BENCH_WETH }
  time('proposeProtections', () => proposeProtections(s, settings, ctx as never), 300)
}

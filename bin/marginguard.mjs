#!/usr/bin/env node
// `npx marginguard …`: Node 20 cannot run TypeScript, so register tsx's ESM loader (a
// devDependency, offline) and run src/cli/main.ts, the same engine and chain code the app uses.
import { register } from 'tsx/esm/api'

let code = 1
try {
  register()
  const { main } = await import('../src/cli/main.ts')
  code = await main(process.argv.slice(2))
} catch (error) {
  // main() answers every error it expects; anything else still gets one line, not a stack trace.
  process.stderr.write(`marginguard: ${String(error?.message ?? error).split('\n')[0]}\n`)
}
// Exit explicitly (HTTP keep-alive would hold the process ~4 s), once stdout has drained.
process.stdout.write('', () => process.exit(code))

// How every browser run here launches Chromium (Playwright tests and the bench): Debian's
// /usr/bin/chromium with the flags this closed network needs, or Playwright's own browser
// where Debian's is absent.
import { existsSync } from 'node:fs'

const debianChromium = '/usr/bin/chromium'

export const chromiumLaunchOptions = {
  executablePath: existsSync(debianChromium) ? debianChromium : undefined,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
}

import { defineConfig } from '@playwright/test'
import { chromiumLaunchOptions } from './e2e/chromiumLaunch.mjs'

const previewPort = Number(process.env.MG_E2E_PORT ?? 4273)

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // Two cores: one browser at a time next to anvil keeps runs steady.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: `http://127.0.0.1:${previewPort}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    // The built app (npm test builds it first); each test file brings its own devnet.
    command: `npx vite preview --port ${previewPort} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${previewPort}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
})

import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const executablePath =
  process.env.CHROMIUM_PATH ?? (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined);
// Every run starts with an empty flow library.
const dataDir = process.env.EVENTFLOW_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'eventflow-e2e-'));

export default defineConfig({
  testDir: './e2e/specs',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 7_000 },
  // CI also asks for a JSON report, to print one summed "N passed, N failed" line.
  reporter: process.env.EVENTFLOW_TEST_REPORT_DIR
    ? [
        ['list'],
        ['json', { outputFile: path.join(process.env.EVENTFLOW_TEST_REPORT_DIR, 'playwright.json') }],
      ]
    : [['list']],
  use: {
    ...devices['Desktop Chrome'],
    baseURL,
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's chromium when present (never `npx playwright install` here); otherwise Playwright's own.
      ...(executablePath ? { executablePath } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    // Serves client/dist: `npm run test:e2e` builds it first.
    command: 'npm run serve',
    env: { PORT: String(PORT), EVENTFLOW_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    url: `${baseURL}/api/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});

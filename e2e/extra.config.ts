import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

/**
 * Specs that are not part of the normal run: the 300-node performance benchmark (e2e/perf) and the
 * README screenshots (e2e/screenshots). `npx playwright test --config e2e/extra.config.ts perf`
 */
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: ['perf/**/*.spec.ts', 'screenshots/**/*.spec.ts'],
  outputDir: '../test-results/extra',
  timeout: 120_000,
});

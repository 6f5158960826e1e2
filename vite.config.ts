/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Root-level config; the client app lives in ./client and builds to client/dist.
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: {
    port: 5173,
    proxy: {
      '/socket.io': { target: 'http://127.0.0.1:3000', ws: true },
      '/api': 'http://127.0.0.1:3000',
    },
  },
  test: {
    root: '.',
    include: [
      'client/src/**/*.test.{ts,tsx}',
      'server/src/**/*.test.ts',
      'shared/src/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 20_000,
    // Run workers collect garbage right after a run ends when `gc` is exposed, as the server starts them.
    execArgv: ['--expose-gc'],
    // CI asks for a JSON report as well, to print one summed "N passed, N failed" line.
    reporters: process.env.EVENTFLOW_TEST_REPORT_DIR ? ['default', 'json'] : ['default'],
    outputFile: process.env.EVENTFLOW_TEST_REPORT_DIR
      ? { json: `${process.env.EVENTFLOW_TEST_REPORT_DIR}/vitest.json` }
      : undefined,
  },
});

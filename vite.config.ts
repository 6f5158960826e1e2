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
    include: ['client/src/**/*.test.{ts,tsx}', 'server/src/**/*.test.ts', 'shared/src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});

import type { RunLimits, StreamOptions } from './worker-protocol.js';

/** Production budgets of one run; tests pass smaller ones. */
export const DEFAULT_RUN_LIMITS: RunLimits = {
  maxHops: 200_000_000,
  maxCpuMs: 30 * 60_000,
  storeCapacity: 1_000_000,
};

export const DEFAULT_STREAM: StreamOptions = {
  flushMs: 50,
  metricsMs: 250,
  maxBatch: 1000,
  sampleSize: 250,
  maxResync: 20_000,
};

export const DEFAULT_MAX_RUNS = 8;
export const DEFAULT_WORKER_HEAP_MB = 512;
/** Live runs one client (session) may hold: a single client can never take every slot. */
export const DEFAULT_MAX_RUNS_PER_OWNER = 3;
/** Sum of every run worker's reported memory the server allows before it ends the largest run. */
export const DEFAULT_RUN_MEMORY_BUDGET_MB = 2048;
/** Largest flow a run may start from, in characters of JSON (the socket's own message cap is 2 MB). */
export const DEFAULT_MAX_FLOW_BYTES = 2 * 1024 * 1024;
/** Seed of a run whose command and flow both leave it out. */
export const DEFAULT_SEED = 1;
